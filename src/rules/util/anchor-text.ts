import type { Graph } from '../../graph/build-graph.js';
import { segmentKey, sharedTitleSegments, TITLE_SEPARATOR } from '../../graph/title-segments.js';

/** Anchor text compared case- and whitespace-insensitively: lower case, whitespace collapsed, trimmed. */
export function normaliseAnchor(text: string): string {
  const lower = text.toLowerCase();
  // Collected texts are already collapsed: skip the rewrite when there is nothing to collapse.
  return /\s\s|[^\S ]|^ | $/.test(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
}

/** The site's anchor texts by their {@link normaliseAnchor} form: an id per distinct form. */
export interface AnchorKeys {
  /** For each text of `graph.links.texts` (by `textId`), the id of its normalised form. */
  readonly of: Int32Array;
  /** The normalised forms, by id. */
  readonly keys: readonly string[];
}

const anchorKeyMemos = new WeakMap<Graph, AnchorKeys>();

/** {@link AnchorKeys} of a graph, made once per graph: each distinct text is normalised once, not once per link. */
export function anchorKeys(graph: Graph): AnchorKeys {
  let memo = anchorKeyMemos.get(graph);
  if (memo === undefined) {
    const { texts } = graph.links;
    const of = new Int32Array(texts.length);
    const keys: string[] = [];
    const ids = new Map<string, number>();
    texts.forEach((text, textId) => {
      const key = normaliseAnchor(text);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = keys.push(key) - 1));
      of[textId] = id;
    });
    anchorKeyMemos.set(graph, (memo = { of, keys }));
  }
  return memo;
}

/** `test` of a link's anchor text, by link id: computed once per distinct text, then read. */
export function byAnchorText(graph: Graph, test: (text: string) => boolean): (link: number) => boolean {
  const { links } = graph;
  const { texts } = links;
  // -1 until computed, then 0 or 1.
  const memo = new Int8Array(texts.length).fill(-1);
  return (link) => {
    const textId = links.textId(link);
    let value = memo[textId]!;
    if (value === -1) memo[textId] = value = test(texts[textId]!) ? 1 : 0;
    return value === 1;
  };
}

/**
 * What a page is about, in its own words: its title without the site name
 * (a title segment shared by at least half of the site's titles), then its
 * headings. Whitespace-collapsed, deduplicated case-insensitively, in that
 * order. Deterministic.
 */
export function topicPhrases(graph: Graph, pageId: number): readonly string[] {
  let cache = topicCache.get(graph);
  if (!cache) topicCache.set(graph, (cache = new Map()));
  let phrases = cache.get(pageId);
  if (!phrases) cache.set(pageId, (phrases = computeTopicPhrases(graph, pageId)));
  return phrases;
}

const topicCache = new WeakMap<Graph, Map<number, readonly string[]>>();

/** {@link TITLE_SEPARATOR} as a group, so that splitting keeps the separators (made once, not per page). */
const KEPT_SEPARATOR = new RegExp(`(${TITLE_SEPARATOR.source})`);

function computeTopicPhrases(graph: Graph, pageId: number): string[] {
  const page = graph.pages[pageId]!;
  const shared = sharedTitleSegments(graph.pages);
  const phrases: string[] = [];
  if (page.title) {
    // Keep the title's own segments with the separators between them: `E - Editions | Book` -> `E - Editions`.
    const parts = page.title.split(KEPT_SEPARATOR);
    let own = '';
    let pending = '';
    for (let index = 0; index < parts.length; index += 2) {
      const segment = parts[index]!.trim();
      if (segment !== '' && !shared.has(segmentKey(segment))) {
        own += (own === '' ? '' : pending) + segment;
      }
      pending = parts[index + 1] ?? '';
    }
    phrases.push(own === '' ? page.title.split(TITLE_SEPARATOR)[0]!.trim() : own);
  }
  phrases.push(...page.headings);
  const seen = new Set<string>();
  const result: string[] = [];
  for (const phrase of phrases) {
    const text = phrase.replace(/\s+/g, ' ').trim();
    const key = normaliseAnchor(text);
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(text);
  }
  return result;
}

/** A link's target as messages show it: the internal path (with `#fragment`), else the URL. */
export function targetLabel(graph: Graph, link: number): string {
  const { target } = graph.links.resolved(link);
  switch (target.kind) {
    case 'internal':
      return `${target.path}${target.fragment === undefined ? '' : `#${target.fragment}`}`;
    case 'external':
      return `${target.url}${target.fragment === undefined ? '' : `#${target.fragment}`}`;
    case 'invalid':
      return graph.links.record(link).href;
    default:
      return target.url;
  }
}
