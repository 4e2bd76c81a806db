/**
 * The floor of checking a site: read every HTML file, and optionally parse
 * each with one parser and nothing else. Run as a child process by
 * `bench/run.ts`, so that start-up, wall time and peak memory are measured
 * the same way as for the checkers.
 *
 * Usage: node bench/floor.ts <dir> read|htmlparser2|parse5|hast
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const [dir, mode = 'read'] = process.argv.slice(2);
if (dir === undefined || !['read', 'htmlparser2', 'parse5', 'hast'].includes(mode)) {
  process.stderr.write('usage: node bench/floor.ts <dir> read|htmlparser2|parse5|hast\n');
  process.exit(2);
}

const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
  .map((entry) => path.join(entry.parentPath, entry.name));

// Load only the parser measured, so that start-up is not charged for the others.
const { Parser } = mode === 'htmlparser2' ? await import('htmlparser2') : { Parser: undefined };
const { parse } = mode === 'parse5' ? await import('parse5') : { parse: undefined };
const { fromHtml } = mode === 'hast' ? await import('hast-util-from-html') : { fromHtml: undefined };

const decoder = new TextDecoder('utf-8');
let elements = 0;
const parseOne = (html: string): void => {
  if (Parser) {
    // Attributes are decoded and every open tag is seen: the least a link checker needs.
    const parser = new Parser({ onopentag: () => void elements++ }, { decodeEntities: true });
    parser.end(html);
  } else if (parse) {
    parse(html, { sourceCodeLocationInfo: true });
  } else if (fromHtml) {
    fromHtml(html);
  }
};

let next = 0;
let bytes = 0;
const worker = async (): Promise<void> => {
  while (next < files.length) {
    const file = files[next++]!;
    const data = await readFile(file);
    bytes += data.length;
    parseOne(decoder.decode(data));
  }
};
await Promise.all(Array.from({ length: 16 }, worker));
process.stdout.write(`${JSON.stringify({ mode, files: files.length, bytes, elements })}\n`);
