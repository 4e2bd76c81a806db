import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { collectHtml } from '../collect/collect-html.js';
import type { CollectOptions } from '../collect/collect-page.js';
import type { PageRecord } from '../types.js';

/** A directory that cannot be read as a site. */
export class SiteDirectoryError extends Error {
  override name = 'SiteDirectoryError';
}

/** Every file of a built site, and problems met while listing it. */
export interface SiteListing {
  /** Absolute, real path of the site directory. */
  root: string;
  /** Files relative to the root, `/` separators, sorted. */
  files: string[];
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
 * only while they stay inside the directory; one pointing outside is skipped
 * with a warning, so nothing outside the site is ever read. The walk is
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
      const childAbsolute = path.join(absolute, entry.name);
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(childAbsolute);
        } catch {
          warnings.push(`Skipped \`${childRelative}\`: a symlink whose target does not exist`);
          continue;
        }
        if (real !== root && !real.startsWith(root + path.sep)) {
          warnings.push(`Skipped \`${childRelative}\`: a symlink pointing outside the site directory`);
          continue;
        }
        let info;
        try {
          info = lstatSync(real);
        } catch {
          info = undefined;
        }
        if (info?.isDirectory()) {
          if (seen.has(real)) continue;
          seen.add(real);
          walk(real, childRelative);
        } else if (info?.isFile()) {
          add(childRelative);
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
  files.sort();
  return { root, files: files.map((file) => file.normalize('NFC')), warnings };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');

/**
 * Decode a page's bytes: UTF-8 (with or without BOM); bytes that are not
 * UTF-8 are read as windows-1252, the web's fallback, with a warning.
 */
export function decodeHtml(bytes: Uint8Array, file: string, warnings: string[]): string {
  try {
    return utf8.decode(bytes);
  } catch {
    warnings.push(`\`${file}\` is not valid UTF-8; read it as windows-1252`);
    return latin1.decode(bytes);
  }
}

/**
 * Read, parse and collect one page file. A page that cannot be read gives
 * a warning and no record; the run goes on. The read is synchronous: pages
 * are read one after the other by a thread with nothing else to do, and a
 * sync read of a page costs a tenth of an awaited one (no file handle
 * object, no round trips through the thread pool), more than the overlap of
 * reading and parsing ever gave back.
 */
export function readPage(
  root: string,
  file: string,
  url: string,
  options: Omit<CollectOptions, 'file' | 'url'>,
  warnings: string[],
): PageRecord | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path.join(root, ...file.split('/')));
  } catch (error) {
    warnings.push(`Cannot read \`${file}\`: ${(error as Error).message}`);
    return undefined;
  }
  return collectBytes(bytes, file, url, options, warnings);
}

/** Decode, parse and collect a page's bytes. */
function collectBytes(bytes: Uint8Array, file: string, url: string, options: Omit<CollectOptions, 'file' | 'url'>, warnings: string[]): PageRecord {
  const html = decodeHtml(bytes, file, warnings);
  return collectHtml(html, { ...options, file, url });
}
