import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SUMMARY_VERSION, type GraphSummary } from './graph-summary.js';

/** The summary's file name inside `<cacheDir>/linkgraph/`. */
export const SUMMARY_FILE = 'dev-toolbar.json';

/**
 * Write the build's summary for the dev toolbar: a temporary file, then a
 * rename, so that a dev server reading it never sees half a file.
 *
 * @returns a warning when it cannot be written.
 */
export async function writeSummary(file: string, summary: GraphSummary): Promise<string | undefined> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, JSON.stringify(summary));
    await rename(temporary, file);
    return undefined;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    return `Cannot write the dev toolbar's link graph summary \`${file}\`: ${(error as Error).message}`;
  }
}

/**
 * A reader of the summary file that reads it again only when it changed
 * (a build ran while `astro dev` did).
 *
 * @returns the summary, or undefined when there is none or it is not one this version reads.
 */
export function summaryReader(file: string): () => Promise<GraphSummary | undefined> {
  let known: { mtime: number; summary: GraphSummary | undefined } | undefined;
  return async () => {
    let mtime: number;
    try {
      mtime = (await stat(file)).mtimeMs;
    } catch {
      return undefined;
    }
    if (known?.mtime !== mtime) {
      let summary: GraphSummary | undefined;
      try {
        const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<GraphSummary>;
        summary = parsed.version === SUMMARY_VERSION && typeof parsed.pages === 'object' ? (parsed as GraphSummary) : undefined;
      } catch {
        summary = undefined;
      }
      known = { mtime, summary };
    }
    return known.summary;
  };
}
