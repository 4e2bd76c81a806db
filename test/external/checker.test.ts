import type { LookupFunction } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExternalChecker } from '../../src/external/create-checker.js';
import type { ExternalHost } from '../../src/external/external-host.js';
import type { ExternalEvent } from '../../src/external/progress.js';
import type { ExternalRequest, ExternalResults } from '../../src/engine/external-stage.js';
import { resolveOptions } from '../../src/options.js';
import { delay, reply, startServer, type TestServer } from '../helpers/http-server.js';

/** Fast defaults for tests: no cache, no interval, short backoff. */
async function run(requests: readonly ExternalRequest[], external: Record<string, unknown> = {}, host: ExternalHost = {}): Promise<ExternalResults> {
  const options = resolveOptions({ external: { enabled: true, cache: false, interval: 0, retryDelay: 10, retries: 2, ...external } }).external;
  return createExternalChecker(options, { env: {}, ...host })(requests);
}

const urls = (...list: string[]): ExternalRequest[] => list.map((url) => ({ url, fragments: [] }));

/** Big HTML streamed slowly enough that a reader that stops early is noticed. */
function hugeBody(bytes: number) {
  return async (_request: unknown, response: import('node:http').ServerResponse): Promise<void> => {
    response.writeHead(200, { 'content-type': 'text/html' });
    const chunk = `<p id="x">${'a'.repeat(64 * 1024)}</p>`;
    for (let sent = 0; sent < bytes && !response.destroyed; sent += chunk.length) {
      if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
    }
    response.end();
  };
}

describe('the fault matrix', () => {
  let server: TestServer;
  let tls: TestServer;
  let refusedOrigin: string;
  let flaky = 0;
  let resets = 0;
  let limitedAt: number[] = [];
  let results: ExternalResults;
  const started = Date.now();

  beforeAll(async () => {
    server = await startServer({
      '/ok': reply(200),
      '/p301': reply(301, { location: '/ok' }),
      '/p308': reply(308, { location: '/p301' }),
      '/t302': reply(302, { location: '/ok' }),
      '/t307': reply(307, { location: '/p301' }),
      '/mixed': reply(301, { location: '/t302' }),
      '/r404': reply(301, { location: '/gone' }),
      '/missing': reply(404),
      '/gone': reply(410),
      '/flaky': (_request, response) => {
        flaky++;
        response.writeHead(flaky === 1 ? 500 : 200).end();
      },
      '/down': reply(503),
      '/limited': (_request, response) => {
        limitedAt.push(Date.now());
        if (limitedAt.length === 1) response.writeHead(429, { 'retry-after': '1' }).end();
        else response.writeHead(200).end();
      },
      '/limited-long': reply(429, { 'retry-after': '3600' }),
      '/cloudflare': reply(403, { 'cf-mitigated': 'challenge' }),
      '/linkedin': reply(999),
      '/no-head': (request, response) => {
        response.writeHead(request.method === 'HEAD' ? 405 : 200).end();
      },
      '/head-404': (request, response) => {
        response.writeHead(request.method === 'HEAD' ? 404 : 200).end();
      },
      '/slow': async (_request, response) => {
        await delay(1500);
        if (!response.destroyed) response.writeHead(200).end();
      },
      '/reset': (request) => {
        request.socket.destroy();
      },
      '/reset-once': (request, response) => {
        if (++resets === 1) request.socket.destroy();
        else response.writeHead(200).end();
      },
      '/loop-a': reply(302, { location: '/loop-b' }),
      '/loop-b': reply(301, { location: '/loop-a' }),
      '/huge': hugeBody(200 * 1024 * 1024),
      '/huge-no-head': async (request, response) => {
        if (request.method === 'HEAD') response.writeHead(405).end();
        else await hugeBody(200 * 1024 * 1024)(request, response);
      },
      '/page': reply(200, { 'content-type': 'text/html; charset=utf-8' }, '<h2 id="install">Install</h2><a name="legacy"></a>'),
    });
    const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], { keyType: 'ec', curve: 'P-256' });
    tls = await startServer({ '/': reply(200) }, { tls: { key: pems.private, cert: pems.cert } });
    const closed = await startServer({});
    refusedOrigin = closed.origin;
    await closed.close();

    const o = server.origin;
    results = await run(
      [
        ...urls(`${o}/ok`, `${o}/p301`, `${o}/p308`, `${o}/t302`, `${o}/t307`, `${o}/mixed`, `${o}/r404`, `${o}/missing`, `${o}/gone`),
        ...urls(`${o}/flaky`, `${o}/down`, `${o}/limited`, `${o}/limited-long`, `${o}/cloudflare`, `${o}/linkedin`, `${o}/no-head`, `${o}/head-404`),
        ...urls(`${o}/slow`, `${o}/reset`, `${o}/reset-once`, `${o}/loop-a`, `${o}/huge-no-head`, `${tls.origin}/`, `${refusedOrigin}/`),
        { url: `${o}/huge`, fragments: ['x'] },
        { url: `${o}/page`, fragments: ['install', 'nope'] },
      ],
      { timeouts: { headers: 300, request: 5000 } },
    );
  }, 30_000);

  afterAll(async () => {
    await Promise.all([server.close(), tls.close()]);
  });

  const status = (path: string) => results.statuses.get(path.startsWith('http') ? path : `${server.origin}${path}`);

  it('checks every URL and says so', () => {
    expect(results.checked).toBe(true);
    expect(results.statuses.size).toBe(26);
  });

  it('200 is ok, with HEAD only', () => {
    expect(status('/ok')).toEqual({ state: 'ok', status: 200 });
    expect(server.log.filter((line) => line.endsWith(' /ok') && line.startsWith('GET'))).toEqual([]);
  });

  it('301 and 308 chains are redirects to the final URL; 302/307 are followed', () => {
    expect(status('/p301')).toEqual({ state: 'redirected', status: 301, location: `${server.origin}/ok` });
    expect(status('/p308')).toEqual({ state: 'redirected', status: 308, location: `${server.origin}/ok` });
    expect(status('/t302')).toEqual({ state: 'ok', status: 200 });
    expect(status('/t307')).toEqual({ state: 'ok', status: 200 });
    // Only the permanent hops are the fix: the temporary target may be a session or a login page.
    expect(status('/mixed')).toEqual({ state: 'redirected', status: 301, location: `${server.origin}/t302` });
    expect(status('/r404')).toEqual({ state: 'broken', status: 410, reason: `gone (410) after redirects to \`${server.origin}/gone\`` });
  });

  it('404 and 410 are broken (after a GET confirms the HEAD)', () => {
    expect(status('/missing')).toEqual({ state: 'broken', status: 404, reason: 'not found (404)' });
    expect(status('/gone')).toEqual({ state: 'broken', status: 410, reason: 'gone (410)' });
    expect(server.log.filter((line) => line.endsWith(' /missing'))).toEqual(['HEAD /missing', 'GET /missing']);
  });

  it('a 500 that recovers on retry is ok; a 503 that stays is unverifiable', () => {
    expect(status('/flaky')).toEqual({ state: 'ok', status: 200 });
    expect(server.hits('/flaky')).toBe(2);
    expect(status('/down')).toEqual({ state: 'unverifiable', status: 503, reason: 'server error (503) after 3 attempts' });
    expect(server.hits('/down')).toBe(3);
  });

  it('429 with Retry-After waits as asked, then succeeds; a wait beyond the cap is unverifiable at once', () => {
    expect(status('/limited')).toEqual({ state: 'ok', status: 200 });
    expect(limitedAt).toHaveLength(2);
    expect(limitedAt[1]! - limitedAt[0]!).toBeGreaterThanOrEqual(950);
    expect(status('/limited-long')).toMatchObject({ state: 'unverifiable', status: 429 });
    expect(server.hits('/limited-long')).toBe(1);
  });

  it('bot protection is unverifiable, not broken', () => {
    expect(status('/cloudflare')).toEqual({ state: 'unverifiable', status: 403, reason: 'blocked by bot protection (403 with `cf-mitigated`)' });
    expect(status('/linkedin')).toEqual({ state: 'unverifiable', status: 999, reason: 'blocked by bot protection (status 999)' });
  });

  it('HEAD answered 405 (or 404 to HEAD only) falls back to GET', () => {
    expect(status('/no-head')).toEqual({ state: 'ok', status: 200 });
    expect(server.log.filter((line) => line.endsWith(' /no-head'))).toEqual(['HEAD /no-head', 'GET /no-head']);
    expect(status('/head-404')).toEqual({ state: 'ok', status: 200 });
  });

  it('slow headers time out and are unverifiable after retries', () => {
    expect(status('/slow')).toEqual({ state: 'unverifiable', reason: 'no response headers in time after 3 attempts' });
  });

  it('a reset connection is retried; one that keeps resetting is unverifiable', () => {
    expect(status('/reset-once')).toEqual({ state: 'ok', status: 200 });
    expect(status('/reset')).toEqual({ state: 'unverifiable', reason: 'connection reset after 3 attempts' });
  });

  it('a redirect loop is broken', () => {
    expect(status('/loop-a')).toMatchObject({ state: 'broken', reason: `redirect loop at \`${server.origin}/loop-a\`` });
  });

  it('a huge body is not downloaded: cut on GET fallback, ids given up beyond the size limit', () => {
    expect(status('/huge-no-head')).toEqual({ state: 'ok', status: 200 });
    expect(status('/huge')).toEqual({ state: 'ok', status: 200 });
    // 200 MiB bodies twice in well under the run's time means both were cut short.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a self-signed certificate is a broken TLS link', () => {
    expect(status(`${tls.origin}/`)).toMatchObject({ state: 'broken', reason: expect.stringContaining('TLS failure') });
  });

  it('a refused connection is broken while other hosts answer', () => {
    expect(status(`${refusedOrigin}/`)).toEqual({ state: 'broken', reason: 'connection refused (ECONNREFUSED)' });
  });

  it('fragments are checked with one GET that collects the page ids', () => {
    const page = status('/page');
    expect(page).toMatchObject({ state: 'ok', status: 200 });
    expect(page?.state === 'ok' ? [...(page.ids ?? [])].sort() : []).toEqual(['install', 'legacy']);
    expect(server.log.filter((line) => line.endsWith(' /page'))).toEqual(['GET /page']);
  });
});

describe('fragments on compressed and non-UTF-8 pages', () => {
  const html = '<!doctype html><title>t</title><h2 id="install">Install</h2><h2 id="café">Café</h2>';
  const ids = ['café', 'install'];
  const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
  const pages: Record<string, { headers: Record<string, string>; body: Buffer }> = {
    '/gzip': { headers: { 'content-encoding': 'gzip' }, body: gzipSync(html) },
    '/x-gzip': { headers: { 'content-encoding': 'x-gzip' }, body: gzipSync(html) },
    '/br': { headers: { 'content-encoding': 'br' }, body: brotliCompressSync(html) },
    '/deflate': { headers: { 'content-encoding': 'deflate' }, body: deflateSync(html) },
    '/deflate-raw': { headers: { 'content-encoding': 'deflate' }, body: deflateRawSync(html) },
    '/gzip-then-br': { headers: { 'content-encoding': 'gzip, br' }, body: brotliCompressSync(gzipSync(html)) },
    '/utf-16le-bom': { headers: {}, body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]) },
    '/utf-16be-bom': { headers: {}, body: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(html)]) },
    '/utf-16-header': { headers: { 'content-type': 'text/html; charset=utf-16' }, body: Buffer.from(html, 'utf16le') },
    '/utf-16be-header': { headers: { 'content-type': 'text/html; charset="UTF-16BE"' }, body: utf16be(html) },
    '/utf-16-gzip': { headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')])) },
    '/windows-1252-meta': { headers: {}, body: Buffer.from(`<meta charset="windows-1252">${html}`, 'latin1') },
    '/latin1-header': { headers: { 'content-type': 'text/html; charset=ISO-8859-1' }, body: Buffer.from(html, 'latin1') },
  };
  let server: TestServer;
  const acceptEncoding: (string | undefined)[] = [];

  beforeAll(async () => {
    const routes = Object.fromEntries(
      Object.entries(pages).map(([path, page]) => [
        path,
        reply(200, { 'content-type': 'text/html', ...page.headers }, page.body),
      ]),
    );
    server = await startServer({
      ...routes,
      '/utf-8': (request, response) => {
        acceptEncoding.push(request.headers['accept-encoding']);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      },
      '/corrupt': reply(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, 'not gzip at all'),
      '/compress': reply(200, { 'content-type': 'text/html', 'content-encoding': 'compress' }, html),
      '/cut': (request, response) => {
        const body = gzipSync(`<p id="install">${'x'.repeat(64 * 1024)}`);
        response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        response.write(body.subarray(0, body.length >> 1), () => request.socket.destroy());
      },
      '/bomb': reply(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, gzipSync(`<p id="install">${' '.repeat(4 * 1024 * 1024)}`)),
    });
  });
  afterAll(() => server.close());

  it.each(Object.keys(pages))('%s: the page is decoded before its ids are read', async (path) => {
    const results = await run([{ url: `${server.origin}${path}`, fragments: ['install'] }]);
    expect(results.statuses.get(`${server.origin}${path}`)).toEqual({ state: 'ok', status: 200, ids: new Set(ids) });
  });

  it('asks for the codings it can undo when it reads a page whole, and only then', async () => {
    acceptEncoding.length = 0;
    const results = await run([{ url: `${server.origin}/utf-8`, fragments: ['install'] }, { url: `${server.origin}/utf-8?plain`, fragments: [] }]);
    expect(results.statuses.get(`${server.origin}/utf-8`)).toEqual({ state: 'ok', status: 200, ids: new Set(ids) });
    expect(acceptEncoding).toEqual(['gzip, deflate, br', undefined]);
  });

  it('a corrupt body, a coding it cannot undo or one decoding beyond `maxBodySize` leaves the link ok and its fragments unjudged', async () => {
    const results = await run(['/corrupt', '/compress', '/bomb'].map((path) => ({ url: `${server.origin}${path}`, fragments: ['install'] })), { maxBodySize: 64 * 1024 });
    expect([...results.statuses.values()]).toEqual([1, 2, 3].map(() => ({ state: 'ok', status: 200 })));
  });

  it('a connection lost while a compressed page is read is a network failure, not a bad coding', async () => {
    const results = await run([{ url: `${server.origin}/cut`, fragments: ['install'] }]);
    expect(results.statuses.get(`${server.origin}/cut`)).toEqual({ state: 'unverifiable', reason: 'connection reset after 3 attempts' });
    expect(server.hits('/cut')).toBe(3);
  });
});

describe('a HEAD that never answers', () => {
  it('falls back to GET after a third of the headers timeout (at least 1 s), without retrying the HEAD', async () => {
    const server = await startServer({
      '/x': (request, response) => {
        if (request.method !== 'HEAD') response.writeHead(200).end();
      },
    });
    try {
      const start = Date.now();
      const results = await run(urls(`${server.origin}/x`), { timeouts: { headers: 2400, request: 5000 } });
      expect(results.statuses.get(`${server.origin}/x`)).toEqual({ state: 'ok', status: 200 });
      expect(server.log).toEqual(['HEAD /x', 'GET /x']);
      // 800 ms would be a third; 1 s for the HEAD, then the GET: well within one headers timeout.
      expect(Date.now() - start).toBeGreaterThanOrEqual(990);
      expect(Date.now() - start).toBeLessThan(1800);
    } finally {
      await server.close();
    }
  });
});

describe('politeness', () => {
  it('never has more requests or connections in flight to one host than `perHost`', async () => {
    const server = await startServer({
      '/item': async (_request, response) => {
        await delay(40);
        response.writeHead(200).end();
      },
    });
    try {
      const list = Array.from({ length: 40 }, (_, index) => ({ url: `${server.origin}/item?n=${index}`, fragments: [] }));
      const results = await run(list, { perHost: 4 });
      expect([...results.statuses.values()].every((status) => status.state === 'ok')).toBe(true);
      // Answers arrive in any order; the results keep the order of the requests.
      expect([...results.statuses.keys()]).toEqual(list.map((item) => item.url));
      expect(server.log).toHaveLength(40);
      expect(server.maxActive).toBe(4);
      expect(server.maxConnections).toBeLessThanOrEqual(4);
    } finally {
      await server.close();
    }
  });

  it('spaces requests to one host by `interval`, and per-host overrides apply to their host only', async () => {
    const times: Record<string, number[]> = { a: [], b: [] };
    const handler = (name: 'a' | 'b') => (_request: unknown, response: import('node:http').ServerResponse) => {
      times[name]!.push(Date.now());
      response.writeHead(200).end();
    };
    const a = await startServer({ '/x': handler('a') }, { host: '127.0.0.2' });
    const b = await startServer({ '/x': handler('b') }, { host: '127.0.0.3' });
    try {
      const list = [...Array.from({ length: 6 }, (_, index) => ({ url: `${a.origin}/x?${index}`, fragments: [] })), ...Array.from({ length: 6 }, (_, index) => ({ url: `${b.origin}/x?${index}`, fragments: [] }))];
      await run(list, { interval: 100, hosts: { '127.0.0.3': { interval: 0 } } });
      const gaps = (list: number[]) => list.slice(1).map((time, index) => time - list[index]!);
      // Starts are spaced on the client; arrivals jitter by a connect or two.
      expect(times['a']!.at(-1)! - times['a']![0]!).toBeGreaterThanOrEqual(450);
      expect(Math.min(...gaps(times['a']!))).toBeGreaterThanOrEqual(40);
      // Host b has no interval: all six arrive before host a is half done.
      expect(times['b']!.at(-1)!).toBeLessThan(times['a']![3]!);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a rate-limited host pauses only itself', async () => {
    let first = true;
    const slowTimes: number[] = [];
    const slow = await startServer(
      {
        '/x': (_request, response) => {
          slowTimes.push(Date.now());
          if (first) {
            first = false;
            response.writeHead(429, { 'retry-after': '1' }).end();
          } else response.writeHead(200).end();
        },
      },
      { host: '127.0.0.4' },
    );
    const fastTimes: number[] = [];
    const fast = await startServer({ '/y': (_request, response) => void (fastTimes.push(Date.now()), response.writeHead(200).end()) }, { host: '127.0.0.5' });
    try {
      const start = Date.now();
      const results = await run([...urls(`${slow.origin}/x`), ...Array.from({ length: 5 }, (_, index) => ({ url: `${fast.origin}/y?${index}`, fragments: [] }))], { interval: 20 });
      expect(results.statuses.get(`${slow.origin}/x`)).toEqual({ state: 'ok', status: 200 });
      // The other host is done long before the paused one comes back.
      expect(Math.max(...fastTimes)).toBeLessThan(slowTimes[1]! - 500);
      expect(slowTimes[1]! - slowTimes[0]!).toBeGreaterThanOrEqual(950);
      expect(Date.now() - start).toBeGreaterThanOrEqual(950);
    } finally {
      await Promise.all([slow.close(), fast.close()]);
    }
  });

  it('an exhausted quota on a good answer holds that host back until the reset', async () => {
    const times: number[] = [];
    const server = await startServer({
      '/q': (_request, response) => {
        times.push(Date.now());
        response.writeHead(200, times.length === 1 ? { 'ratelimit-remaining': '0', 'ratelimit-reset': '1' } : {}).end();
      },
    });
    try {
      // One at a time, so that the second request starts after the first answer.
      const results = await run([{ url: `${server.origin}/q?1`, fragments: [] }, { url: `${server.origin}/q?2`, fragments: [] }], { perHost: 1 });
      expect([...results.statuses.values()].map((status) => status.state)).toEqual(['ok', 'ok']);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    } finally {
      await server.close();
    }
  });

  it('a quota reset further away than `maxRetryWait` on good answers delays nothing', async () => {
    const server = await startServer({
      '/q': (_request, response) => {
        response.writeHead(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }).end();
      },
    });
    try {
      const start = Date.now();
      const results = await run(urls(`${server.origin}/q?1`, `${server.origin}/q?2`, `${server.origin}/q?3`), { perHost: 1, maxRetryWait: '2s' });
      expect([...results.statuses.values()]).toEqual([1, 2, 3].map(() => ({ state: 'ok', status: 200 })));
      // Waiting for the cap before each URL would take 4 s here.
      expect(Date.now() - start).toBeLessThan(1000);
    } finally {
      await server.close();
    }
  });

  it('good answers that keep saying the quota is used up hold their origin back `maxRetryWait` in all, no more', async () => {
    const times: number[] = [];
    const server = await startServer({
      '/q': (_request, response) => {
        times.push(Date.now());
        response.writeHead(200, { 'ratelimit-remaining': '0', 'ratelimit-reset': '0.4' }).end();
      },
    });
    try {
      const results = await run(urls(...[1, 2, 3, 4].map((index) => `${server.origin}/q?${index}`)), { perHost: 1, maxRetryWait: 600 });
      expect([...results.statuses.values()].map((status) => status.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(380);
      // 400 ms, then the 200 ms left of the 600 ms cap, then nothing: not 3 x 400 ms.
      expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(580);
      expect(times[3]! - times[0]!).toBeLessThan(900);
    } finally {
      await server.close();
    }
  });

  it('a used-up quota holds back its origin only, not other ports of the same host', async () => {
    const limitedTimes: number[] = [];
    const limited = await startServer({
      '/q': (_request, response) => {
        limitedTimes.push(Date.now());
        response.writeHead(200, limitedTimes.length === 1 ? { 'ratelimit-remaining': '0', 'ratelimit-reset': '1' } : {}).end();
      },
    });
    const otherTimes: number[] = [];
    const other = await startServer({ '/q': (_request, response) => void (otherTimes.push(Date.now()), response.writeHead(200).end()) });
    try {
      expect(new URL(limited.origin).hostname).toBe(new URL(other.origin).hostname);
      const start = Date.now();
      // Starts 100 ms apart, so that the other port's later requests start after the quota answer.
      const results = await run(urls(`${limited.origin}/q?1`, `${limited.origin}/q?2`, ...[1, 2, 3].map((index) => `${other.origin}/q?${index}`)), { perHost: 1, interval: 100 });
      expect([...results.statuses.values()].map((status) => status.state)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      expect(limitedTimes[1]! - limitedTimes[0]!).toBeGreaterThanOrEqual(950);
      expect(otherTimes).toHaveLength(3);
      expect(Math.max(...otherTimes) - start).toBeLessThan(600);
    } finally {
      await Promise.all([limited.close(), other.close()]);
    }
  });

  it('does not carry a host\'s header to the host a redirect leads to', async () => {
    const seen: Record<string, string | undefined> = {};
    const b = await startServer({ '/landing': (request, response) => void ((seen['b'] = request.headers.authorization), response.end()) }, { host: '127.0.0.7' });
    const a = await startServer(
      {
        '/': (request, response) => {
          seen['a'] = request.headers.authorization;
          response.writeHead(302, { location: `${b.origin}/landing` }).end();
        },
      },
      { host: '127.0.0.6' },
    );
    try {
      await run(urls(`${a.origin}/`), { hosts: { '127.0.0.6': { headers: { Authorization: 'Bearer s3cret' } } } });
      expect(seen).toEqual({ a: 'Bearer s3cret', b: undefined });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('sends per-host headers, with `${NAME}` from the environment, to that host only', async () => {
    const seen: Record<string, string | undefined> = {};
    const a = await startServer({ '/': (request, response) => void ((seen['a'] = request.headers.authorization), response.end()) }, { host: '127.0.0.6' });
    const b = await startServer({ '/': (request, response) => void ((seen['b'] = request.headers.authorization), response.end()) }, { host: '127.0.0.7' });
    try {
      await run(urls(`${a.origin}/`, `${b.origin}/`), { hosts: { '127.0.0.6': { headers: { Authorization: 'Bearer ${TEST_TOKEN}' } } } }, { env: { TEST_TOKEN: 's3cret' } });
      expect(seen).toEqual({ a: 'Bearer s3cret', b: undefined });
      const results = await run(urls(`${a.origin}/`), { hosts: { '127.0.0.6': { headers: { Authorization: 'Bearer ${TEST_TOKEN}' } } } });
      expect(results.warnings).toEqual(['Header `Authorization` for `127.0.0.6` not sent: environment variable `TEST_TOKEN` is not set']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('exclusion, offline mode and no network', () => {
  it('excludes reserved names without a request', async () => {
    const results = await run(urls('https://example.com/', 'http://docs.test/x'));
    expect([...results.statuses.values()].map((status) => status.state)).toEqual(['excluded', 'excluded']);
  });

  it('with `excludePrivate`, a loopback server is never asked, however its address is written', async () => {
    const server = await startServer({ '/': reply(200) });
    try {
      const port = new URL(server.origin).port;
      const list = [`${server.origin}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://[::ffff:7f00:1]:${port}/x`];
      const results = await run(urls(...list), { excludePrivate: true });
      expect(list.map((url) => results.statuses.get(url))).toEqual([
        { state: 'excluded', reason: '`127.0.0.1` is a private network address' },
        { state: 'excluded', reason: '`[::ffff:7f00:1]` is a private network address' },
        { state: 'excluded', reason: '`[::ffff:7f00:1]` is a private network address' },
      ]);
      expect(server.log).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('offline mode (option or LINKGRAPH_OFFLINE=1) makes no request at all', async () => {
    const server = await startServer({ '/': reply(200) });
    try {
      const events: ExternalEvent[] = [];
      const byOption = await run(urls(`${server.origin}/`), { offline: true }, { log: (event) => events.push(event) });
      const byEnv = await run(urls(`${server.origin}/`), {}, { env: { LINKGRAPH_OFFLINE: '1' } });
      expect(byOption).toEqual({ checked: false, reason: 'offline mode', statuses: new Map() });
      expect(byEnv).toEqual({ checked: false, reason: 'offline mode', statuses: new Map() });
      expect(server.log).toEqual([]);
      expect(events.map((event) => event.message)).toEqual(['external links: 1 URL not checked (offline mode)']);
    } finally {
      await server.close();
    }
  });

  /** Names under `.up` resolve to loopback; every other name does not exist. */
  const lookup: LookupFunction = (hostname, options, callback) => {
    const fail = () => (callback as (error: NodeJS.ErrnoException) => void)(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    if (!hostname.endsWith('.up')) return void process.nextTick(fail);
    if (options.all) (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
    else (callback as (error: null, address: string, family: number) => void)(null, '127.0.0.1', 4);
  };

  it('a name that does not resolve is broken while other hosts answer', async () => {
    const server = await startServer({ '/': reply(200) });
    try {
      const port = new URL(server.origin).port;
      const results = await run(urls(`http://site.up:${port}/`, `http://nowhere.down:${port}/`), { excludeReserved: false }, { lookup });
      expect(results.checked).toBe(true);
      expect(results.statuses.get(`http://site.up:${port}/`)).toEqual({ state: 'ok', status: 200 });
      expect(results.statuses.get(`http://nowhere.down:${port}/`)).toEqual({ state: 'broken', reason: 'host name does not resolve (ENOTFOUND)' });
    } finally {
      await server.close();
    }
  });

  it('with no host resolving, the check is reported as not done, with one warning', async () => {
    const events: ExternalEvent[] = [];
    const results = await run(urls('https://one.down/', 'https://two.down/a', 'https://three.down/'), {}, { lookup, log: (event) => events.push(event) });
    expect(results.checked).toBe(false);
    expect(results.reason).toBe('no network');
    expect(results.statuses.size).toBe(0);
    expect(results.warnings).toEqual(['External links were not checked: no network (none of 3 hosts could be resolved or reached); internal results are complete']);
    expect(events.filter((event) => event.kind === 'warning')).toHaveLength(1);
  });
});
