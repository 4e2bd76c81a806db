import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BaselineError, parseBaseline, stringifyBaseline, type Baseline } from '../engine/baseline.js';

/** The baseline file `linkgraph baseline` writes when none is named. */
export const DEFAULT_BASELINE_FILE = 'linkgraph-baseline.json';

/**
 * Read a baseline file.
 *
 * @param file path of the file, as the user named it (used in messages).
 * @param cwd directory a relative `file` is resolved against.
 * @throws {BaselineError} when the file is missing, not JSON, or malformed.
 */
export async function readBaseline(file: string, cwd: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? `${file}: no such baseline file; record one with \`linkgraph baseline <dir> --baseline ${file}\`` : `${file}: cannot read the baseline: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: the baseline is not valid JSON: ${(error as Error).message}`);
  }
  return parseBaseline(value, file);
}

/** Write a baseline file (creating its directory), in the stable form meant to be committed. */
export async function writeBaseline(file: string, cwd: string, baseline: Baseline): Promise<void> {
  const target = path.resolve(cwd, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, stringifyBaseline(baseline));
}
