import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import remarkParse from 'remark-parse';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import type { UnifiedOptions } from '../../src/unified/options.js';
import remarkLinkgraph, { createCollector } from '../../src/remark/index.js';
import type { Result } from '../../src/types.js';

/** One line per message: `file:line:column level rule-id reason`, as a reporter lists them (`note` for neither). */
export function messageLines(files: readonly VFile[]): string[] {
  return files.flatMap((file) =>
    file.messages.map((message) => {
      const level = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'note';
      const place = message.line === undefined ? '' : `:${message.line}:${message.column}`;
      return `${file.path}${place} ${level} ${message.ruleId ?? '-'} ${message.reason}`;
    }),
  );
}

/**
 * Check Markdown files of the folder `root` through the API, as a remark
 * pipeline with a collector: `processed` are the files in the run (default:
 * every `.md` of `all`).
 */
export async function checkMarkdown(
  root: string,
  processed: readonly string[],
  options: UnifiedOptions = {},
  plugins: PluggableList = [],
): Promise<{ files: VFile[]; result: Result; lines: string[] }> {
  const collector = createCollector({ root, ...options });
  const processor = unified().use(remarkParse).use(plugins).use(remarkLinkgraph, { collector });
  const files: VFile[] = [];
  for (const name of processed) {
    const file = new VFile({ cwd: root, path: name, value: await readFile(path.join(root, name), 'utf8') });
    await processor.run(processor.parse(file), file);
    files.push(file);
  }
  const result = await collector.finish();
  return { files, result, lines: messageLines(files) };
}

/** The built `linkgraph/remark` (npm test builds before the suite), for configs in folders outside the repository. */
export const BUILT_REMARK_PLUGIN = pathToFileURL(path.resolve(import.meta.dirname, '../../dist/remark/index.js')).href;

/** remark-cli's bin in this repository. */
const REMARK_BIN = path.resolve(import.meta.dirname, '../../node_modules/remark-cli/cli.js');

/**
 * Write a `.remarkrc.mjs` that uses the built plugin with `options` (JSON),
 * after the plugins named in `before` (package names).
 */
export async function writeRemarkrc(folder: string, options: object = {}, before: readonly string[] = []): Promise<void> {
  const imports = before.map((name, index) => `import plugin${index} from '${import.meta.resolve(name)}';\n`).join('');
  const list = [...before.map((_, index) => `plugin${index}`), `[remarkLinkgraph, ${JSON.stringify(options)}]`].join(', ');
  await writeFile(path.join(folder, '.remarkrc.mjs'), `${imports}import remarkLinkgraph from '${BUILT_REMARK_PLUGIN}';\nexport default { plugins: [${list}] };\n`);
}

/** Run a command (default: remark-cli with `args`) in `cwd`; output without colours (npx passes its own colour setting on). */
export function run(cwd: string, args: readonly string[], command: readonly string[] = [process.execPath, REMARK_BIN]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) }));
  });
}
