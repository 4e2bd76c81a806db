import path from 'node:path';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { collectPage } from '../collect/collect-page.js';
import { check } from '../engine/check.js';
import { createExternalChecker } from '../external/create-checker.js';
import type { ExternalChecker } from '../external/types.js';
import { resolveOptions, type Options, type ResolvedOptions } from '../options.js';
import { normaliseBase } from '../resolve/resolve-href.js';
import { urlOfFile } from '../site/site-model.js';
import type { Finding, PageRecord, Result, UnreadablePage } from '../types.js';
import { ruleDocsUrl } from '../version.js';

/** Where a file sits in the site, set by the caller on `file.data.linkgraph`. */
export interface LinkgraphFileData {
  /** Output file, relative to the site root (`about/index.html`). Default: from `file.path`. */
  file?: string;
  /** Public URL path (`/about/`). Default: from the output file and the options. */
  url?: string;
}

/**
 * The part of unified-engine's `FileSet` the plugin uses (structural, so
 * that unified-engine stays an optional companion, not a dependency).
 */
export interface FileSet {
  use(completer: ((set: FileSet) => Promise<undefined>) & { pluginId: string }): unknown;
  valueOf(): VFile[];
}

declare module 'vfile' {
  interface DataMap {
    /** linkgraph's place for a page in the site; see `LinkgraphFileData`. */
    linkgraph: LinkgraphFileData & { page?: PageRecord; unreadable?: UnreadablePage; options?: ResolvedOptions };
  }
}

/** Options of the rehype plugin: the engine's options, plus where pages live. */
export interface RehypeLinkgraphOptions extends Options {
  /**
   * A collector shared by every file of the site, when you drive unified
   * yourself; call `collector.finish()` after the last file. Not needed under
   * unified-engine (rehype-cli), where the file set's completer finishes the site.
   */
  collector?: Collector;
  /** Directory that output paths are relative to. Default: `file.cwd`. */
  root?: string;
  /**
   * Every other output file of the site (assets), relative to `root`. When
   * absent, links to files that are not pages of the pipeline are not reported.
   */
  files?: readonly string[];
}

/** Gathers the pages of one site across files and checks them together. */
export interface Collector {
  /** Record one processed file's page. */
  add(tree: Root, file: VFile): void;
  /**
   * Check the site: run every rule, attach findings to the right vfile as
   * messages (rule id, source `linkgraph`, position, docs URL) and return the result.
   */
  finish(): Promise<Result>;
}

/**
 * Make a collector for a site processed file by file.
 *
 * @param options the engine's options, plus `root` and `files`.
 * @param host the outbound check stage. Default: with `external` on, the
 *   same HTTP check as the CLI's (cache under the working directory's
 *   `node_modules/.cache/linkgraph`).
 */
export function createCollector(options: Omit<RehypeLinkgraphOptions, 'collector'> = {}, host: { external?: ExternalChecker } = {}): Collector {
  const { root, files, ...engine } = options;
  const resolved = resolveOptions(engine, 'linkgraph/rehype options');
  const entries: SiteEntry[] = [];
  return {
    add(tree, file) {
      entries.push({ ...pageOf(tree, file, resolved, root), file });
    },
    async finish() {
      return finishSite(entries, resolved, files, host.external ?? outboundCheck(resolved, process.cwd()));
    },
  };
}

/**
 * rehype plugin: each processed file becomes a page of the site. The
 * site-wide check runs when `collector.finish()` is called or, under
 * unified-engine (rehype-cli, remark-cli), in the file set's completer, so
 * that `--frail` fails the run on warnings.
 *
 * @param options the engine's options (see the README), plus `collector`, `root` and `files`.
 * @param fileSet given by unified-engine.
 */
export default function rehypeLinkgraph(options: RehypeLinkgraphOptions = {}, fileSet?: FileSet) {
  const { collector, ...rest } = options;
  if (collector) {
    return (tree: Root, file: VFile): void => collector.add(tree, file);
  }
  if (!fileSet) {
    throw new Error(
      'linkgraph/rehype checks a whole site: pass `collector: createCollector(options)` and call `collector.finish()` after the last file, or run it under unified-engine (rehype-cli)',
    );
  }
  const { root, files, ...engine } = rest;
  const resolved = resolveOptions(engine, 'linkgraph/rehype options');
  fileSet.use(Object.assign(completer(files), { pluginId: 'linkgraph' }));
  return (tree: Root, file: VFile): void => {
    file.data.linkgraph = { ...file.data.linkgraph, ...pageOf(tree, file, resolved, root), options: resolved };
  };
}

/** The unified-engine completer: runs once after every file is transformed. */
function completer(files: readonly string[] | undefined) {
  return async (set: FileSet): Promise<undefined> => {
    const entries: SiteEntry[] = [];
    let options: ResolvedOptions | undefined;
    for (const file of set.valueOf()) {
      const data = file.data.linkgraph;
      if (data?.page) entries.push({ page: data.page, file });
      else if (data?.unreadable) entries.push({ unreadable: data.unreadable, file });
      else continue;
      options ??= data.options;
    }
    if (options) await finishSite(entries, options, files, outboundCheck(options, entries[0]?.file.cwd ?? process.cwd()));
    return undefined;
  };
}

/** The outbound check the options ask for: the CLI's, or none when `external` is off. */
function outboundCheck(options: ResolvedOptions, cwd: string): ExternalChecker | undefined {
  return options.external.enabled ? createExternalChecker(options.external, { cwd }) : undefined;
}

/** A processed file of the site: its page record, or why it has none. */
type SiteEntry = ({ page: PageRecord } | { unreadable: UnreadablePage }) & { file: VFile };

/** The page record of one processed file, or, when its tree cannot be collected, why. */
function pageOf(tree: Root, file: VFile, options: ResolvedOptions, root: string | undefined): { page: PageRecord } | { unreadable: UnreadablePage } {
  const data = file.data.linkgraph ?? {};
  const output = data.file ?? outputFileOf(file, root);
  const url = data.url ?? urlOfFile(output, normaliseBase(options.base), options.trailingSlash);
  try {
    return { page: collectPage(tree, options.contentSelector === undefined ? { file: output, url } : { file: output, url, contentSelector: options.contentSelector }) };
  } catch (error) {
    return { unreadable: { file: output, url, reason: `cannot be collected: ${(error as Error).message}` } };
  }
}

/** `docs/about.md` -> `docs/about.html`; HTML paths stay as they are. */
function outputFileOf(file: VFile, root: string | undefined): string {
  const absolute = file.path ? path.resolve(file.cwd, file.path) : path.resolve(file.cwd, 'index.html');
  const relative = path.relative(root === undefined ? file.cwd : path.resolve(file.cwd, root), absolute).split(path.sep).join('/');
  return /\.html?$/i.test(relative) ? relative : relative.replace(/\.[^./]*$/, '') + '.html';
}

/** Check the site and attach each finding to its vfile. */
async function finishSite(
  entries: readonly SiteEntry[],
  options: ResolvedOptions,
  files: readonly string[] | undefined,
  external: ExternalChecker | undefined,
): Promise<Result> {
  const pages: PageRecord[] = [];
  const unreadable: UnreadablePage[] = [];
  for (const entry of entries) {
    if ('page' in entry) pages.push(entry.page);
    else unreadable.push(entry.unreadable);
  }
  const result = await check({
    pages,
    unreadable,
    files: [...pages.map((page) => page.file), ...unreadable.map((page) => page.file), ...(files ?? [])],
    options,
    assetsKnown: files !== undefined,
    external,
  });
  const byFile = new Map(entries.map((entry) => ['page' in entry ? entry.page.file : entry.unreadable.file, entry.file]));
  for (const finding of result.findings) {
    const file = byFile.get(finding.file);
    if (file) attach(file, finding);
  }
  return result;
}

/** One finding as a vfile message. */
function attach(file: VFile, finding: Finding): void {
  const position = finding.position;
  const message = file.message(finding.message, {
    ...(position.known ? { place: position.end ? { start: position.start, end: position.end } : position.start } : {}),
    ruleId: finding.ruleId,
    source: 'linkgraph',
  });
  message.url = ruleDocsUrl(finding.ruleId);
  message.fatal = finding.severity === 'error' ? true : finding.severity === 'warn' ? false : undefined;
  if (finding.expected) message.expected = [...finding.expected];
  if (finding.actual !== undefined) message.actual = finding.actual;
}
