import type { ElementKey } from './toolbar-protocol.js';

/**
 * Whether an element's attribute value holds the URL of a finding's
 * element key: equal once trimmed (as the collector trims), or, for
 * `srcset`, one of its candidates' URLs. Runs in the browser.
 *
 * @param value the attribute as the DOM gives it (`null` when absent).
 */
export function attributeMatches(value: string | null, key: ElementKey): boolean {
  if (value === null) return false;
  if (key.attribute !== 'srcset') return value.trim() === key.value;
  // `url [descriptor], url [descriptor]`: a URL with a comma in it is rare enough to miss.
  return value.split(',').some((candidate) => candidate.trim().split(/\s+/)[0] === key.value);
}

/**
 * Which of `values` (the attribute of each element with the key's tag, in
 * document order) is the key's element: the `occurrence`-th that matches;
 * when the page holds fewer (a script changed it), the last that matches.
 *
 * @returns its index in `values`, or -1 when none matches.
 */
export function pickElement(values: readonly (string | null)[], key: ElementKey): number {
  let last = -1;
  let seen = 0;
  for (let index = 0; index < values.length; index++) {
    if (!attributeMatches(values[index] ?? null, key)) continue;
    if (seen === key.occurrence) return index;
    seen++;
    last = index;
  }
  return last;
}
