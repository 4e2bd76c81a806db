/**
 * linkgraph's Astro integration: `integrations: [linkgraph()]` checks the
 * built HTML of every prerendered page at `astro:build:done`, reports each
 * link written in Markdown or MDX at its source line, and fails the build
 * when findings reach `failOn`.
 */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration, AstroIntegrationLogger, IntegrationResolvedRoute } from 'astro';
import { AstroError } from 'astro/errors';
import { z } from 'zod';
import { formatTiming, timed } from '../engine/timing.js';
import { checkDirectory } from '../node/check-directory.js';
import { recordTiming } from '../node/timing-recorder.js';
import { writeReportFile } from '../node/write-report.js';
import { OptionsError, resolveOptions, type Options, type ResolvedOptions } from '../options.js';
import { normaliseBase } from '../resolve/resolve-href.js';
import { formats, type FormatName } from '../report/formats.js';
import { formatGithubSummary } from '../report/github.js';
import { render } from '../report/render.js';
import type { Result } from '../types.js';
import { graphFacts, summariseBuild, type GraphFacts } from './graph-summary.js';
import { rehypeSourcePositions, satteriSourcePlugin, type TaggingState } from './source-positions.js';
import { stripOrigins } from './strip-origins.js';
import { SUMMARY_FILE, writeSummary } from './summary-file.js';
import { APP_ID } from './toolbar-protocol.js';
import { serveToolbar, type ToolbarServer } from './toolbar-server.js';

/** Entries the text report lists in the build log (a group of repeated findings is one). */
const LOG_LIMIT = 50;

/** Options only the Astro integration has. */
const astroOnlySchema = z.strictObject({
  /**
   * Report files to write after each build, by format, relative to the
   * project root: `{ json: 'linkgraph-report.json' }`. Default none (the text
   * report always goes to Astro's log).
   */
  reports: z.partialRecord(z.enum(Object.keys(formats) as [FormatName, ...FormatName[]]), z.string().min(1)).default({}),
  /**
   * Report links written in Markdown and MDX at their source line
   * (`src/content/blog/a.md:12:5`). Default true.
   */
  sourcePositions: z.boolean().default(true),
  /**
   * In `astro dev`, add linkgraph to Astro's dev toolbar: the page's link
   * problems and its place in the last build's link graph (which each
   * build then records in `cacheDir`). Default true.
   */
  devToolbar: z.boolean().default(true),
});

/** The toolbar app's icon: three linked pages. */
const APP_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" fill="none" stroke="#fff" stroke-width="1.6" stroke-linecap="round" aria-hidden="true"><path d="M7.2 8.4 12.8 5.6M7.2 11.6l5.6 2.8"/><circle cx="5" cy="10" r="2.4"/><circle cx="15" cy="4.5" r="2.4"/><circle cx="15" cy="15.5" r="2.4"/></svg>';

/** The toolbar app, as built next to this file. */
const APP_ENTRYPOINT = fileURLToPath(new URL('./toolbar/app.js', import.meta.url));

/** Options of the Astro integration: every engine option, plus `reports`, `sourcePositions` and `devToolbar`. */
export type AstroOptions = Options & z.input<typeof astroOnlySchema>;

/** What the integration learnt from Astro's routes. */
interface RouteFacts {
  /** Static redirects: public path (with base) -> destination. */
  redirects: Record<string, string>;
  /** i18n fallback pages Astro generates (public paths with base). */
  fallbacks: string[];
  /** Patterns of routes rendered on demand, which no build output shows. */
  onDemand: string[];
  /** Public paths (without base) of static page routes (`/about`). */
  pages: string[];
}

/**
 * The integration. Options are validated here, when `astro.config` is
 * loaded, and an error names the option.
 *
 * @param input engine options (see the README's Options) plus `reports`, `sourcePositions` and `devToolbar`.
 * @throws {OptionsError} on an unknown option or a wrong value.
 */
export default function linkgraph(input: AstroOptions = {}): AstroIntegration {
  const { reports: rawReports, sourcePositions: rawSourcePositions, devToolbar: rawDevToolbar, ...engineInput } = (input ?? {}) as Record<string, unknown>;
  const astroOnly = astroOnlySchema.safeParse({ reports: rawReports, sourcePositions: rawSourcePositions, devToolbar: rawDevToolbar });
  if (!astroOnly.success) {
    throw new OptionsError(astroOnly.error.issues.map((issue) => `linkgraph(): \`${issue.path.map(String).join('.')}\` ${issue.message.replace(/^Invalid input: /, '')}`).join('\n'));
  }
  const { reports, sourcePositions, devToolbar } = astroOnly.data;
  const userOptions = resolveOptions(engineInput, 'linkgraph()');
  const state: TaggingState = { enabled: false };
  const routes: RouteFacts = { redirects: {}, fallbacks: [], onDemand: [], pages: [] };
  let config: AstroConfig | undefined;
  let building = false;
  let toolbarServer: ToolbarServer | undefined;

  return {
    name: 'linkgraph',
    hooks: {
      'astro:config:setup': ({ config: setupConfig, command, updateConfig, addDevToolbarApp, logger }) => {
        // In `astro dev` only the toolbar app runs, and only when its page asks.
        const dev = command === 'dev' && devToolbar;
        building = command === 'build';
        if (dev) addDevToolbarApp({ id: APP_ID, name: 'linkgraph', icon: APP_ICON, entrypoint: APP_ENTRYPOINT });
        if ((!building && !dev) || !sourcePositions) return;
        state.enabled = true;
        const root = fileURLToPath(setupConfig.root);
        addSourcePlugin(setupConfig, root, state, updateConfig, logger);
      },
      'astro:routes:resolved': ({ routes: resolved }) => {
        Object.assign(routes, routeFacts(resolved));
        // Markdown compiled for on-demand pages would carry the tags into responses that nothing strips.
        // In dev they are wanted: the toolbar reads them, and nothing is deployed.
        if (building && routes.onDemand.length > 0) state.enabled = false;
      },
      'astro:server:setup': ({ server, toolbar, logger }) => {
        if (!devToolbar || !config) return;
        const done = config;
        const cacheDir = fileURLToPath(done.cacheDir);
        toolbarServer = serveToolbar(
          { server, toolbar, logger },
          {
            // Dev renders every route on demand and answers for it: no route is left unchecked.
            options: () => mergeAstroConfig(userOptions, engineInput, done, { ...routes, onDemand: [] }),
            format: done.build.format,
            root: fileURLToPath(done.root),
            cacheDir,
            summaryFile: path.join(cacheDir, 'linkgraph', SUMMARY_FILE),
            routePages: () => routes.pages.map((pathname) => `${normaliseBase(done.base)}${pathname.replace(/^\//, '')}`),
          },
        );
      },
      'astro:server:start': ({ address }) => {
        toolbarServer?.listening(address);
      },
      'astro:server:done': async () => {
        await toolbarServer?.close();
        toolbarServer = undefined;
      },
      'astro:config:done': ({ config: doneConfig }) => {
        config = doneConfig;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!config) return;
        const root = fileURLToPath(config.root);
        const siteDir = fileURLToPath(dir);
        const options = mergeAstroConfig(userOptions, engineInput, config, routes);
        let result: Result;
        // The dev toolbar's anchor texts need the graph, which the result does not carry.
        let facts: GraphFacts | undefined;
        // LINKGRAPH_TIMING=1: log how long each step took, as the CLI prints it.
        const recorder = process.env['LINKGRAPH_TIMING'] ? recordTiming() : undefined;
        const timing = recorder?.timing;
        try {
          // Outbound checks (when `external` is on) cache under Astro's cacheDir; progress and the
          // closing line go through Astro's logger (warnings reach the report instead).
          result = await checkDirectory(siteDir, options, {
            cwd: root,
            cacheDir: path.join(fileURLToPath(config.cacheDir), 'linkgraph'),
            env: process.env,
            log: (event) => {
              if (event.kind !== 'warning') logger.info(event.message);
            },
            progressEvery: 5000,
            timing,
            onGraph: devToolbar ? (graph) => (facts = timed(timing, 'dev toolbar anchors', () => graphFacts(graph))) : undefined,
          });
        } finally {
          // Tags are removed whatever happens, so the output never ships them.
          const started = performance.now();
          if (state.enabled) await stripOrigins(siteDir);
          timing?.('strip source tags', performance.now() - started);
        }
        if (facts) {
          const started = performance.now();
          const file = path.join(fileURLToPath(config.cacheDir), 'linkgraph', SUMMARY_FILE);
          const warning = await writeSummary(file, summariseBuild(result, facts, new Date()));
          if (warning) logger.warn(warning);
          facts = undefined;
          timing?.('dev toolbar summary', performance.now() - started);
        }
        const relativeDir = path.relative(root, siteDir).split(path.sep).join('/');
        const color = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
        // The build log lists what a person reads; `reports` files hold every finding.
        const text = render('text', result, { siteDir: relativeDir, color, limit: LOG_LIMIT, fullList: 'add `reports: { json: \'linkgraph-report.json\' }` to linkgraph() for the full list' });
        if (text.ok) logger.info(`\n${text.output.trimEnd()}`);
        else logger.warn(text.error);
        if (routes.onDemand.length > 0) {
          logger.info(`Not checked: ${routes.onDemand.length} on-demand route(s) rendered at request time (${routes.onDemand.map((route) => `\`${route}\``).join(', ')}); links to them are not reported.`);
        }
        const reportsStarted = performance.now();
        await writeReports(reports, result, root, relativeDir, logger);
        timing?.('write reports', performance.now() - reportsStarted);
        if (recorder) logger.info(formatTiming(recorder.steps).trimEnd());
        if (result.failed) {
          const { error, warn, info } = result.counts;
          throw new AstroError(
            `linkgraph found ${plural(error, 'error')}, ${plural(warn, 'warning')} and ${plural(info, 'info', 'info')} in the built site; findings at \`${options.failOn}\` or above fail the build.`,
            'Fix the findings listed above (each at its source line when it was written in Markdown), or change `failOn` or the rule levels in linkgraph({ ... }) in your Astro config.',
          );
        }
      },
    },
  };
}

/**
 * Add the source-position plugin to the Markdown pipeline Astro uses: the
 * configured processor's own plugin list (astro 7: Satteri `hastPlugins` or
 * unified `rehypePlugins`), else `markdown.rehypePlugins` (astro 5-6).
 */
function addSourcePlugin(
  config: AstroConfig,
  root: string,
  state: TaggingState,
  updateConfig: (config: Record<string, unknown>) => unknown,
  logger: AstroIntegrationLogger,
): void {
  const markdown = config.markdown as { processor?: { name: string; options: Record<string, unknown> } };
  const processor = markdown.processor;
  if (processor === undefined) {
    updateConfig({ markdown: { rehypePlugins: [[rehypeSourcePositions, { root, state }]] } });
    return;
  }
  const list = (key: string): unknown[] => {
    const value = processor.options[key];
    if (Array.isArray(value)) return value;
    const created: unknown[] = [];
    processor.options[key] = created;
    return created;
  };
  if (processor.name === 'satteri') list('hastPlugins').push(satteriSourcePlugin(root, state));
  else if (processor.name === 'unified') list('rehypePlugins').push([rehypeSourcePositions, { root, state }]);
  else {
    state.enabled = false;
    logger.warn(`The Markdown processor \`${processor.name}\` is not one linkgraph knows (\`satteri\`, \`unified\`): findings are reported in the built HTML, not at Markdown lines.`);
  }
}

/** Redirects, fallback pages and on-demand routes, from `astro:routes:resolved`. */
function routeFacts(resolved: readonly IntegrationResolvedRoute[]): RouteFacts {
  const facts: RouteFacts = { redirects: {}, fallbacks: [], onDemand: [], pages: [] };
  for (const route of resolved) {
    if (route.type === 'redirect' && route.pathname !== undefined && route.redirect !== undefined) {
      facts.redirects[route.pathname] = typeof route.redirect === 'string' ? route.redirect : route.redirect.destination;
    }
    // astro 5 resolves routes without `fallbackRoutes`.
    for (const fallback of (route.fallbackRoutes as IntegrationResolvedRoute[] | undefined) ?? []) {
      if (fallback.pathname !== undefined) facts.fallbacks.push(fallback.pathname);
    }
    if (!route.isPrerendered && route.origin !== 'internal' && (route.type === 'page' || route.type === 'endpoint')) facts.onDemand.push(route.pattern);
    if (route.type === 'page' && route.origin !== 'internal' && route.pathname !== undefined) facts.pages.push(route.pathname);
  }
  facts.fallbacks.sort();
  facts.onDemand.sort();
  return facts;
}

/**
 * The engine options for this build: the user's, with what Astro's config
 * says filled in where the user did not say otherwise (`site`, `base`,
 * `trailingSlash`), and merged where both add up (`redirects`, `entries`,
 * `ignore.urls` for on-demand routes).
 */
function mergeAstroConfig(user: ResolvedOptions, input: Record<string, unknown>, config: AstroConfig, routes: RouteFacts): ResolvedOptions {
  const base = normaliseBase('base' in input ? user.base : config.base);
  const withBase = (pathname: string): string => `${base}${pathname.replace(/^\//, '')}`;
  const entries = [...user.entries];
  const i18n = config.i18n;
  if (i18n) {
    const prefixDefault = i18n.routing !== 'manual' && i18n.routing.prefixDefaultLocale;
    for (const locale of i18n.locales) {
      const localePath = typeof locale === 'string' ? locale : locale.path;
      if (localePath === i18n.defaultLocale && !prefixDefault) continue;
      entries.push(withBase(`${localePath}/`));
    }
  }
  // Astro writes fallback pages no page links to: readers reach them by switching locale.
  for (const fallback of routes.fallbacks) entries.push(withBase(fallback));
  const redirects: Record<string, string> = {};
  // Astro serves a redirect's source under `base` and writes its destination as given.
  for (const [from, to] of Object.entries(routes.redirects)) redirects[withBase(from)] = to;
  const onDemand = routes.onDemand.map((pattern) => routePatternRegExp(withBase(pattern)));
  const merged: ResolvedOptions = {
    ...user,
    base,
    trailingSlash: 'trailingSlash' in input ? user.trailingSlash : config.trailingSlash,
    entries: [...new Set(entries)],
    redirects: { ...redirects, ...user.redirects },
    ignore: { ...user.ignore, urls: [...user.ignore.urls, ...onDemand] },
  };
  // Fallback pages redirect by design: links to them are how a locale links its own pages.
  // Starlight sites are multilingual by design: a link across locales where a translation exists is a slip.
  const userRules = (input['rules'] ?? {}) as Record<string, unknown>;
  if ((config.integrations ?? []).some((integration) => integration.name === '@astrojs/starlight') && !('inconsistent-locale' in userRules)) {
    const rule = user.rules.get('inconsistent-locale');
    merged.rules = new Map(merged.rules).set('inconsistent-locale', { level: 'warn', options: rule?.options ?? {} });
  }
  const redirectRule = user.rules.get('link-to-redirect');
  if (redirectRule && routes.fallbacks.length > 0) {
    const current = redirectRule.options as { allow: string[] };
    const allow = [...current.allow, ...routes.fallbacks.map((fallback) => `${withBase(fallback).replace(/\/$/, '')}{,/}`)];
    merged.rules = new Map(merged.rules).set('link-to-redirect', { level: redirectRule.level, options: { ...current, allow } });
  }
  const site = 'site' in input ? user.site : config.site === undefined ? undefined : new URL(config.site).origin;
  if (site === undefined) delete merged.site;
  else merged.site = site;
  return merged;
}

/** `/blog/[slug]` -> a RegExp matching `/blog/a`, `/blog/a/`, `/blog/a/#x`. */
function routePatternRegExp(pattern: string): RegExp {
  const source = pattern
    .replace(/\/+$/, '')
    .split(/(\[\.\.\.[^\]]+\]|\[[^\]]+\])/)
    .map((part) => (part.startsWith('[...') ? '.*' : part.startsWith('[') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?(?:[?#].*)?$`);
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/**
 * Write the configured report files. A reporter that fails is a warning; a
 * path that cannot be written fails the build, once every report was tried.
 *
 * @throws {AstroError} naming each path that could not be written.
 */
async function writeReports(
  reports: Partial<Record<FormatName, string>>,
  result: Result,
  root: string,
  siteDir: string,
  logger: AstroIntegrationLogger,
): Promise<void> {
  // In GitHub Actions, annotations go to stdout as workflow commands (the logger's prefix would
  // hide them from the runner) and the job summary carries every finding.
  if (process.env['GITHUB_ACTIONS'] === 'true') {
    const annotations = render('github', result, { siteDir });
    if (annotations.ok) process.stdout.write(annotations.output);
    const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
    if (summaryFile) {
      try {
        await appendFile(summaryFile, formatGithubSummary(result, { siteDir }));
      } catch (error) {
        logger.warn(`Cannot append the job summary to \`${summaryFile}\`: ${(error as Error).message}`);
      }
    }
  }
  const unwritable: string[] = [];
  for (const [format, file] of Object.entries(reports) as [FormatName, string][]) {
    const target = path.resolve(root, file);
    const written = await writeReportFile(target, format, result, { siteDir });
    if (written.status === 'written') logger.info(`Wrote the ${format} report to ${path.relative(root, target).split(path.sep).join('/')}`);
    else if (written.status === 'failed') logger.warn(written.error);
    else if (written.status === 'unwritable') unwritable.push(`the ${format} report to \`${file}\`: ${written.reason}`);
  }
  if (unwritable.length > 0) {
    throw new AstroError(
      `linkgraph cannot write ${unwritable.length === 1 ? unwritable[0] : `${unwritable.length} reports: ${unwritable.join('; ')}`}.`,
      'Fix the path in `reports` in linkgraph({ ... }) in your Astro config (relative to the project root), or make it writable.',
    );
  }
}
