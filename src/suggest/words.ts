/**
 * Words as the text index and link suggestions see them: lower-case
 * letter/number runs, stop words dropped, lightly stemmed; and the table
 * that turns every page's words into term ids without a string per word.
 */

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
  /**
   * Open addressing in one array, four slots per word (hash, second hash,
   * length, term id; -1 for a stop word), so that a probe reads one cache
   * line; a length of 0 marks an empty place.
   */
  private table = new Int32Array(4096 * 4);
  private count = 0;
  /**
   * The words found last, one per place by hash, in the same layout: the
   * commonest words of a site are found here, in memory the processor keeps
   * close, rather than in the whole table.
   */
  private readonly recent = new Int32Array(RECENT_WORDS * 4);

  constructor(private readonly idOf: (term: string) => number) {}

  forEach(text: string, callback: (id: number) => void): void {
    // A separator run is skipped, then a word run hashed, each in a loop of its own: one table read
    // per ASCII character says both whether it is part of a word and its lower case. Typographic
    // punctuation between ASCII (`it’s`, `“static”`) separates words as ASCII punctuation does. A
    // word run that reaches another character beyond ASCII (`café`, `Zürich`) goes, to the next
    // ASCII separator, through the Unicode word pattern alone: its terms are the ones that
    // pattern finds in the whole text, since case and NFKC do not act across an ASCII separator.
    const length = text.length;
    let at = 0;
    while (at < length) {
      let char = text.charCodeAt(at);
      let code = char < 128 ? WORD_CODE[char]! : wideCode(text, at);
      if (code === 0) {
        at++;
        continue;
      }
      const start = at;
      let hash = FNV_OFFSET;
      let second = 0;
      for (;;) {
        if (code === WIDE) {
          // Beyond ASCII: on to the run's end, then the slow way.
          while (++at < length && ((char = text.charCodeAt(at)) >= 128 || WORD_CODE[char] !== 0));
          forEachTerm(text.slice(start, at), (term) => callback(this.idOf(term)));
          break;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
        second = Math.imul(second + code, SECOND_PRIME) ^ (second >>> 15);
        if (++at === length) break;
        char = text.charCodeAt(at);
        code = char < 128 ? WORD_CODE[char]! : wideCode(text, at);
        if (code === 0) break;
      }
      if (code !== WIDE && at - start >= 2) {
        const id = this.find(text, start, at, hash, second);
        if (id !== -1) callback(id);
      }
    }
  }

  private find(text: string, start: number, end: number, fnv: number, second: number): number {
    // FNV's low bits barely vary among short words of digits (`page-10345`): mix them in, or
    // such words pile up in neighbouring slots and probing grows with the site.
    const hash = mix(fnv);
    const length = end - start;
    const recent = this.recent;
    const near = (hash & (RECENT_WORDS - 1)) << 2;
    if (recent[near + 2] === length && recent[near] === hash && recent[near + 1] === second) return recent[near + 3]!;
    const id = this.lookUp(text, start, end, hash, second);
    recent[near] = hash;
    recent[near + 1] = second;
    recent[near + 2] = length;
    recent[near + 3] = id;
    return id;
  }

  private lookUp(text: string, start: number, end: number, hash: number, second: number): number {
    const length = end - start;
    const table = this.table;
    const mask = (table.length >> 2) - 1;
    let place = (hash & mask) << 2;
    for (let stored = table[place + 2]!; stored !== 0; stored = table[place + 2]!) {
      if (stored === length && table[place] === hash && table[place + 1] === second) return table[place + 3]!;
      place = (place + 4) & (table.length - 1);
    }
    const word = text.slice(start, end).toLowerCase();
    const id = STOP_WORDS.has(word) ? -1 : this.idOf(stem(word));
    table[place] = hash;
    table[place + 1] = second;
    table[place + 2] = length;
    table[place + 3] = id;
    // Keep the table at most half full: rehash every word into twice the places.
    if (++this.count * 2 > table.length >> 2) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 2) - 1;
    for (let from = 0; from < old.length; from += 4) {
      if (old[from + 2] === 0) continue;
      let place = (old[from]! & mask) << 2;
      while (table[place + 2] !== 0) place = (place + 4) & (table.length - 1);
      table.set(old.subarray(from, from + 4), place);
    }
    this.table = table;
  }
}

/** Places of {@link WordTable}'s cache of recent words (a power of two). */
const RECENT_WORDS = 2048;

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
/** Code of a character beyond ASCII in a word run ({@link WordTable.forEach}); never a word code. */
const WIDE = 256;
/**
 * The scan's code of the character at `at`, beyond ASCII: 0 (a separator)
 * for the typographic punctuation of most pages' prose (no-break space,
 * guillemets, middle dot, dashes, curly quotes, bullet, ellipsis), which is
 * no word character, composes with nothing and normalises (NFKC) to itself
 * or to ASCII separators, when what follows it (past more of it) is ASCII;
 * else {@link WIDE}. So a run with a letter beyond ASCII goes the slow way
 * from the same place as without this rule, with the same context for its
 * case (Greek's final sigma looks back past apostrophes).
 */
function wideCode(text: string, at: number): number {
  if (!isTypographic(text.charCodeAt(at))) return WIDE;
  let next = at + 1;
  while (next < text.length && isTypographic(text.charCodeAt(next))) next++;
  return next === text.length || text.charCodeAt(next) < 128 ? 0 : WIDE;
}

function isTypographic(char: number): boolean {
  if (char < 0x2013) return char === 0xa0 || char === 0xab || char === 0xb7 || char === 0xbb;
  return char <= 0x2026 && TYPOGRAPHIC_SEPARATORS.has(char);
}

const TYPOGRAPHIC_SEPARATORS = new Set([0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026]);

/** Each ASCII code's lower-case letter or digit, 0 for any other character. */
const WORD_CODE = new Uint8Array(128);
for (let code = 48; code <= 57; code++) WORD_CODE[code] = code;
for (let code = 97; code <= 122; code++) WORD_CODE[code] = WORD_CODE[code - 32] = code;
const WORD = /[\p{L}\p{N}]+/gu;

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
