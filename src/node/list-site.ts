/** Listing a built site's files (only `node:` modules). */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** A directory that cannot be read as a site. */
export class SiteDirectoryError extends Error {
  override name = 'SiteDirectoryError';
}

/** Every file of a built site, and problems met while listing it. */
export interface SiteListing {
  /** Absolute, real path of the site directory. */
  root: string;
  /**
   * Files relative to the root, `/` separators, in Unicode NFC (as links
   * are resolved), sorted.
   */
  files: string[];
  /**
   * Of `files`, those whose name on disk is not in NFC (macOS writes names
   * decomposed, NFD), with that name: the one to open them by.
   */
  names: Map<string, string>;
  /**
   * Of `files`, those that are symlinks to a file outside the root (as
   * packagers link a shared jQuery): they exist where the site is deployed,
   * so links to them are fine, but they are never read. Sorted.
   */
  outside: string[];
  /**
   * Of `files`, those that are symlinks to a file inside the root (as
   * Debian's FAQ links `faq.html` to `faq.en.html`), with that file's name:
   * another name of the same file, not a file of its own.
   */
  aliases: Map<string, string>;
  warnings: string[];
}

/** Told once, during a listing, when it has found `count` files that `matches`. */
export interface ListingWatch {
  count: number;
  matches: (file: string) => boolean;
  /** Called with the site's real path; what it throws is ignored. */
  reached: (root: string) => void;
}

/**
 * List every file under a built site's directory. Symlinks are followed
 * only while they stay inside the directory. One pointing to a file outside
 * it is listed (the file exists for the site's visitors) and marked in
 * `outside`, so that nothing outside the site is ever read; one pointing to
 * a directory outside is skipped with a warning. The walk is
 * synchronous: it is a build step with nothing else to do meanwhile, and a
 * sync `readdir` per directory takes about a third of the time of awaiting one
 * (a site has a directory per page).
 *
 * @throws {SiteDirectoryError} when `dir` is missing or not a directory.
 */
export async function listSite(dir: string, watch?: ListingWatch): Promise<SiteListing> {
  let root: string;
  try {
    root = realpathSync(dir);
    if (!statSync(root).isDirectory()) throw new SiteDirectoryError(`\`${dir}\` is not a directory`);
  } catch (error) {
    if (error instanceof SiteDirectoryError) throw error;
    throw new SiteDirectoryError(`Cannot read site directory \`${dir}\`: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String((error as Error).message)}`);
  }
  const files: string[] = [];
  const outside: string[] = [];
  const aliases = new Map<string, string>();
  const warnings: string[] = [];
  const seen = new Set<string>([root]);
  let watched = 0;
  const add = (file: string): void => {
    files.push(file);
    if (watch !== undefined && watched < watch.count && watch.matches(file) && ++watched === watch.count) {
      try {
        watch.reached(root);
      } catch {
        // Only an early start: the caller does the work later anyway.
      }
    }
  };

  const walk = (absolute: string, relative: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      warnings.push(`Cannot read directory \`${relative || '.'}\`: ${(error as Error).message}`);
      return;
    }
    for (const entry of entries) {
      const childAbsolute = pathIn(absolute, entry.name);
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(childAbsolute);
        } catch {
          warnings.push(`Skipped \`${childRelative}\`: a symlink whose target does not exist`);
          continue;
        }
        let info;
        try {
          info = lstatSync(real);
        } catch {
          info = undefined;
        }
        if (real !== root && !real.startsWith(root + path.sep)) {
          if (info?.isFile()) {
            add(childRelative);
            outside.push(childRelative);
          } else warnings.push(`Skipped \`${childRelative}\`: a symlink to a directory outside the site directory`);
          continue;
        }
        if (info?.isDirectory()) {
          if (seen.has(real)) continue;
          seen.add(real);
          walk(real, childRelative);
        } else if (info?.isFile()) {
          add(childRelative);
          const named = real.slice(root.length + 1).split(path.sep).join('/');
          if (named !== childRelative) aliases.set(childRelative.normalize('NFC'), named.normalize('NFC'));
        }
      } else if (entry.isDirectory()) {
        seen.add(childAbsolute);
        walk(childAbsolute, childRelative);
      } else if (entry.isFile()) {
        add(childRelative);
      }
    }
  };
  walk(root, '');
  const names = new Map<string, string>();
  const listed = inNfc(files, names, warnings);
  return { root, files: listed, names, outside: outside.map((file) => file.normalize('NFC')).sort(), aliases, warnings };
}

/**
 * `files` in NFC, sorted, and in `names` those whose name on disk differs.
 * Two files whose names differ only in their Unicode form are one page to
 * a link: the one stored in NFC is kept, the other skipped with a warning.
 */
function inNfc(files: readonly string[], names: Map<string, string>, warnings: string[]): string[] {
  const listed = files.map((file) => file.normalize('NFC'));
  if (listed.every((file, index) => file === files[index])) return listed.sort();
  const onDisk = new Map<string, string>();
  for (const [index, file] of files.entries()) {
    const name = listed[index]!;
    const other = onDisk.get(name);
    if (other === undefined) onDisk.set(name, file);
    else {
      const [kept, skipped] = other === name ? [other, file] : file === name ? [file, other] : ([other, file].sort() as [string, string]);
      onDisk.set(name, kept);
      warnings.push(`Skipped \`${skipped}\` (${unicodeForm(skipped)}): its name differs from \`${kept}\` (${unicodeForm(kept)}) only in Unicode form, which links do not tell apart`);
    }
  }
  for (const [name, file] of onDisk) if (name !== file) names.set(name, file);
  return [...onDisk.keys()].sort();
}

function unicodeForm(name: string): string {
  return name === name.normalize('NFC') ? 'NFC' : name === name.normalize('NFD') ? 'NFD' : 'neither NFC nor NFD';
}

/**
 * The path of `relative` (`/`-separated names, no `.` or `..`, as a listing
 * gives them) inside `dir`, a real path (normalised already: only a file
 * system root ends in a separator), joined as strings: `path.join` would
 * normalise both again, for every file of the site.
 */
export function pathIn(dir: string, relative: string): string {
  return (dir.endsWith(path.sep) ? dir : dir + path.sep) + (path.sep === '/' ? relative : relative.replaceAll('/', path.sep));
}
