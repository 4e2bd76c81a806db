import type { Graph } from './build-graph.js';
import { EDGE_CONTENT } from './build-graph.js';
import { linkMetrics } from './link-metrics.js';
import { segmentKey, sharedTitleSegments, TITLE_SEPARATOR } from './title-segments.js';

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
  const index = textIndex(graph, pageId);
  const metrics = linkMetrics(graph);
  const query = queryTerms(graph, index, pageId);
  const scores = new Float64Array(graph.pages.length);
  const touched: number[] = [];
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
      const norm = K1 * (1 - B + (B * index.lengths[doc]!) / index.averageLength);
      if (scores[doc] === 0) touched.push(doc);
      scores[doc]! += (idf * tf * (K1 + 1)) / (tf + norm);
    }
  }
  const eligible = (doc: number): boolean =>
    doc !== pageId && graph.exclusion(doc) === undefined && metrics.depths.depth[doc] !== -1;

  const phrases = keyPhrases(graph, index, pageId);
  // Only pages that hold every word of a phrase can mention it: intersect postings instead of scanning texts.
  const mentioning = pagesWithAllTerms(index, phrases.map((phrase) => [...new Set(terms(phrase))]));
  // Scores are compared as shown (two decimals); ties go to the shorter, then smaller URL.
  const rounded = (doc: number): number => Math.round(scores[doc]! * 100) / 100;
  const suggestion = (doc: number): LinkSuggestion => ({ pageId: doc, url: graph.pages[doc]!.url, score: rounded(doc) });
  const urlRank = urlOrder(graph);
  const byDocRank = (a: number, b: number): number => rounded(b) - rounded(a) || urlRank[a]! - urlRank[b]!;

  // Pages that mention the target come first, best score first; stop at `limit` real mentions.
  // Many pages can hold a phrase's words, and a few real mentions end the search: the candidates
  // come off a heap in rank order rather than all being sorted.
  const chosen: LinkSuggestion[] = [];
  const candidates = new RankHeap([...mentioning].filter(eligible), byDocRank);
  for (let doc = candidates.pop(); doc !== undefined; doc = candidates.pop()) {
    if (chosen.length === limit) break;
    const text = graph.pages[doc]!.text ?? '';
    const mention = findMention(text, normalise(text), phrases);
    if (!mention) continue;
    chosen.push({ ...suggestion(doc), phrase: mention.phrase, sentence: mention.sentence });
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

const urlOrders = new WeakMap<Graph, Int32Array>();

/** Each page's place among the pages ordered by shorter, then smaller URL (the tie-break of suggestions), once per graph. */
function urlOrder(graph: Graph): Int32Array {
  let rank = urlOrders.get(graph);
  if (rank === undefined) {
    const urls = graph.pages.map((page) => page.url);
    const ids = Int32Array.from(urls.keys()).sort((a, b) => {
      const [x, y] = [urls[a]!, urls[b]!];
      return x.length - y.length || (x < y ? -1 : x > y ? 1 : a - b);
    });
    rank = new Int32Array(ids.length);
    ids.forEach((id, place) => {
      rank![id] = place;
    });
    urlOrders.set(graph, rank);
  }
  return rank;
}

/** A binary heap of page ids: {@link RankHeap.pop} gives them in `order`, best first. */
class RankHeap {
  private readonly items: number[];

  constructor(
    items: number[],
    private readonly order: (a: number, b: number) => number,
  ) {
    this.items = items;
    for (let at = (items.length >> 1) - 1; at >= 0; at--) this.down(at);
  }

  pop(): number | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const best = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      this.down(0);
    }
    return best;
  }

  private down(from: number): void {
    const items = this.items;
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) return;
      const right = left + 1;
      const child = right < items.length && this.order(items[right]!, items[left]!) < 0 ? right : left;
      if (this.order(items[child]!, items[at]!) >= 0) return;
      [items[at], items[child]] = [items[child]!, items[at]!];
      at = child;
    }
  }
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
/** Field weights: a title word counts three times, a heading word twice, a body word once. */
const TITLE_WEIGHT = 3;
const HEADING_WEIGHT = 2;
/** Distinctive body words added to the query, by tf-idf. */
const BODY_TERMS = 8;

/**
 * The inverted index. Terms are interned to integer ids; postings are
 * parallel arrays per term id.
 */
interface TextIndex {
  /** The pages that queries may be about: their words are the vocabulary. */
  targets: ReadonlySet<number> | 'all';
  docCount: number;
  termId: ReadonlyMap<string, number>;
  /** The term of each id. */
  termText: readonly string[];
  /**
   * Postings as compressed rows: the pages holding term `t` (title, headings
   * or body) are `docs[docStart[t]]` to `docs[docStart[t + 1] - 1]`, in
   * ascending order, with the weighted count there at the same places in
   * `counts`. Typed arrays of the exact size: at 100,000 pages a list per
   * term took five times the memory, half of it garbage from growing.
   */
  docStart: Int32Array;
  docs: Int32Array;
  counts: Int32Array;
  /** Likewise, the pages whose body (content text) holds each term. */
  bodyStart: Int32Array;
  bodyDocs: Int32Array;
  /** Body term ids and counts per target page, for query expansion. */
  bodyIds: ReadonlyMap<number, Int32Array>;
  bodyCounts: ReadonlyMap<number, Int32Array>;
  lengths: Float64Array;
  averageLength: number;
  /** The site name's title segments ({@link sharedTitleSegments}), dropped from key phrases. */
  boilerplate: ReadonlySet<string>;
}

/** Row `term` of compressed rows: `row(index.docStart, index.docs, t)` are the pages holding term `t`. */
function row(start: Int32Array, values: Int32Array, term: number): Int32Array {
  return values.subarray(start[term], start[term + 1]);
}

const indexes = new WeakMap<Graph, TextIndex>();

/**
 * The text index of a graph that covers `pageId` as a target, built once
 * per graph. The first build covers every page that lacks content links
 * (what the orphan rules ask about); a query about another page rebuilds
 * it for every page.
 */
function textIndex(graph: Graph, pageId: number): TextIndex {
  let index = indexes.get(graph);
  if (index && (index.targets === 'all' || index.targets.has(pageId))) return index;
  const targets = index ? 'all' : pagesLackingContentLinks(graph);
  if (targets !== 'all' && !targets.has(pageId)) targets.add(pageId);
  index = buildTextIndex(graph, targets);
  indexes.set(graph, index);
  return index;
}

/** Pages with no content link from a page other than a redirect stub. */
function pagesLackingContentLinks(graph: Graph): Set<number> {
  const { stub } = linkMetrics(graph);
  const found = new Set<number>();
  for (let pageId = 0; pageId < graph.pages.length; pageId++) {
    let linked = false;
    for (const edge of graph.inbound(pageId)) {
      if (graph.edgeFlags[edge]! & EDGE_CONTENT && !stub[graph.edgeFrom[edge]!]) {
        linked = true;
        break;
      }
    }
    if (!linked) found.add(pageId);
  }
  return found;
}

/** Above this share of pages as targets, the vocabulary is every word (one pass instead of two). */
const FULL_VOCABULARY_SHARE = 0.25;

/**
 * The inverted index of every page's title, headings and content text,
 * for the words that queries about `targets` can use: the words of the
 * targets' titles, headings, bodies and URL slugs. Every page is indexed
 * (document frequencies and lengths stay exact), but postings are kept
 * only for those words, so that a large site with few orphans does not
 * hold postings for its whole vocabulary.
 */
function buildTextIndex(graph: Graph, targetSet: ReadonlySet<number> | 'all'): TextIndex {
  const targets = targetSet !== 'all' && targetSet.size > FULL_VOCABULARY_SHARE * graph.pages.length ? 'all' : targetSet;
  const pageCount = graph.pages.length;
  const termId = new Map<string, number>();
  const termText: string[] = [];
  const lengths = new Float64Array(pageCount);
  // Per-term scratch counts of the page at hand, reset after each page, and per-term page counts:
  // typed arrays grown with the vocabulary, no map per page.
  let weight = new Float64Array(1024);
  let bodyCount = new Int32Array(1024);
  let docFrequency = new Int32Array(1024);
  let bodyFrequency = new Int32Array(1024);
  let total = 0;
  let open = true;
  const idOf = (term: string): number => {
    let id = termId.get(term);
    if (id === undefined) {
      if (!open) return OUT_OF_VOCABULARY;
      id = termText.length;
      termId.set(term, id);
      termText.push(term);
      if (id >= weight.length) {
        weight = grown(weight, new Float64Array(weight.length * 2));
        bodyCount = grown(bodyCount, new Int32Array(bodyCount.length * 2));
        docFrequency = grown(docFrequency, new Int32Array(docFrequency.length * 2));
        bodyFrequency = grown(bodyFrequency, new Int32Array(bodyFrequency.length * 2));
      }
    }
    return id;
  };
  if (targets !== 'all') {
    // The vocabulary first: every word a query or key phrase about a target can hold.
    for (const target of targets) {
      const page = graph.pages[target]!;
      for (const text of [page.title, ...page.headings, page.text, slugPhrase(page.url)]) if (text) forEachTerm(text, idOf);
    }
    open = false;
  }
  const words = new WordTable(idOf);
  // Every page's (term, weighted count, body count) triples, flat, in page order: the postings are
  // laid out from them once the page counts of every term are known.
  let entries = new Int32Array(1 << 16);
  let used = 0;
  const entryEnd = new Int32Array(pageCount);
  const bodyIds = new Map<number, Int32Array>();
  const bodyCounts = new Map<number, Int32Array>();
  const seen: number[] = [];
  let outside = 0;
  let value = 0;
  let inBody = false;
  const count = (id: number): void => {
    if (id === OUT_OF_VOCABULARY) {
      // Counts in the page's length, has no postings.
      outside += value;
      return;
    }
    if (weight[id] === 0) seen.push(id);
    weight[id]! += value;
    if (inBody) bodyCount[id]!++;
  };
  const add = (text: string | undefined, textValue: number, body: boolean): void => {
    if (!text) return;
    value = textValue;
    inBody = body;
    words.forEach(text, count);
  };
  for (let doc = 0; doc < pageCount; doc++) {
    const page = graph.pages[doc]!;
    seen.length = 0;
    outside = 0;
    add(page.title, TITLE_WEIGHT, false);
    for (const heading of page.headings) add(heading, HEADING_WEIGHT, false);
    add(page.text, 1, true);
    if (used + 3 * seen.length > entries.length) entries = grown(entries, new Int32Array(Math.max(entries.length * 2, used + 3 * seen.length)));
    // Body terms serve query expansion, asked only about targets.
    const target = targets === 'all' || targets.has(doc);
    const ids: number[] = [];
    const bodyValues: number[] = [];
    let length = outside;
    for (const id of seen) {
      length += weight[id]!;
      entries[used++] = id;
      entries[used++] = weight[id]!;
      entries[used++] = bodyCount[id]!;
      docFrequency[id]!++;
      if (bodyCount[id]! > 0) {
        bodyFrequency[id]!++;
        if (target) {
          ids.push(id);
          bodyValues.push(bodyCount[id]!);
        }
      }
      weight[id] = 0;
      bodyCount[id] = 0;
    }
    entryEnd[doc] = used;
    if (target) {
      bodyIds.set(doc, Int32Array.from(ids));
      bodyCounts.set(doc, Int32Array.from(bodyValues));
    }
    lengths[doc] = length;
    total += length;
  }
  // Lay the postings out by term: pages come in ascending order, so every row is sorted.
  const vocabulary = termText.length;
  const docStart = offsets(docFrequency, vocabulary);
  const bodyStart = offsets(bodyFrequency, vocabulary);
  const docs = new Int32Array(docStart[vocabulary]!);
  // Weights are whole (title 3, heading 2, body 1 per occurrence): counts fit integers.
  const counts = new Int32Array(docStart[vocabulary]!);
  const bodyDocs = new Int32Array(bodyStart[vocabulary]!);
  const next = docStart.slice(0, vocabulary);
  const nextBody = bodyStart.slice(0, vocabulary);
  for (let doc = 0, at = 0; doc < pageCount; doc++) {
    for (; at < entryEnd[doc]!; at += 3) {
      const id = entries[at]!;
      docs[next[id]!] = doc;
      counts[next[id]!++] = entries[at + 1]!;
      if (entries[at + 2]! > 0) bodyDocs[nextBody[id]!++] = doc;
    }
  }
  return {
    targets,
    docCount: pageCount,
    termId,
    termText,
    docStart,
    docs,
    counts,
    bodyStart,
    bodyDocs,
    bodyIds,
    bodyCounts,
    lengths,
    averageLength: pageCount === 0 ? 1 : Math.max(1, total / pageCount),
    boilerplate: sharedTitleSegments(graph),
  };
}

/** `into` (a longer array) holding `from`'s values. */
function grown<T extends Int32Array | Float64Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/** Row offsets of compressed rows with `sizes[0..count)` members each. */
function offsets(sizes: Int32Array, count: number): Int32Array {
  const start = new Int32Array(count + 1);
  for (let term = 0; term < count; term++) start[term + 1] = start[term]! + sizes[term]!;
  return start;
}

/** Term id of a word outside the index's vocabulary: it counts in page lengths only. */
const OUT_OF_VOCABULARY = -2;

/**
 * Pages whose body holds every term of at least one of the term lists.
 * Postings are sorted by page, so the shortest row is walked and each page
 * looked up in the others by binary search: the cost follows the rarest
 * word, not the site's size.
 */
function pagesWithAllTerms(index: TextIndex, lists: readonly (readonly string[])[]): Set<number> {
  const found = new Set<number>();
  for (const list of lists) {
    if (list.length === 0) continue;
    const rows = list.map((term) => {
      const id = index.termId.get(term);
      return id === undefined ? EMPTY_ROW : row(index.bodyStart, index.bodyDocs, id);
    }).sort((a, b) => a.length - b.length);
    const [shortest, ...rest] = rows;
    if (shortest!.length === 0) continue;
    for (const doc of shortest!) if (rest.every((row) => sortedHas(row, doc))) found.add(doc);
  }
  return found;
}

const EMPTY_ROW = new Int32Array(0);

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
  const body = Array.from(ids, (id, i) => [id, values[i]! * Math.log(index.docCount / row(index.docStart, index.docs, id).length)] as const)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1] || (index.termText[a[0]]! < index.termText[b[0]]! ? -1 : 1))
    .slice(0, BODY_TERMS)
    .map(([id]) => id);
  const fieldIds = fields.map((term) => index.termId.get(term)).filter((id): id is number => id !== undefined);
  return [...new Set([...fieldIds, ...body])];
}

/**
 * Phrases that name the target: its title without the site name, its first
 * three headings, and the words of its URL's last segment (`/old-topic/` ->
 * `old topic`), each of at least two words or eight characters, so that a
 * mention is a real mention.
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
  for (const heading of page.headings.slice(0, 3)) add(heading);
  add(slugPhrase(page.url));
  return phrases;
}

/** The words of a URL's last segment: `/old-topic/` -> `old topic`. */
function slugPhrase(url: string): string | undefined {
  const slug = /([^/]+)\/?$/.exec(url)?.[1];
  return slug?.replace(/\.html?$/i, '').replace(/[-_]+/g, ' ');
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

/** The first sentence of `text` that contains one of the phrases, phrases in order of preference. */
function findMention(text: string, lower: string, phrases: readonly string[]): { phrase: string; sentence: string } | undefined {
  if (text === '' || phrases.length === 0) return undefined;
  for (const phrase of phrases) {
    const at = lower.indexOf(phrase.toLowerCase());
    if (at === -1) continue;
    return { phrase, sentence: sentenceAround(text, at, phrase.length) };
  }
  return undefined;
}

/** Lower case without changing string length, so that indexes stay valid in the original text. */
function normalise(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/./gsu, (char) => (char.toLowerCase().length === char.length ? char.toLowerCase() : char));
}

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
  while (start > floor && !(SENTENCE_END.has(text[start - 1]!) && /\s/.test(text[start] ?? ' '))) start--;
  const ceiling = Math.min(text.length, at + length + MAX_SENTENCE);
  let end = at + length;
  while (end < ceiling && !SENTENCE_END.has(text[end]!)) end++;
  if (end < ceiling) end++;
  let sentence = text.slice(start, end).trim();
  const cutStart = start > floor || start === 0 ? '' : '…';
  const cutEnd = end < text.length && !SENTENCE_END.has(text[end - 1]!) ? '…' : '';
  if (sentence.length > MAX_SENTENCE) {
    const offset = at - start;
    const from = Math.max(0, Math.min(offset - 80, sentence.length - MAX_SENTENCE));
    return `${from > 0 || cutStart ? '…' : ''}${sentence.slice(from, from + MAX_SENTENCE).trim()}${from + MAX_SENTENCE < sentence.length || cutEnd ? '…' : ''}`;
  }
  sentence = `${cutStart}${sentence}${cutEnd}`;
  return sentence;
}

/** Words too common to say what a page is about (English). */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have how i in into is it its of on or our so that the their this to was we were what when where which who why will with you your'.split(' '),
);

/**
 * Index terms: lower-case letter/number runs, English stop words dropped,
 * and a light stem (`-ing`, `-ed`, plural `-s` folded), so that
 * `composting` meets `compost`.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  forEachTerm(text, (term) => out.push(term));
  return out;
}

/** {@link terms}, one callback per term, without building an array (for indexing). */
function forEachTerm(text: string, callback: (term: string) => void): void {
  const lower = text.toLowerCase();
  // NFKC only matters outside ASCII. (Indexing every page goes through WordTable's own scan.)
  const source = NON_ASCII.test(lower) ? lower.normalize('NFKC') : lower;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(source); match !== null; match = WORD.exec(source)) {
    const word = match[0];
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    callback(stem(word));
  }
}

/**
 * The term ids of a text's words, as {@link forEachTerm} finds them, for
 * indexing every page: in ASCII text each word is hashed while it is scanned
 * and found in a table of the words seen before, so that only a new word
 * becomes a string (then lower case, stop word test, stem, term id). A word
 * is known by its length and two independent 32-bit hashes, never by
 * comparing it with a stored string (a read from far away in memory for
 * every word of the site): two words of one length alike in both hashes
 * are about one chance in 2^64 per pair.
 */
export class WordTable {
  private slots = new Int32Array(4096).fill(-1);
  private count = 0;
  // Hashes, lengths and term ids in typed arrays, next to each other in memory: a probe reads no object.
  private hashes = new Int32Array(2048);
  private seconds = new Int32Array(2048);
  private lengths = new Int32Array(2048);
  /** Term id of each word; -1 for a stop word. */
  private ids = new Int32Array(2048);

  constructor(private readonly idOf: (term: string) => number) {}

  forEach(text: string, callback: (id: number) => void): void {
    if (NON_ASCII.test(text)) {
      forEachTerm(text, (term) => callback(this.idOf(term)));
      return;
    }
    let start = -1;
    let hash = 0;
    let second = 0;
    for (let at = 0; at <= text.length; at++) {
      let code = at < text.length ? text.charCodeAt(at) : 0;
      if (code >= 65 && code <= 90) code += 32;
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
        if (start === -1) {
          start = at;
          hash = FNV_OFFSET;
          second = 0;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
        second = Math.imul(second + code, SECOND_PRIME) ^ (second >>> 15);
      } else if (start !== -1) {
        if (at - start >= 2) {
          const id = this.find(text, start, at, hash, second);
          if (id !== -1) callback(id);
        }
        start = -1;
      }
    }
  }

  private find(text: string, start: number, end: number, fnv: number, second: number): number {
    // FNV's low bits barely vary among short words of digits (`page-10345`): mix them in, or
    // such words pile up in neighbouring slots and probing grows with the site.
    const hash = mix(fnv);
    const length = end - start;
    let mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot]!; entry !== -1; entry = this.slots[slot]!) {
      if (this.hashes[entry] === hash && this.seconds[entry] === second && this.lengths[entry] === length) return this.ids[entry]!;
      slot = (slot + 1) & mask;
    }
    const word = text.slice(start, end).toLowerCase();
    const id = STOP_WORDS.has(word) ? -1 : this.idOf(stem(word));
    const entry = this.count++;
    if (entry === this.hashes.length) {
      this.hashes = grown(this.hashes, new Int32Array(entry * 2));
      this.seconds = grown(this.seconds, new Int32Array(entry * 2));
      this.lengths = grown(this.lengths, new Int32Array(entry * 2));
      this.ids = grown(this.ids, new Int32Array(entry * 2));
    }
    this.hashes[entry] = hash;
    this.seconds[entry] = second;
    this.lengths[entry] = length;
    this.ids[entry] = id;
    if (this.count * 2 > this.slots.length) {
      // Keep the table at most half full: rehash every word into twice the slots.
      this.slots = new Int32Array(this.slots.length * 2).fill(-1);
      mask = this.slots.length - 1;
      for (let index = 0; index < this.count; index++) {
        let at = this.hashes[index]! & mask;
        while (this.slots[at] !== -1) at = (at + 1) & mask;
        this.slots[at] = index;
      }
    } else {
      this.slots[slot] = entry;
    }
    return id;
  }
}

/** The final mix of MurmurHash3 (fmix32): every input bit moves every output bit. */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** Multiplier of the second word hash (the golden ratio's, as in Fibonacci hashing). */
const SECOND_PRIME = 0x9e3779b1 | 0;

const NON_ASCII = /[^\u0000-\u007f]/;
const WORD = /[\p{L}\p{N}]+/gu;

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
