import path from 'node:path';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { collectPage } from '../collect/collect-page.js';
import { check } from '../engine/check.js';
import { createExternalChecker } from '../external/create-checker.js';
import type { ExternalChecker } from '../engine/external-stage.js';
import { fails, type ResolvedOptions } from '../options.js';
import { normaliseBase } from '../resolve/resolve-href.js';
import { isPageFile, urlOfFile } from '../site/site-model.js';
import { sourceAliases } from '../site/source-aliases.js';
import type { Directive, Finding, PageRecord, Result, UnreadablePage } from '../types.js';
import { ruleDocsUrl } from '../version.js';
import { filesOnDisk } from './files-on-disk.js';
import type { UnifiedSettings } from './options.js';
import { pageView } from './page-view.js';

/** Where a file sits in the site, set by the caller on `file.data.linkgraph`. */
export interface LinkgraphFileData {
  /** Output file, relative to the site root (`about/index.html`). Default: from `file.path`. */
  file?: string;
  /** Public URL path (`/about/`). Default: from the output file and the options. */
  url?: string;
}

/** A processed file of the site: its page record or why it has none, and what else the check needs of it. */
export type SiteEntry = ({ page: PageRecord } | { unreadable: UnreadablePage }) & {
  /** The source file (`docs/guide.md`) relative to the root, when the page is not HTML. */
  source?: string;
  /** Its suppression comments. */
  directives: readonly Directive[];
};

declare module 'vfile' {
  interface DataMap {
    /** linkgraph's place for a page in the site; see `LinkgraphFileData`. */
    linkgraph: LinkgraphFileData & { entry?: SiteEntry; settings?: UnifiedSettings };
  }
}

/**
 * The site entry of one processed file: its page record (with the heading
 * ids GitHub gives a Markdown page), or, when its tree cannot be collected, why.
 */
export function entryOf(tree: Root, file: VFile, settings: UnifiedSettings): SiteEntry {
  const data = file.data.linkgraph ?? {};
  const root = rootOf(settings, file);
  const relative = relativePath(file, root);
  const fromSource = !isPageFile(relative);
  const output = data.file ?? (fromSource ? relative.replace(/\.[^./]*$/, '') + '.html' : relative);
  const options = settings.engine;
  const url = data.url ?? urlOfFile(output, normaliseBase(options.base), options.trailingSlash);
  const source = fromSource ? { source: relative } : {};
  try {
    const view = pageView(tree, file, fromSource);
    const page = collectPage(view.tree, options.contentSelector === undefined ? { file: output, url } : { file: output, url, contentSelector: options.contentSelector });
    const ids = view.headingIds.length === 0 ? page.ids : [...page.ids, ...view.headingIds];
    return { page: { ...page, ids }, directives: view.directives, ...source };
  } catch (error) {
    return { unreadable: { file: output, url, reason: `cannot be collected: ${(error as Error).message}` }, directives: [], ...source };
  }
}

/** The site's root folder for a file: `root`, relative to the file's working directory. */
export function rootOf(settings: UnifiedSettings, file: VFile): string {
  return path.resolve(file.cwd, settings.root ?? '.');
}

/** The file's path relative to `root`, `/` separators; `index.html` for a file without a path. */
function relativePath(file: VFile, root: string): string {
  const absolute = file.path ? path.resolve(file.cwd, file.path) : path.resolve(root, 'index.html');
  return path.relative(root, absolute).split(path.sep).join('/').normalize('NFC');
}

/** The outbound check the options ask for: the CLI's, or none when `external` is off. */
export function outboundCheck(options: ResolvedOptions, cwd: string): ExternalChecker | undefined {
  return options.external.enabled ? createExternalChecker(options.external, { cwd }) : undefined;
}

/**
 * Check the site made of `files` and attach each finding to its vfile as a
 * message, and the run's warnings to the first file as notes.
 *
 * @param files the processed files, each with its `file.data.linkgraph.entry`.
 */
export async function finishSite(files: readonly VFile[], settings: UnifiedSettings, external: ExternalChecker | undefined): Promise<Result> {
  const options = settings.engine;
  const entries: { entry: SiteEntry; file: VFile }[] = [];
  for (const file of files) {
    const entry = file.data.linkgraph?.entry;
    if (entry) entries.push({ entry, file });
  }
  const pages: PageRecord[] = [];
  const unreadable: UnreadablePage[] = [];
  const byFile = new Map<string, VFile>();
  const directives = new Map<string, readonly Directive[]>();
  for (const { entry, file } of entries) {
    const output = 'page' in entry ? entry.page.file : entry.unreadable.file;
    if ('page' in entry) pages.push(entry.page);
    else unreadable.push(entry.unreadable);
    byFile.set(output, file);
    if (entry.directives.length > 0) directives.set(output, entry.directives);
  }
  const pageFiles = new Set(byFile.keys());
  const sources = entries.flatMap(({ entry }) => (entry.source === undefined ? [] : [{ source: entry.source, file: 'page' in entry ? entry.page.file : entry.unreadable.file }]));
  const aliases = sourceAliases(sources, pageFiles);
  const first = entries[0]?.file;
  let listed: Iterable<string> = settings.files === false ? [] : (settings.files ?? []);
  let partial = settings.partial === true ? 'the `partial` option says this run holds only part of the site' : undefined;
  if (settings.files === undefined && first) {
    const disk = await filesOnDisk({
      root: rootOf(settings, first),
      pages,
      known: new Set([...pageFiles, ...aliases.keys()]),
      inRun: new Set([...pageFiles, ...sources.map(({ source }) => source)]),
      options,
    });
    listed = disk.files;
    if (settings.partial === undefined && disk.outside.length > 0) {
      const [one, ...more] = disk.outside;
      const others = more.length === 0 ? ' is' : ` and ${more.length} more page${more.length === 1 ? '' : 's'} are`;
      partial = `\`${one}\`${others} not in this run; run on the whole site, or set \`partial: false\``;
    }
  }
  const result = await check({
    pages,
    unreadable,
    files: [...pageFiles, ...listed],
    options,
    assetsKnown: settings.files !== false,
    aliases,
    directives,
    partial,
    external,
  });
  for (const finding of result.findings) {
    const file = byFile.get(finding.file);
    if (file) attach(file, finding, options.failOn);
  }
  if (first) {
    const sorted = [...byFile.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const warning of result.warnings) note(sorted[0] ?? first, warning);
  }
  return result;
}

/** One finding as a vfile message: `fatal` when it fails the run under `failOn`, a warning or a note otherwise. */
function attach(file: VFile, finding: Finding, failOn: ResolvedOptions['failOn']): void {
  const position = finding.position;
  const message = file.message(finding.message, {
    ...(position.known ? { place: position.end ? { start: position.start, end: position.end } : position.start } : {}),
    ruleId: finding.ruleId,
    source: 'linkgraph',
  });
  message.url = ruleDocsUrl(finding.ruleId);
  message.fatal = fails(finding.severity, failOn) ? true : finding.severity === 'info' ? undefined : false;
  if (finding.expected) message.expected = [...finding.expected];
  if (finding.actual !== undefined) message.actual = finding.actual;
}

/** A problem of the run itself, as a note (neither error nor warning) on a file. */
function note(file: VFile, warning: string): void {
  const message = file.message(warning, { source: 'linkgraph' });
  message.fatal = undefined;
}
