import { readFileSync } from 'node:fs';
import { collectHtml } from '../collect/collect-html.js';
import type { CollectOptions } from '../collect/collect-page.js';
import type { PageRecord } from '../types.js';
import { pathIn } from './list-site.js';

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

/** A page that could not be read or parsed; the message is the reason, as a clause. */
export class UnreadablePageError extends Error {
  override name = 'UnreadablePageError';
}

/**
 * Read, parse and collect one page file. The read is synchronous: pages
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
): PageRecord {
  const full = pathIn(root, file);
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
 * read makes the string without a buffer in between: at 10,000 pages it
 * took half the time of reading bytes and decoding them (190 ms against
 * 275-366 ms, with half the system time). It replaces bytes that are not
 * UTF-8 with U+FFFD, so a text holding U+FFFD is read again as bytes, and
 * it keeps a byte order mark, which the decoder drops.
 */
function readText(full: string, file: string, warnings: string[]): string {
  const text = readFileSync(full, 'utf8');
  if (text.includes('\uFFFD')) return decodeHtml(readFileSync(full), file, warnings);
  return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
}

const BYTE_ORDER_MARK = 0xfeff;
