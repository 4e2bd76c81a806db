import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ORIGIN_ATTRIBUTE } from '../collect/link-attributes.js';
import { listSite } from '../node/list-site.js';

/** Text outputs that can carry rendered Markdown (pages, feeds, JSON endpoints). */
const TEXT_OUTPUT = /\.(?:html?|xml|rss|atom|json|txt)$/i;

/** ` data-linkgraph-src="…"` as HTML serialisers write it (quotes inside are escaped as `&#x22;`). */
const ATTRIBUTE = new RegExp(` ${ORIGIN_ATTRIBUTE}="[^"]*"`, 'g');

/**
 * Remove every source-position attribute from a built site, so the
 * deployed output is exactly what Astro would write without linkgraph.
 * Only files that contain the attribute are rewritten.
 *
 * @param dir the build output directory.
 * @returns how many files were rewritten.
 */
export async function stripOrigins(dir: string): Promise<number> {
  const { root, files, names, outside } = await listSite(dir);
  // A symlink's target outside the output is not the build's to rewrite.
  const elsewhere = new Set(outside);
  const candidates = files.filter((file) => TEXT_OUTPUT.test(file) && !elsewhere.has(file));
  let rewritten = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const file = candidates[next++]!;
      const absolute = path.join(root, ...(names.get(file) ?? file).split('/'));
      const text = await readFile(absolute, 'utf8');
      if (!text.includes(ORIGIN_ATTRIBUTE)) continue;
      await writeFile(absolute, text.replace(ATTRIBUTE, ''));
      rewritten++;
    }
  };
  // A bounded number of open files, as in checkDirectory.
  await Promise.all(Array.from({ length: Math.min(16, candidates.length) }, worker));
  return rewritten;
}
