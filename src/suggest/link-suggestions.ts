import { plainPunctuation } from '../collect/typography.js';
import type { Graph } from '../graph/build-graph.js';
import { linkMetrics } from '../graph/link-metrics.js';
import { headingKey, headingText, sharedHeadings, slugPhrase } from '../graph/page-names.js';
import { segmentKey, TITLE_SEPARATOR } from '../graph/title-segments.js';
import { buildTextIndex, row, type TextIndex } from './text-index.js';
import { terms } from './words.js';

/** A page that could link to a page that lacks links, and why. */
export interface LinkSuggestion {
  /** The page that should link. */
  pageId: number;
  url: string;
  /** BM25 similarity of the two pages (higher is closer), rounded to 2 decimals. */
  score: number;
  /** The target's title or heading that the page already mentions without a link. */
  phrase?: string;
  /** The sentence of the page where `phrase` appears, trimmed to about 200 characters. */
  sentence?: string;
}

/** Options of {@link suggestLinkers}. */
export interface SuggestOptions {
  /** Most suggestions returned. Default 3. */
  limit?: number;
  /**
   * Runs the building of the text index, which suggestions for every page
   * share, as a step timed apart (`RuleContext.step`). Default: it runs
   * untimed.
   */
  step?: (<T>(name: string, compute: () => T) => T) | undefined;
}

/**
 * Pages that should link to `pageId`, best first: pages that mention the
 * target's title or a heading without linking it come first, then the rest
 * by BM25 similarity (k1 = 1.2, b = 0.75) of their title, headings and text
 * to the target's title, headings and most distinctive words. Only
 * reachable pages of the page set are suggested, so that the new link makes
 * the target reachable. Deterministic: ties go to the shorter, then smaller
 * URL.
 */
export function suggestLinkers(graph: Graph, pageId: number, options: SuggestOptions = {}): LinkSuggestion[] {
  const limit = options.limit ?? 3;
  if (limit <= 0) return [];
  // One array of scores per graph, zeroed after each query where the query wrote: a new one per
  // query would be a page-sized typed array for every orphan, and on a large heap typed arrays
  // made in bulk trigger full collections.
  let scores = scoreArrays.get(graph);
  if (scores === undefined) scoreArrays.set(graph, (scores = new Float64Array(graph.pages.length)));
  const touched: number[] = [];
  try {
    return rankLinkers(graph, pageId, limit, scores, touched, options.step);
  } finally {
    for (const doc of touched) scores[doc] = 0;
  }
}

const scoreArrays = new WeakMap<Graph, Float64Array>();

/**
 * {@link suggestLinkers} with an array of scores, all zero, and a list
 * that receives every page whose score it sets.
 */
function rankLinkers(graph: Graph, pageId: number, limit: number, scores: Float64Array, touched: number[], step: SuggestOptions['step']): LinkSuggestion[] {
  const index = textIndex(graph, pageId, step);
  const metrics = linkMetrics(graph);
  const query = queryTerms(graph, index, pageId);
  const norms = lengthNorms(index);
  for (const term of query) {
    const docs = row(index.docStart, index.docs, term);
    const counts = row(index.docStart, index.counts, term);
    // A word on more than a tenth of the pages (and more than 25), or on more than 1,000, says little about any of
    // them, and would touch most of them: each orphan would cost work in proportion to the site.
    if (docs.length > Math.max(COMMON_FLOOR, Math.min(index.docCount / 10, COMMON_CAP))) continue;
    const idf = Math.log(1 + (index.docCount - docs.length + 0.5) / (docs.length + 0.5));
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      const tf = counts[i]!;
      const norm = norms[doc]!;
      if (scores[doc] === 0) touched.push(doc);
      scores[doc]! += (idf * tf * (K1 + 1)) / (tf + norm);
    }
  }
  const eligible = (doc: number): boolean =>
    doc !== pageId && graph.exclusion(doc) === undefined && metrics.depths.depth[doc] !== -1;

  const phrases = keyPhrases(graph, index, pageId);
  const patterns = phrases.map((phrase) => ({ phrase, pattern: phrasePattern(phrase) }));
  // Only pages that hold every word of a phrase can mention it: postings say which, without scanning texts.
  const phraseRows = phrases.map((phrase) => termRows(index, [...new Set(terms(phrase))]));
  const holdsPhrase = (doc: number): boolean => phraseRows.some((rows) => rows !== undefined && holdsAll(rows, doc));
  // Scores are compared as shown (two decimals); ties go to the shorter, then smaller URL.
  const rounded = (doc: number): number => Math.round(scores[doc]! * 100) / 100;
  const suggestion = (doc: number): LinkSuggestion => ({ pageId: doc, url: graph.pages[doc]!.url, score: rounded(doc) });
  const { rank: urlRank, ids: byUrl } = urlOrder(graph);
  const byDocRank = (a: number, b: number): number => rounded(b) - rounded(a) || urlRank[a]! - urlRank[b]!;

  // Pages that mention the target come first, best score first; stop at `limit` real mentions.
  // Candidates are taken in that order and tested one by one, so that a phrase whose words are on
  // most pages (a heading such as "Overview") costs the few candidates tested, not a set and a
  // heap of every such page per target: first the pages with a score, then the rest by URL.
  const chosen: LinkSuggestion[] = [];
  const candidate = (doc: number): boolean => eligible(doc) && holdsPhrase(doc);
  // Pages whose words match a phrase's but whose text does not hold it as words ("orphan" and "1"
  // in "orphan 1843"), read one by one, would otherwise cost a pass over the site per target.
  let budget = MENTION_BUDGET;
  const consider = (doc: number): void => {
    budget--;
    const text = graph.pages[doc]!.text ?? '';
    const mention = findMention(text, patterns);
    if (mention) chosen.push({ ...suggestion(doc), phrase: mention.phrase, sentence: mention.sentence });
  };
  // Only the candidates among the pages with a score are sorted.
  const scored = touched.filter((doc) => rounded(doc) > 0 && candidate(doc)).sort(byDocRank);
  for (let at = 0; at < scored.length && chosen.length < limit && budget > 0; at++) consider(scored[at]!);
  if (chosen.length < limit && budget > 0) {
    // The pages without a score, by URL: from the postings when few pages can hold a phrase, else
    // from every page in URL order, until enough mention the target.
    const bound = phraseRows.reduce((sum, rows) => sum + (rows?.[0]!.length ?? 0), 0);
    const candidates = bound * FEW_CANDIDATES < index.docCount ? [...pagesWithAllTerms(phraseRows)].sort((a, b) => urlRank[a]! - urlRank[b]!) : byUrl;
    for (let at = 0; at < candidates.length && chosen.length < limit && budget > 0; at++) {
      const doc = candidates[at]!;
      if (rounded(doc) === 0 && candidate(doc)) consider(doc);
    }
  }
  // Then the best of the rest by score: a running top list, not a sort of every page touched.
  // A page scoring below the list's last is passed over before anything is made for it.
  const room = limit - chosen.length;
  const taken = new Set(chosen.map((item) => item.pageId));
  const top: LinkSuggestion[] = [];
  for (const doc of touched) {
    if (room === 0) break;
    const score = rounded(doc);
    if (score <= 0 || (top.length === room && score < top[room - 1]!.score)) continue;
    if (taken.has(doc) || !eligible(doc)) continue;
    const candidate = suggestion(doc);
    if (top.length === room && byRank(candidate, top[room - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && byRank(candidate, top[at - 1]!) < 0) at--;
    top.splice(at, 0, candidate);
    if (top.length > room) top.pop();
  }
  return [...chosen, ...top];
}

const urlOrders = new WeakMap<Graph, { rank: Int32Array; ids: Int32Array }>();

/**
 * The pages ordered by shorter, then smaller URL (the tie-break of
 * suggestions), and each page's place in that order, once per graph.
 */
function urlOrder(graph: Graph): { rank: Int32Array; ids: Int32Array } {
  let order = urlOrders.get(graph);
  if (order === undefined) {
    const urls = graph.pages.map((page) => page.url);
    const ids = Int32Array.from(urls.keys()).sort((a, b) => {
      const [x, y] = [urls[a]!, urls[b]!];
      return x.length - y.length || (x < y ? -1 : x > y ? 1 : a - b);
    });
    const rank = new Int32Array(ids.length);
    ids.forEach((id, place) => {
      rank[id] = place;
    });
    urlOrders.set(graph, (order = { rank, ids }));
  }
  return order;
}

/** Higher score first; ties by shorter, then smaller URL. */
function byRank(a: LinkSuggestion, b: LinkSuggestion): number {
  return b.score - a.score || a.url.length - b.url.length || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/** A suggestion as one string: `/guide/ ("…sentence…")`, or the URL alone. */
export function formatSuggestion(suggestion: LinkSuggestion): string {
  return suggestion.sentence === undefined ? suggestion.url : `${suggestion.url} ("${suggestion.sentence}")`;
}

/** BM25 parameters, the usual defaults. */
const K1 = 1.2;
const B = 0.75;
/** Words on more pages than this, and on more than a tenth of all pages (or than {@link COMMON_CAP}), leave the query. */
const COMMON_FLOOR = 25;
/** Words on more pages than this leave the query whatever the site's size (a tenth of 10,000 pages). */
const COMMON_CAP = 1000;
/** Distinctive body words added to the query, by tf-idf. */
const BODY_TERMS = 8;

const indexes = new WeakMap<Graph, TextIndex>();
const normsOf = new WeakMap<TextIndex, Float64Array>();

/** BM25's length normalisation of each page, `K1 * (1 - B + B * length / average length)`, once per index. */
function lengthNorms(index: TextIndex): Float64Array {
  let norms = normsOf.get(index);
  if (norms === undefined) {
    norms = new Float64Array(index.docCount);
    for (let doc = 0; doc < index.docCount; doc++) norms[doc] = K1 * (1 - B + (B * index.lengths[doc]!) / index.averageLength);
    normsOf.set(index, norms);
  }
  return norms;
}

/**
 * The text index of a graph that covers `pageId` as a target, built once
 * per graph. The first build covers every page that lacks content links
 * (what the orphan rules ask about); a query about another page rebuilds
 * it for every page.
 */
function textIndex(graph: Graph, pageId: number, step: SuggestOptions['step'] = (_name, compute) => compute()): TextIndex {
  const known = indexes.get(graph);
  if (known && (known.targets === 'all' || known.targets.has(pageId))) return known;
  const index = step(SUGGESTION_INDEX_STEP, () => {
    const targets = known ? 'all' : pagesLackingContentLinks(graph);
    if (targets !== 'all' && !targets.has(pageId)) targets.add(pageId);
    return buildTextIndex(graph.pages, targets);
  });
  indexes.set(graph, index);
  return index;
}

/** The step name of building the text index, as `LINKGRAPH_TIMING` shows it. */
export const SUGGESTION_INDEX_STEP = 'suggestion index';

/** Pages with no content link from a page other than a redirect stub. */
function pagesLackingContentLinks(graph: Graph): Set<number> {
  const { stub } = linkMetrics(graph);
  const found = new Set<number>();
  for (let pageId = 0; pageId < graph.pages.length; pageId++) {
    let linked = false;
    for (const edge of graph.inbound(pageId)) {
      if (graph.isContentEdge(edge) && !stub[graph.edgeFrom[edge]!]) {
        linked = true;
        break;
      }
    }
    if (!linked) found.add(pageId);
  }
  return found;
}


/**
 * The body postings of each term of a list, shortest first; `undefined`
 * when the list is empty or a term is on no page (no page holds them all).
 */
function termRows(index: TextIndex, list: readonly string[]): Int32Array[] | undefined {
  if (list.length === 0) return undefined;
  const rows: Int32Array[] = [];
  for (const term of list) {
    const id = index.termId.get(term);
    const found = id === undefined ? EMPTY_ROW : row(index.bodyStart, index.bodyDocs, id);
    if (found.length === 0) return undefined;
    rows.push(found);
  }
  return rows.sort((a, b) => a.length - b.length);
}

/**
 * Pages whose body holds every term of at least one of the lists (as
 * {@link termRows} gives them). Postings are sorted by page, so the
 * shortest row is walked and each page looked up in the others by binary
 * search: the cost follows the rarest word, not the site's size.
 */
function pagesWithAllTerms(lists: readonly (Int32Array[] | undefined)[]): Set<number> {
  const found = new Set<number>();
  for (const rows of lists) {
    if (rows === undefined) continue;
    for (const doc of rows[0]!) if (holdsAll(rows, doc)) found.add(doc);
  }
  return found;
}

/** Most pages read for a mention of one target: the best scored first, then by URL. */
const MENTION_BUDGET = 1000;

/** Below this share of the pages (1 in 8) the pages that can hold a phrase are listed from its postings, not found by walking every page. */
const FEW_CANDIDATES = 8;

const EMPTY_ROW = new Int32Array(0);

/** Whether a page is in every one of these postings. */
function holdsAll(rows: readonly Int32Array[], doc: number): boolean {
  return rows.every((row) => sortedHas(row, doc));
}

/** Whether an ascending list holds `value`. */
function sortedHas(list: Int32Array, value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = list[middle]!;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** The target's query, as term ids: its title (without the site name) and heading words, plus its most distinctive body words. */
function queryTerms(graph: Graph, index: TextIndex, pageId: number): number[] {
  const page = graph.pages[pageId]!;
  const fields = [cleanTitle(page.title, index.boilerplate) ?? '', ...page.headings].flatMap((text) => terms(text));
  const ids = index.bodyIds.get(pageId) ?? EMPTY_ROW;
  const values = index.bodyCounts.get(pageId) ?? EMPTY_ROW;
  // The BODY_TERMS best by tf-idf, ties to the smaller term: a short sorted list, not a sort of every word.
  const topIds: number[] = [];
  const topValues: number[] = [];
  const before = (value: number, id: number, at: number): boolean => value > topValues[at]! || (value === topValues[at]! && index.termText[id]! < index.termText[topIds[at]!]!);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const value = values[i]! * Math.log(index.docCount / (index.docStart[id + 1]! - index.docStart[id]!));
    if (!(value > 0) || (topIds.length === BODY_TERMS && !before(value, id, BODY_TERMS - 1))) continue;
    let at = topIds.length;
    while (at > 0 && before(value, id, at - 1)) at--;
    topIds.splice(at, 0, id);
    topValues.splice(at, 0, value);
    if (topIds.length > BODY_TERMS) {
      topIds.pop();
      topValues.pop();
    }
  }
  const body = topIds;
  const fieldIds = fields.map((term) => index.termId.get(term)).filter((id): id is number => id !== undefined);
  return [...new Set([...fieldIds, ...body])];
}

/**
 * Phrases that name the target: its title without the site name, its first
 * three headings but those many pages share ({@link sharedHeadings}), and
 * the words of its URL's last segment (`/old-topic/` -> `old topic`), each
 * of at least two words or eight characters, so that a mention is a real
 * mention.
 */
function keyPhrases(graph: Graph, index: TextIndex, pageId: number): string[] {
  const page = graph.pages[pageId]!;
  const phrases: string[] = [];
  const add = (value: string | undefined): void => {
    const phrase = value?.replace(/\s+/g, ' ').trim();
    if (!phrase || terms(phrase).length === 0) return;
    if (!phrase.includes(' ') && phrase.length < 8) return;
    if (!phrases.some((known) => known.toLowerCase() === phrase.toLowerCase())) phrases.push(phrase);
  };
  add(cleanTitle(page.title, index.boilerplate));
  const shared = sharedHeadings(graph);
  for (const heading of page.headings.slice(0, 3)) if (!shared.has(headingKey(heading))) add(headingText(heading));
  add(slugPhrase(page.url));
  return phrases;
}

/** A title without the site name's segments, its own segments joined by ` - `. */
function cleanTitle(title: string | undefined, boilerplate: ReadonlySet<string>): string | undefined {
  if (title === undefined) return undefined;
  // A page with an empty title part (` · Site`) leaves a bare separator: drop it with the site name.
  const parts = title
    .split(TITLE_SEPARATOR)
    .map((part) => part.replace(/^[\s|·–—•:»-]+|[\s|·–—•:»-]+$/g, ''))
    .filter((part) => part !== '' && !boilerplate.has(segmentKey(part)));
  return parts.length === 0 ? undefined : parts.join(' - ');
}

/** The first sentence of `text` that contains one of the phrases as words, phrases in order of preference. */
function findMention(text: string, patterns: readonly { phrase: string; pattern: RegExp }[]): { phrase: string; sentence: string } | undefined {
  if (text === '') return undefined;
  for (const { phrase, pattern } of patterns) {
    // A mention is whole words: "Orphan 1" is not in "orphan 1843", nor "Rates" in "separates".
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const at = match.index;
      const end = at + match[0].length;
      if (!joins(text[at - 1], text[at]) && !joins(text[end - 1], text[end])) return { phrase, sentence: sentenceAround(text, at, end - at) };
      pattern.lastIndex = at + 1;
    }
  }
  return undefined;
}

/**
 * A phrase as a case-insensitive pattern, searched in page texts without
 * making a lower-case copy of each.
 */
function phrasePattern(phrase: string): RegExp {
  // Page texts hold typographic punctuation in its ASCII form: "Don’t panic" is found as "Don't panic".
  return new RegExp(plainPunctuation(phrase).replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'giu');
}

/**
 * Whether two adjacent characters are in one word: both letters, digits or
 * marks, and neither of a script written without spaces between words
 * (Chinese, Japanese, Thai, ...), where any place may be a word's edge.
 */
function joins(before: string | undefined, after: string | undefined): boolean {
  return before !== undefined && after !== undefined && WORD_CHAR.test(before) && WORD_CHAR.test(after) && !UNSPACED.test(before) && !UNSPACED.test(after);
}

/** A letter, digit or combining mark. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Scripts written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** Sentence-ending characters: `.`, `!`, `?` and their CJK forms. */
const SENTENCE_END = new Set(['.', '!', '?', '。', '！', '？']);
const MAX_SENTENCE = 200;

/**
 * The sentence around `[at, at + length)`, cut to about {@link MAX_SENTENCE}
 * characters with ellipses. Looks at most a window of text either side, so
 * that text without punctuation costs no more than text with it.
 */
function sentenceAround(text: string, at: number, length: number): string {
  const floor = Math.max(0, at - MAX_SENTENCE);
  let start = at;
  while (start > floor && text[start - 1] !== '\n' && !(SENTENCE_END.has(text[start - 1]!) && /\s/.test(text[start] ?? ' '))) start--;
  const ceiling = Math.min(text.length, at + length + MAX_SENTENCE);
  let end = at + length;
  while (end < ceiling && text[end] !== '\n' && !SENTENCE_END.has(text[end]!)) end++;
  if (end < ceiling && text[end] !== '\n') end++;
  let sentence = text.slice(start, end).trim();
  // A block's edge (a line break in page text) ends a sentence too.
  const cutStart = start > floor || start === 0 || text[start - 1] === '\n' ? '' : '…';
  const cutEnd = end < text.length && text[end] !== '\n' && !SENTENCE_END.has(text[end - 1]!) ? '…' : '';
  if (sentence.length > MAX_SENTENCE) {
    const offset = at - start;
    const from = Math.max(0, Math.min(offset - 80, sentence.length - MAX_SENTENCE));
    return `${from > 0 || cutStart ? '…' : ''}${sentence.slice(from, from + MAX_SENTENCE).trim()}${from + MAX_SENTENCE < sentence.length || cutEnd ? '…' : ''}`;
  }
  sentence = `${cutStart}${sentence}${cutEnd}`;
  return sentence;
}
