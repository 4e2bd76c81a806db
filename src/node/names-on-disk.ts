import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Which of `names` exist under `root`: a name ending in `/` as a folder, any
 * other as a file or a folder. Only existence is asked (nothing is opened),
 * and a name that would lead outside `root` is never looked up.
 *
 * @param root absolute folder the names are relative to.
 * @param names `/`-separated, relative to `root`.
 */
export async function existingNames(root: string, names: Iterable<string>): Promise<Set<string>> {
  const found = new Set<string>();
  await Promise.all(
    [...new Set(names)].map(async (name) => {
      const absolute = inside(root, name);
      if (absolute === undefined) return;
      try {
        const stats = await stat(absolute);
        if (!name.endsWith('/') || stats.isDirectory()) found.add(name);
      } catch {
        // Missing, or not ours to look at: not there.
      }
    }),
  );
  return found;
}

/**
 * The files directly in `folders` whose extension is one of `extensions`
 * (lower case, with the dot), relative to `root`. A folder that cannot be
 * read has none.
 *
 * @param folders `/`-separated, relative to `root`, `''` for the root itself.
 */
export async function filesIn(root: string, folders: Iterable<string>, extensions: ReadonlySet<string>): Promise<string[]> {
  const lists = await Promise.all(
    [...new Set(folders)].map(async (folder) => {
      const absolute = inside(root, folder);
      if (absolute === undefined) return [];
      try {
        const entries = await readdir(absolute, { withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile() && extensions.has(path.extname(entry.name).toLowerCase()))
          .map((entry) => (folder === '' ? entry.name : `${folder.replace(/\/?$/, '/')}${entry.name}`).normalize('NFC'));
      } catch {
        return [];
      }
    }),
  );
  return lists.flat().sort();
}

/** `root/name` when it stays inside `root`, else undefined. */
function inside(root: string, name: string): string | undefined {
  if (name.includes('\0')) return undefined;
  const absolute = path.resolve(root, name);
  const relative = path.relative(root, absolute);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? undefined : absolute;
}
