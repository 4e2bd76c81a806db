import { readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { collectHtml } from '../collect/collect-html.js';
import type { CollectOptions } from '../collect/page-collector.js';
import type { PageRecord } from '../types.js';
import { pathIn } from './list-site.js';
import { PRESCAN_BYTES, prescanUtf8Text, sniffEncoding } from './sniff-encoding.js';

/**
 * Decode a page's bytes in the encoding {@link sniffEncoding} finds: its
 * byte order mark, its `<meta charset>`, else UTF-8. Bytes that are not
 * valid in that encoding become U+FFFD, with a warning naming the page
 * and the encoding; the rest of the page reads as it should (a stray byte
 * in a UTF-8 page leaves its other non-ASCII hrefs intact).
 */
export function decodeHtml(bytes: Uint8Array, file: string, warnings: string[]): string {
  const { encoding, source } = sniffEncoding(bytes);
  try {
    return decoder(encoding, true).decode(bytes);
  } catch {
    const how = source === 'bom' ? ', as its byte order mark says' : source === 'declared' ? ', the encoding it declares' : '';
    warnings.push(`\`${file}\` is not valid ${ENCODING_NAMES[encoding] ?? encoding}${how}; bytes that are not were read as U+FFFD`);
    return decoder(encoding, false).decode(bytes);
  }
}

/** A shared decoder of `encoding` (a name `TextDecoder` gave); fatal ones throw on bytes not in the encoding. */
function decoder(encoding: string, fatal: boolean): TextDecoder {
  const key = fatal ? `${encoding} fatal` : encoding;
  let found = decoders.get(key);
  if (found === undefined) decoders.set(key, (found = new TextDecoder(encoding, { fatal })));
  return found;
}

const decoders = new Map<string, TextDecoder>();

/** How the common encodings are written in prose; others keep the Encoding Standard's name. */
const ENCODING_NAMES: Readonly<Record<string, string>> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', shift_jis: 'Shift_JIS', 'euc-jp': 'EUC-JP', 'euc-kr': 'EUC-KR', gbk: 'GBK', gb18030: 'GB18030', big5: 'Big5' };

/** A page that could not be read or parsed; the message is the reason, as a clause. */
export class UnreadablePageError extends Error {
  override name = 'UnreadablePageError';
}

/**
 * Read, parse and collect one page file, `file` (the page's name in the
 * site, in NFC), stored on disk as `onDisk`. The read is synchronous: pages
 * are read one after the other by a thread with nothing else to do, and a
 * sync read of a page costs a tenth of an awaited one (no file handle
 * object, no round trips through the thread pool), more than the overlap of
 * reading and parsing ever gave back.
 *
 * @throws {UnreadablePageError} when the file cannot be read or its markup cannot be collected.
 */
export function readPage(
  root: string,
  file: string,
  url: string,
  options: Omit<CollectOptions, 'file' | 'url'>,
  warnings: string[],
  onDisk: string = file,
): PageRecord {
  const full = pathIn(root, onDisk);
  let html: string;
  try {
    html = readText(full, file, warnings);
  } catch (error) {
    // The message names the absolute path; the report names the file in the site.
    throw new UnreadablePageError(`cannot be read: ${(error as Error).message.replaceAll(full, file)}`);
  }
  try {
    return collectHtml(html, { ...options, file, url });
  } catch (error) {
    throw new UnreadablePageError(`cannot be parsed: ${(error as Error).message}`);
  }
}

/**
 * A page file's text, as {@link decodeHtml} gives it. Node's own UTF-8
 * read makes the string without a buffer in between, much cheaper than
 * reading bytes and decoding them. So a page is read that way
 * first, and read again as bytes only when that text cannot be its own:
 * when it holds U+FFFD (Node's read replaces bytes that are not UTF-8, and
 * a UTF-16 byte order mark is such bytes), or when its start declares an
 * encoding other than UTF-8. A UTF-8 byte order mark, which Node keeps and
 * the decoder drops, is dropped here.
 */
function readText(full: string, file: string, warnings: string[]): string {
  const text = readFileSync(full, 'utf8');
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) return text.includes('\uFFFD') ? decodeHtml(readFileSync(full), file, warnings) : text.slice(1);
  if (text.includes('\uFFFD') || declaresOtherEncoding(text)) return decodeHtml(readFileSync(full), file, warnings);
  return text;
}

/**
 * Whether a page read as UTF-8 (without U+FFFD, so the same bytes as on
 * disk) declares another encoding in its first {@link PRESCAN_BYTES} bytes.
 */
function declaresOtherEncoding(text: string): boolean {
  const encoding = prescanUtf8Text(text);
  return encoding !== undefined && encoding !== 'utf-8';
}

const BYTE_ORDER_MARK = 0xfeff;
