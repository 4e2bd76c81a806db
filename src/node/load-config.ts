import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OptionsError } from '../options.js';

/** Config file names looked up in the working directory, in order. */
export const CONFIG_FILES = ['linkgraph.config.js', 'linkgraph.config.mjs', 'linkgraph.config.json'] as const;

/**
 * Load a config file: the one named, or the first of {@link CONFIG_FILES}
 * in `cwd`. A `.json` file is parsed (with or without a byte order mark); a
 * `.js`/`.mjs` file's default export is used.
 *
 * @returns the raw options (validated later) and the file they came from, or undefined when there is none.
 * @throws {OptionsError} naming the file when it cannot be read or parsed.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<{ file: string; options: unknown } | undefined> {
  let file: string | undefined;
  if (explicit !== undefined) {
    file = path.resolve(cwd, explicit);
  } else {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(cwd, name);
      if (await access(candidate).then(() => true, () => false)) {
        file = candidate;
        break;
      }
    }
    if (file === undefined) return undefined;
  }
  const shown = path.relative(cwd, file) || file;
  if (file.endsWith('.json')) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new OptionsError(`Cannot read config file \`${shown}\`: ${(error as Error).message}`);
    }
    try {
      // Editors on Windows save UTF-8 with a byte order mark, which `JSON.parse` refuses.
      return { file: shown, options: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
    } catch (error) {
      throw new OptionsError(`Config file \`${shown}\` is not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return { file: shown, options: module.default ?? {} };
  } catch (error) {
    throw new OptionsError(`Cannot load config file \`${shown}\`: ${(error as Error).message}`);
  }
}
