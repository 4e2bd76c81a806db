import type { Graph } from './build-graph.js';
import { segmentKey, sharedTitleSegments, TITLE_SEPARATOR } from './title-segments.js';

/**
 * Marks that permalink anchors add to a heading's text (`Install¶` from
 * Sphinx, `# Install`, `Install §`, `Install 🔗`, Docusaurus's zero-width
 * space), at either end.
 */
const PERMALINK_MARKS = /^[\s#¶§🔗⚓\u200B\uFE0E\uFE0F\uFEFF]+|[\s#¶§🔗⚓\u200B\uFE0E\uFE0F\uFEFF]+$/gu;

/** A heading's words without the permalink marks at its ends, whitespace collapsed. */
export function headingText(heading: string): string {
  return heading.replace(/\s+/g, ' ').replace(PERMALINK_MARKS, '');
}

/** A heading compared case- and space-insensitively, without permalink marks. */
export function headingKey(heading: string): string {
  return headingText(heading).toLowerCase();
}

/**
 * A heading on at least this many pages, and on more than a tenth of them
 * (or than {@link SHARED_HEADING_CAP}), is a section every page has
 * ("Overview", "Navigation", "Related posts"), not a name of the page.
 */
const SHARED_HEADING_FLOOR = 3;
const SHARED_HEADING_CAP = 100;

const sharedHeadingSets = new WeakMap<Graph, ReadonlySet<string>>();

/** The headings ({@link headingKey}) that too many pages have to name one of them, once per graph. */
export function sharedHeadings(graph: Graph): ReadonlySet<string> {
  let shared = sharedHeadingSets.get(graph);
  if (shared !== undefined) return shared;
  const pagesWith = new Map<string, number>();
  for (const page of graph.pages) {
    for (const key of new Set(page.headings.map(headingKey))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const limit = Math.max(SHARED_HEADING_FLOOR - 1, Math.min(graph.pages.length / 10, SHARED_HEADING_CAP));
  shared = new Set([...pagesWith].filter(([, count]) => count > limit).map(([key]) => key));
  sharedHeadingSets.set(graph, shared);
  return shared;
}

const nameCache = new WeakMap<Graph, Map<number, readonly string[]>>();

/**
 * What a page is called, as lower-case word lists joined by spaces: each
 * part of its title that is not the site's name, its first heading unless
 * many pages share it, and the words of its URL's last segment
 * (`/deploying/apache-httpd` -> `apache httpd`, `/String.html` ->
 * `string`). Links that use one of these, or a run of its words, call the
 * page by its name.
 */
export function pageNames(graph: Graph, pageId: number): readonly string[] {
  let cache = nameCache.get(graph);
  if (!cache) nameCache.set(graph, (cache = new Map()));
  let names = cache.get(pageId);
  if (names === undefined) cache.set(pageId, (names = computeNames(graph, pageId)));
  return names;
}

function computeNames(graph: Graph, pageId: number): string[] {
  const page = graph.pages[pageId]!;
  const names = new Set<string>();
  const add = (text: string | undefined): void => {
    const words = nameWords(text ?? '');
    if (words !== '') names.add(words);
  };
  const shared = sharedTitleSegments(graph.pages);
  const segments = (page.title ?? '').split(TITLE_SEPARATOR).filter((segment) => !shared.has(segmentKey(segment)));
  add(segments.join(' '));
  for (const segment of segments) add(segment);
  const first = page.headings[0];
  if (first !== undefined && !sharedHeadings(graph).has(headingKey(first))) add(headingText(first));
  add(slugPhrase(page.url));
  return [...names];
}

/** A text's words, lower case, joined by single spaces: punctuation and symbols between words are dropped. */
export function nameWords(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/**
 * Whether an anchor text calls a page by one of its {@link pageNames}: the
 * text's words are a name, or a run of a name's whole words ("string" for
 * "class String", "deploying" for "Deploying to Production"), or a name
 * written as one word ("content-type parser" for `/ContentTypeParser`).
 */
export function callsByName(graph: Graph, pageId: number, text: string): boolean {
  const words = nameWords(text);
  if (words === '') return false;
  const joined = words.replaceAll(' ', '');
  return pageNames(graph, pageId).some((name) => name === words || ` ${name} `.includes(` ${words} `) || name.replaceAll(' ', '') === joined);
}

/** The words of a URL's last segment: `/old-topic/` -> `old topic`. */
export function slugPhrase(url: string): string | undefined {
  const slug = /([^/]+)\/?$/.exec(url)?.[1];
  return slug?.replace(/\.html?$/i, '').replace(/[-_]+/g, ' ');
}
