import type { DevFinding } from '../toolbar-protocol.js';

/** Text as HTML that shows it verbatim. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** A message as HTML: escaped, with its `backticked` values as `<code>`. */
export function inlineCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/**
 * Where the author wrote a finding's link: its Markdown or MDX line, else
 * the `.astro` file and line Astro's dev server puts on the element
 * (`data-astro-source-file`), relative to the project root.
 */
export function sourceOf(finding: DevFinding, element: Element | undefined): string | undefined {
  if (finding.origin !== undefined) return finding.origin;
  const file = element?.getAttribute('data-astro-source-file');
  if (!file) return undefined;
  const root = window.__astro_dev_toolbar__?.root ?? '';
  const relative = root !== '' && file.startsWith(root) ? file.slice(root.length) : file;
  const location = element?.getAttribute('data-astro-source-loc');
  return location ? `${relative}:${location}` : relative;
}

/** `1 error`, `2 warnings`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
