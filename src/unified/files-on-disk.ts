import path from 'node:path';
import type { ResolvedOptions } from '../options.js';
import { existingNames, filesIn } from '../node/names-on-disk.js';
import { linkedPaths } from '../resolve/linked-paths.js';
import { isPageFile, lookupCandidates } from '../site/site-model.js';
import type { PageRecord } from '../types.js';

/** What {@link filesOnDisk} needs to know about the run. */
export interface DiskInput {
  /** The site's root folder, absolute. */
  root: string;
  /** The pages of the run. */
  pages: readonly PageRecord[];
  /** Names the site model already resolves: page files and their aliases (`docs/a.md`). */
  known: ReadonlySet<string>;
  /** The run's own files: page files and the source files they came from. */
  inRun: ReadonlySet<string>;
  /** The engine's options: `site` and `base` resolve the links. */
  options: ResolvedOptions;
}

/** What the disk says about the site around the run. */
export interface DiskFiles {
  /** Names the pages link to that exist under the root (files, and folders as `dir` and `dir/`), for the site model's `files`. */
  files: string[];
  /** Page files on disk (linked from the run, or beside one of its files) that are not in the run, sorted. */
  outside: string[];
}

/**
 * Look up on disk what the run's pages link to and cannot find among
 * themselves, as remark-validate-links checks files outside the processed
 * set: a file or folder that exists is there. A link to an HTML page the
 * run did not process also counts when its Markdown source exists
 * (`guide.html` for `guide.md`), so pipelines that rewrite `.md` to `.html`
 * keep working on one file. Then tell which of the site's page files are
 * not in the run: those linked from it, and those beside its files.
 */
export async function filesOnDisk(input: DiskInput): Promise<DiskFiles> {
  const { root, known, inRun } = input;
  const sourceExtensions = new Set([...inRun].filter((name) => !isPageFile(name)).map((name) => path.posix.extname(name).toLowerCase()).filter((extension) => extension !== ''));
  const pageExtensions = new Set([...sourceExtensions, ...[...inRun].filter(isPageFile).map((name) => path.posix.extname(name).toLowerCase())]);
  // Disk name -> the site files it stands for (itself, and the HTML page a source becomes).
  const wanted = new Map<string, Set<string>>();
  const want = (name: string, stands: string): void => {
    let set = wanted.get(name);
    if (!set) wanted.set(name, (set = new Set()));
    set.add(stands);
  };
  for (const sitePath of linkedPaths(input.pages, input.options.site, input.options.base)) {
    const candidates = lookupCandidates(sitePath);
    if (candidates.some((name) => known.has(name))) continue;
    for (const name of candidates) {
      want(name, name);
      if (!isPageFile(name)) continue;
      const stem = name.replace(/\.html?$/i, '');
      for (const extension of sourceExtensions) want(`${stem}${extension}`, name);
    }
  }
  const found = await existingNames(root, wanted.keys());
  const files = new Set<string>();
  const outside = new Set<string>();
  for (const name of found) {
    for (const stands of wanted.get(name)!) files.add(stands);
    if (!inRun.has(name) && pageExtensions.has(path.posix.extname(name).toLowerCase())) outside.add(name);
  }
  const folders = new Set([...inRun].map((name) => path.posix.dirname(name)).map((folder) => (folder === '.' ? '' : folder)));
  for (const name of await filesIn(root, folders, pageExtensions)) {
    if (!inRun.has(name)) outside.add(name);
  }
  return { files: [...files], outside: [...outside].sort() };
}
