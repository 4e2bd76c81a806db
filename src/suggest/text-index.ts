/**
 * The inverted index of a site's page texts that link suggestions query
 * (`link-suggestions.ts`). It reads only the pages' URLs, titles, headings
 * and texts, and imports nothing but the title segments, so that a host
 * can build it in a worker thread beside the rest of the check.
 */
import type { PageRecord } from '../types.js';
import { slugPhrase } from '../graph/page-names.js';
import { sharedTitleSegments } from '../graph/title-segments.js';
import { WordTable } from './words.js';

/** What the text index reads of a page. */
export type IndexedPage = Pick<PageRecord, 'url' | 'title' | 'headings' | 'text'>;

/** Field weights: a title word counts three times, a heading word twice, a body word once. */
const TITLE_WEIGHT = 3;
const HEADING_WEIGHT = 2;

/**
 * The inverted index. Terms are interned to integer ids; postings are
 * parallel arrays per term id. Only plain data (typed arrays, maps, sets),
 * so that it can be posted from a worker.
 */
export interface TextIndex {
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
   * `counts`. Typed arrays of the exact size rather than a list per term,
   * which a large site's vocabulary would multiply into garbage.
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
export function row(start: Int32Array, values: Int32Array, term: number): Int32Array {
  return values.subarray(start[term], start[term + 1]);
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
export function buildTextIndex(pages: readonly IndexedPage[], targetSet: ReadonlySet<number> | 'all'): TextIndex {
  const targets = targetSet !== 'all' && targetSet.size > FULL_VOCABULARY_SHARE * pages.length ? 'all' : targetSet;
  const vocabulary = new Vocabulary();
  // One table of the words seen, for both steps: a word first seen while the vocabulary is open is
  // in it, and one first seen after is not, whichever step meets it.
  const words = new WordTable((term) => vocabulary.idOf(term));
  if (targets !== 'all') {
    readTargetWords(pages, targets, words);
    vocabulary.close();
  }
  const counted = countTerms(pages, targets, vocabulary, words);
  const postings = layPostings(counted, vocabulary);
  return {
    targets,
    docCount: pages.length,
    termId: vocabulary.termId,
    termText: vocabulary.termText,
    ...postings,
    bodyIds: counted.bodyIds,
    bodyCounts: counted.bodyCounts,
    lengths: counted.lengths,
    averageLength: pages.length === 0 ? 1 : Math.max(1, counted.total / pages.length),
    boilerplate: sharedTitleSegments(pages),
  };
}

/** Term id of a word outside the index's vocabulary: it counts in page lengths only. */
const OUT_OF_VOCABULARY = -2;

/**
 * The terms and their ids, with per-term tallies as typed arrays grown with
 * the vocabulary (no map per page): the scratch counts of the page at hand,
 * reset after each page, and the number of pages holding each term.
 */
class Vocabulary {
  readonly termId = new Map<string, number>();
  readonly termText: string[] = [];
  weight = new Float64Array(1024);
  bodyCount = new Int32Array(1024);
  docFrequency = new Int32Array(1024);
  bodyFrequency = new Int32Array(1024);
  private open = true;

  get size(): number {
    return this.termText.length;
  }

  /** The term's id; a new term gets one while the vocabulary is open, else {@link OUT_OF_VOCABULARY}. */
  idOf(term: string): number {
    let id = this.termId.get(term);
    if (id === undefined) {
      if (!this.open) return OUT_OF_VOCABULARY;
      id = this.termText.length;
      this.termId.set(term, id);
      this.termText.push(term);
      if (id >= this.weight.length) this.grow();
    }
    return id;
  }

  /** No new term from now on. */
  close(): void {
    this.open = false;
  }

  private grow(): void {
    const size = this.weight.length * 2;
    this.weight = grown(this.weight, new Float64Array(size));
    this.bodyCount = grown(this.bodyCount, new Int32Array(size));
    this.docFrequency = grown(this.docFrequency, new Int32Array(size));
    this.bodyFrequency = grown(this.bodyFrequency, new Int32Array(size));
  }
}

/** The vocabulary step: every word a query or key phrase about a target can hold gets its id. */
function readTargetWords(pages: readonly IndexedPage[], targets: ReadonlySet<number>, words: WordTable): void {
  const ignore = (): void => {};
  for (const target of targets) {
    const page = pages[target]!;
    for (const text of [page.title, ...page.headings, page.text, slugPhrase(page.url)]) if (text) words.forEach(text, ignore);
  }
}

/** What counting every page's terms gives. */
interface CountedTerms {
  /** Every page's (term, weighted count, body count) triples, in page order. */
  entries: EntryBlocks;
  /** How many triples each page has. */
  entryCount: Int32Array;
  bodyIds: Map<number, Int32Array>;
  bodyCounts: Map<number, Int32Array>;
  lengths: Float64Array;
  total: number;
}

/**
 * The counting step: each page's terms, weighted by field, as triples in
 * page order, with each term's page counts and each page's length.
 */
function countTerms(pages: readonly IndexedPage[], targets: ReadonlySet<number> | 'all', vocabulary: Vocabulary, words: WordTable): CountedTerms {
  const pageCount = pages.length;
  const entries = new EntryBlocks();
  const entryCount = new Int32Array(pageCount);
  const bodyIds = new Map<number, Int32Array>();
  const bodyCounts = new Map<number, Int32Array>();
  const lengths = new Float64Array(pageCount);
  let total = 0;
  const page = new PageTerms(vocabulary);
  for (let doc = 0; doc < pageCount; doc++) {
    page.read(pages[doc]!, words);
    // Body terms serve query expansion, asked only about targets.
    const target = targets === 'all' || targets.has(doc);
    const ids: number[] = [];
    const bodyValues: number[] = [];
    const { weight, bodyCount, docFrequency, bodyFrequency } = vocabulary;
    let length = page.outside;
    for (const id of page.seen) {
      length += weight[id]!;
      entries.push(id, weight[id]!, bodyCount[id]!);
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
    entryCount[doc] = page.seen.length;
    if (target) {
      bodyIds.set(doc, Int32Array.from(ids));
      bodyCounts.set(doc, Int32Array.from(bodyValues));
    }
    lengths[doc] = length;
    total += length;
  }
  return { entries, entryCount, bodyIds, bodyCounts, lengths, total };
}

/** The terms of one page: their weighted counts go to the vocabulary's scratch tallies. */
class PageTerms {
  /** Ids of the terms met on this page, each once. */
  readonly seen: number[] = [];
  /** Weight of the page's words outside the vocabulary (they count in its length only). */
  outside = 0;
  private value = 0;
  private inBody = false;

  constructor(private readonly vocabulary: Vocabulary) {}

  read(page: IndexedPage, words: WordTable): void {
    this.seen.length = 0;
    this.outside = 0;
    this.add(page.title, TITLE_WEIGHT, false, words);
    for (const heading of page.headings) this.add(heading, HEADING_WEIGHT, false, words);
    this.add(page.text, 1, true, words);
  }

  private add(text: string | undefined, value: number, body: boolean, words: WordTable): void {
    if (!text) return;
    this.value = value;
    this.inBody = body;
    words.forEach(text, this.count);
  }

  private readonly count = (id: number): void => {
    if (id === OUT_OF_VOCABULARY) {
      this.outside += this.value;
      return;
    }
    const { weight, bodyCount } = this.vocabulary;
    if (weight[id] === 0) this.seen.push(id);
    weight[id]! += this.value;
    if (this.inBody) bodyCount[id]!++;
  };
}

/** Int32 slots of a block of the index's (term, count, body count) triples: 3 MiB, a whole number of triples. */
const ENTRY_BLOCK = 3 * 2 ** 18;

/**
 * Triples in blocks of a fixed size rather than an array doubled as it
 * fills, which would allocate twice their size (and a large heap is
 * collected whole for each large typed array made).
 */
class EntryBlocks {
  private readonly full: Int32Array[] = [];
  private block = new Int32Array(ENTRY_BLOCK);
  private used = 0;

  push(term: number, count: number, bodyCount: number): void {
    if (this.used === ENTRY_BLOCK) {
      this.full.push(this.block);
      this.block = new Int32Array(ENTRY_BLOCK);
      this.used = 0;
    }
    this.block[this.used++] = term;
    this.block[this.used++] = count;
    this.block[this.used++] = bodyCount;
  }

  /** The blocks: every one full but the last, cut to what it holds. */
  blocks(): Int32Array[] {
    return [...this.full, this.block.subarray(0, this.used)];
  }
}

/** The index's postings, as compressed rows. */
type Postings = Pick<TextIndex, 'docStart' | 'docs' | 'counts' | 'bodyStart' | 'bodyDocs'>;

/** The layout step: the triples become rows by term; pages come in ascending order, so every row is sorted. */
function layPostings(counted: CountedTerms, vocabulary: Vocabulary): Postings {
  const size = vocabulary.size;
  const docStart = offsets(vocabulary.docFrequency, size);
  const bodyStart = offsets(vocabulary.bodyFrequency, size);
  const docs = new Int32Array(docStart[size]!);
  // Weights are whole (title 3, heading 2, body 1 per occurrence): counts fit integers.
  const counts = new Int32Array(docStart[size]!);
  const bodyDocs = new Int32Array(bodyStart[size]!);
  const next = docStart.slice(0, size);
  const nextBody = bodyStart.slice(0, size);
  const blocks = counted.entries.blocks();
  const pageCount = counted.entryCount.length;
  for (let doc = 0, block = 0, at = 0; doc < pageCount; doc++) {
    for (let left = counted.entryCount[doc]!; left > 0; left--, at += 3) {
      if (at === blocks[block]!.length) {
        block++;
        at = 0;
      }
      const triples = blocks[block]!;
      const id = triples[at]!;
      docs[next[id]!] = doc;
      counts[next[id]!++] = triples[at + 1]!;
      if (triples[at + 2]! > 0) bodyDocs[nextBody[id]!++] = doc;
    }
  }
  return { docStart, docs, counts, bodyStart, bodyDocs };
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
