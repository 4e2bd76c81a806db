/**
 * What an element's name means to the page collector, as bits of one
 * table ({@link ELEMENTS}): one lookup per element.
 */
import { bitTable } from './bit-table.js';

/** Marks a template region wherever it is (`nav`, `aside`). */
export const TEMPLATE_ELEMENT = 1;
/** `header`/`footer` are landmarks only outside sectioning content (ARIA in HTML). */
export const SCOPED_LANDMARK = 2;
export const SECTIONING = 4;
/** Neither page text nor collected inside (their own attributes are). */
export const SKIP_TEXT = 8;
export const HEADING = 16;
/** Ends a run of page text. */
export const BLOCK = 32;
/** Read by name when visited (links, page fields, anchor names). */
export const SPECIAL = 64;
/** Its text is not page text, though it is read (the document's `<title>`, indexed as the title). */
export const NOT_PAGE_TEXT = 128;
/** A link context: links inside one are in the same context (ACT rule fd3a94). */
export const CONTEXT = 256;

/** Element names with a meaning to the collector, and their bits. */
export const ELEMENTS = bitTable([
  [TEMPLATE_ELEMENT, ['nav', 'aside']],
  [SCOPED_LANDMARK, ['header', 'footer']],
  [SECTIONING, ['article', 'aside', 'main', 'nav', 'section']],
  [SKIP_TEXT, ['script', 'style', 'template', 'noscript', 'svg']],
  [HEADING, ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']],
  [BLOCK, ['p', 'div', 'li', 'td', 'th', 'br', 'tr', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'dd', 'dt', 'figcaption']],
  [NOT_PAGE_TEXT, ['title']],
  [CONTEXT, ['p', 'li', 'td', 'th', 'dt', 'dd', 'caption', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']],
  [SPECIAL, ['html', 'body', 'title', 'base', 'meta', 'link', 'a', 'area', 'img', 'source', 'script', 'iframe', 'video', 'audio', 'track', 'embed', 'object', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']],
]);

/** ARIA landmark roles that mark a template region, on any element. */
export const TEMPLATE_ROLES: ReadonlySet<string> = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);
