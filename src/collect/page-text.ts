/**
 * The texts a page record keeps: the page's text for suggestions, and the
 * collapsed text of anchors, headings and the title.
 */
import { ELLIPSIS, plainCode } from './typography.js';

/**
 * `value` with every run of whitespace one space and none at either end:
 * the text of an anchor, a heading or a title as a reader sees it.
 */
export function collapse(value: string): string {
  // Most anchor texts and headings need nothing: test before building a new string.
  if (!/[^\S ]|  |^ | $/.test(value)) return value;
  // Every run of whitespace becomes one space, but a single space between words already is one: only the
  // other runs are replaced, as a page's text has hundreds of single spaces.
  return value.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * Where a block starts or ends in the page text being gathered: a form feed,
 * whitespace that pages hardly hold, and a Latin-1 character (a marker
 * outside Latin-1, such as U+2029, would make every page text a two-byte
 * string).
 */
export const BLOCK_BREAK = '\f';

/**
 * A page's text from the text gathered in document order: every run of
 * whitespace with a block's edge ({@link BLOCK_BREAK}) in it becomes one
 * line break, every other run one space (as {@link collapse}), typographic
 * quotes and dashes their ASCII forms ({@link plainCode}), with no
 * whitespace at either end, cut to `maxText` characters.
 *
 * One pass over the parts, into a buffer of character codes, rather than
 * regular expressions over the joined text. The string made from the codes
 * is one-byte when every character fits Latin-1, even when the page itself
 * is not, so it needs no narrowing afterwards.
 */
export function pageText(parts: readonly string[], maxText: number): string {
  // Room for a separator and an ellipsis's three characters past the limit.
  if (textCodes.length < maxText + 4) textCodes = new Uint16Array(maxText + 4);
  const codes = textCodes;
  let length = 0;
  /** The separator owed before the next character: 0, a space, or a line break (a block's edge in the run). */
  let pending = 0;
  for (let part = 0; part < parts.length && length < maxText; part++) {
    const value = parts[part]!;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (isWhitespace(code)) {
        if (code === FORM_FEED) pending = LINE_FEED;
        else if (pending === 0) pending = SPACE;
        continue;
      }
      // Whitespace before the first character is dropped.
      if (pending !== 0 && length > 0) codes[length++] = pending;
      pending = 0;
      const plain = plainCode(code);
      if (plain === 0) codes[length++] = code;
      else if (plain === ELLIPSIS) {
        codes[length++] = FULL_STOP;
        codes[length++] = FULL_STOP;
        codes[length++] = FULL_STOP;
      } else codes[length++] = plain;
      if (length >= maxText) break;
    }
  }
  if (length > maxText) length = maxText;
  // A cut through a surrogate pair (an emoji) drops its first half rather than leave it alone.
  if (length > 0 && (codes[length - 1]! & 0xfc00) === 0xd800) length--;
  // A cut can end on a separator (whitespace after the last character is never written).
  while (length > 0 && (codes[length - 1] === SPACE || codes[length - 1] === LINE_FEED)) length--;
  return length === 0 ? '' : utf16.decode(codes.subarray(0, length));
}

/** Scratch codes of {@link pageText}, grown to the longest limit asked for. */
let textCodes = new Uint16Array(4096);
const utf16 = new TextDecoder('utf-16le');
const SPACE = 0x20;
const LINE_FEED = 0x0a;
const FORM_FEED = 0x0c;
const FULL_STOP = 0x2e;

/** What `\s` matches in a regular expression: ASCII whitespace, no-break space and Unicode's spaces and separators, BOM. */
function isWhitespace(code: number): boolean {
  if (code <= SPACE) return code === SPACE || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && (code <= 0x200a || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff))
  );
}
