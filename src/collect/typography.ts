/**
 * Typographic punctuation in its plain ASCII form: curly quotes, primes,
 * dashes and the ellipsis. Page texts are stored this way (see
 * `page-text.ts`), so a page text of English or another Latin-1 language
 * stays a one-byte string in V8 rather than a two-byte one for one `’`:
 * on a large site the texts are most of a run's memory. Phrases searched
 * in page texts are put in the same form.
 */
export function plainPunctuation(text: string): string {
  return TYPOGRAPHIC.test(text) ? text.replace(TYPOGRAPHIC_ALL, (char) => PLAIN[char]!) : text;
}

const PLAIN: Readonly<Record<string, string>> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201a': "'", // ‚
  '\u201b': "'", // ‛
  '\u2032': "'", // ′
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201e': '"', // „
  '\u201f': '"', // ‟
  '\u2033': '"', // ″
  '\u2010': '-', // ‐
  '\u2011': '-', // ‑
  '\u2012': '-', // ‒
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-', // ―
  '\u2212': '-', // −
  '\u2026': '...', // …
};
const CLASS = `[${Object.keys(PLAIN).join('')}]`;

/** What {@link plainCode} gives for `…`, whose plain form is `...`. */
export const ELLIPSIS = 0xffff;

/** The first and last code of {@link PLAIN}'s characters. */
const FIRST = 0x2010;
const LAST = 0x2212;

/**
 * {@link PLAIN} by character code, for a scan that reads codes: for each
 * code from U+2010 to U+2212, the code of its plain form, {@link ELLIPSIS}
 * for `…` (three characters), or 0 when it has none.
 */
const PLAIN_CODES = (() => {
  const codes = new Uint16Array(LAST - FIRST + 1);
  for (const [char, plain] of Object.entries(PLAIN)) codes[char.charCodeAt(0) - FIRST] = plain.length === 1 ? plain.charCodeAt(0) : ELLIPSIS;
  return codes;
})();

/** The code of the plain form of the character `code` (as {@link plainPunctuation}), {@link ELLIPSIS} for `…`, or 0 when it has none. */
export function plainCode(code: number): number {
  return code < FIRST || code > LAST ? 0 : PLAIN_CODES[code - FIRST]!;
}

const TYPOGRAPHIC = new RegExp(CLASS);
const TYPOGRAPHIC_ALL = new RegExp(CLASS, 'g');
