import type { AddressInfo } from 'node:net';
import type { HookParameters } from 'astro';
import type { Dispatcher } from 'undici';
import type { ResolvedOptions } from '../options.js';
import { createDevCheck, type DevResponse } from './dev-check.js';
import type { PageFormat } from './dev-site.js';
import { placeOfPath } from './graph-summary.js';
import { summaryReader } from './summary-file.js';
import { EVENTS, type CheckRequest, type PageReport } from './toolbar-protocol.js';

/** Largest HTML page read from the dev server. */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;

/** Quiet time after the last source change before the apps are told. */
const CHANGE_SETTLE_MS = 150;

/** What the toolbar's server side needs of the integration. */
export interface ToolbarHost {
  /** The options of a dev check: the user's, merged with Astro's config and routes. */
  options(): ResolvedOptions;
  /** Astro's `build.format`. */
  format: PageFormat;
  /** Project root. */
  root: string;
  /** Astro's `cacheDir`. */
  cacheDir: string;
  /** The build's summary file (see `summary-file.ts`). */
  summaryFile: string;
  /** Public URLs of the site's static page routes. */
  routePages(): Iterable<string>;
}

/** The toolbar's server side, told where the dev server listens. */
export interface ToolbarServer {
  /** The dev server listens at `address` (`astro:server:start`): the check asks it about pages there. */
  listening(address: AddressInfo): void;
  /** The dev server stops: close the connections to it. */
  close(): Promise<void>;
}

/**
 * Answer the toolbar app: check a page when an app asks (never before),
 * with the page's place from the last build; forget the dev server's
 * answers when a source file changes, and tell the apps. Nothing here runs
 * inside a request the browser made, so no page waits for it.
 */
export function serveToolbar(setup: Pick<HookParameters<'astro:server:setup'>, 'server' | 'toolbar' | 'logger'>, host: ToolbarHost): ToolbarServer {
  const { server, toolbar, logger } = setup;
  let origin: string | undefined;
  const secure = Boolean(server.config.server.https);
  const { request, close } = devRequester(() => origin);

  const readSummary = summaryReader(host.summaryFile);
  const check = createDevCheck({
    request,
    options: host.options,
    format: host.format,
    root: host.root,
    cacheDir: host.cacheDir,
    knownPages: async () => [...Object.keys((await readSummary())?.pages ?? {}), ...host.routePages()],
  });
  // One check per page and source state, shared by every app that asks meanwhile (several tabs).
  let generation = 0;
  const running = new Map<string, Promise<Omit<PageReport, 'id'>>>();

  const report = async (path: string): Promise<Omit<PageReport, 'id'>> => {
    const [checked, summary] = await Promise.all([
      check.checkPage(path).catch((error: unknown) => {
        logger.warn(`The dev toolbar could not check \`${path}\`: ${(error as Error).stack ?? String(error)}`);
        return { state: 'failed' as const, reason: `linkgraph could not check this page: ${(error as Error).message}` };
      }),
      readSummary(),
    ]);
    return { path, graph: placeOfPath(summary, path.replace(/[?#].*$/s, '')), ...checked };
  };

  toolbar.on<CheckRequest>(EVENTS.check, (asked) => {
    if (typeof asked?.id !== 'string' || typeof asked.path !== 'string' || !asked.path.startsWith('/')) return;
    const key = `${generation} ${asked.path}`;
    let pending = running.get(key);
    if (!pending) {
      pending = report(asked.path).finally(() => running.delete(key));
      running.set(key, pending);
    }
    void pending.then((done) => toolbar.send(EVENTS.report, { ...done, id: asked.id } as PageReport));
  });

  let settle: NodeJS.Timeout | undefined;
  server.watcher.on('all', () => {
    generation++;
    check.invalidate();
    clearTimeout(settle);
    settle = setTimeout(() => toolbar.send(EVENTS.changed, {}), CHANGE_SETTLE_MS);
  });

  return {
    listening(address) {
      const loopback = address.address === '::' || address.address === '0.0.0.0' ? (address.family === 'IPv6' ? '::1' : '127.0.0.1') : address.address;
      const host = loopback.includes(':') ? `[${loopback}]` : loopback;
      origin = `${secure ? 'https' : 'http'}://${host}:${address.port}`;
    },
    async close() {
      clearTimeout(settle);
      await close();
    },
  };
}

/**
 * Requests to the dev server itself: GET, redirects not followed, the body
 * read only for a successful HTML answer (up to {@link MAX_PAGE_BYTES}).
 * undici is loaded on the first request, so that `astro dev` starts as fast
 * as without linkgraph.
 *
 * @param origin where the dev server listens (`http://127.0.0.1:4321`), once it does.
 */
export function devRequester(origin: () => string | undefined): { request(path: string): Promise<DevResponse>; close(): Promise<void> } {
  let dispatcher: Dispatcher | undefined;
  return {
    async request(path) {
      const at = origin();
      if (at === undefined) throw new Error('the dev server does not listen yet');
      const url = new URL(path, at);
      // A path such as `//host/` names another server: only the dev server itself is ever asked.
      if (url.origin !== new URL(at).origin) throw new Error(`\`${path}\` is not a path on the dev server`);
      const { Agent, request: send } = await import('undici');
      // The dev server's certificate (with `server.https`) is its own.
      dispatcher ??= new Agent({ connect: { rejectUnauthorized: false } });
      const response = await send(url, {
        method: 'GET',
        dispatcher,
        headers: { accept: 'text/html,*/*;q=0.8', 'user-agent': 'linkgraph-dev-toolbar' },
      });
      const contentType = String(response.headers['content-type'] ?? '').toLowerCase();
      const answer: DevResponse = { status: response.statusCode, contentType };
      const location = response.headers['location'];
      if (typeof location === 'string') {
        const target = new URL(location, new URL(path, at));
        answer.location = target.origin === new URL(at).origin ? `${target.pathname}${target.search}${target.hash}` : target.href;
      }
      if (response.statusCode >= 200 && response.statusCode < 300 && /^(?:text\/html|application\/xhtml\+xml)/.test(contentType)) {
        answer.body = await readText(response.body);
      } else {
        await response.body.dump();
      }
      return answer;
    },
    async close() {
      await dispatcher?.close();
    },
  };
}

/** A response body as text, up to {@link MAX_PAGE_BYTES}. */
async function readText(body: AsyncIterable<Buffer> & { dump(): Promise<void> }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_PAGE_BYTES) {
      await body.dump();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
