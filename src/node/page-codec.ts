/**
 * Page records packed for the trip from a page-reading worker to the main
 * thread: every string once per chunk in a string table, everything else as
 * numbers in one transferable `Float64Array`. JSON of the records cost each
 * worker a tenth of its time and the main thread a second at 10,000 pages;
 * the packed form is a fraction of both, and unpacking shares repeated
 * strings and points across pages as it builds the records.
 */
import type { LinkRecord, LinkSource, PageRecord, Point, Position, SourceLocation } from '../types.js';
import { UNKNOWN_POSITION } from '../types.js';

/** A chunk of page records as a worker posts it (transfer `codes.buffer`). */
export interface PackedPages {
  /** Every distinct string of the chunk, in order of first use. */
  strings: string[];
  /** Counts, flags, string indexes, lines and columns; exact for any number. */
  codes: Float64Array<ArrayBuffer>;
}

/**
 * Every field of a page record, of a link record and of a source location.
 * They are typed as complete, so that a field added to `PageRecord`,
 * `LinkRecord` or `SourceLocation` fails to compile here until the codec
 * carries it.
 */
export const PACKED_FIELDS = {
  page: { file: true, url: true, noindex: true, ids: true, headings: true, links: true, contexts: true, text: true, title: true, lang: true, canonical: true, refresh: true, baseHref: true, optOut: true },
  link: { source: true, href: true, text: true, rel: true, region: true, position: true, ignore: true, origin: true, attributes: true },
  origin: { file: true, line: true, column: true, endLine: true, endColumn: true },
} as const satisfies {
  page: Record<keyof PageRecord, true>;
  link: Record<keyof LinkRecord, true>;
  origin: Record<keyof SourceLocation, true>;
};

/** Every link source; typed as complete, like {@link PACKED_FIELDS}. */
const SOURCE_SET = {
  'a[href]': true,
  'area[href]': true,
  'link[href]': true,
  'img[src]': true,
  'img[srcset]': true,
  'source[src]': true,
  'source[srcset]': true,
  'script[src]': true,
  'iframe[src]': true,
  'video[src]': true,
  'video[poster]': true,
  'audio[src]': true,
  'track[src]': true,
  'embed[src]': true,
  'object[data]': true,
  'meta[refresh]': true,
} as const satisfies Record<LinkSource, true>;
/** Link sources by code (the low 5 bits of a link's flag word, so at most 32). */
const SOURCES = Object.keys(SOURCE_SET) as LinkSource[];
const SOURCE_CODE = new Map<string, number>(SOURCES.map((source, code) => [source, code]));

// Page flags: which optional fields are present.
const P_NOINDEX = 1;
const P_TEXT = 2;
const P_TITLE = 4;
const P_LANG = 8;
const P_CANONICAL = 16;
const P_REFRESH = 32;
const P_BASE = 64;
const P_OPT_OUT = 128;
const P_CONTEXTS = 256;
// Link flags above the 5 bits of the source code.
const L_TEMPLATE = 1 << 5;
const L_KNOWN = 1 << 6;
const L_END = 1 << 7;
const L_IGNORE_ALL = 1 << 8;
const L_IGNORE_LIST = 1 << 9;
const L_ORIGIN = 1 << 10;
const L_ORIGIN_END_LINE = 1 << 11;
const L_ORIGIN_END_COLUMN = 1 << 12;
const L_ATTRIBUTES = 1 << 13;
const SOURCE_MASK = 31;

/**
 * Pack page records for a worker's message. Throws on a record the codec
 * does not know (a link source outside `LinkSource`), so that the caller
 * can fall back to sending it as it is rather than lose data.
 */
export function packPages(pages: readonly PageRecord[]): PackedPages {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const codes: number[] = [];
  const string = (value: string): number => {
    let at = index.get(value);
    if (at === undefined) {
      at = strings.push(value) - 1;
      index.set(value, at);
    }
    return at;
  };
  const list = (values: readonly string[]): void => {
    codes.push(values.length);
    for (const value of values) codes.push(string(value));
  };
  codes.push(pages.length);
  for (const page of pages) {
    const flags =
      (page.noindex ? P_NOINDEX : 0) |
      (page.text !== undefined ? P_TEXT : 0) |
      (page.title !== undefined ? P_TITLE : 0) |
      (page.lang !== undefined ? P_LANG : 0) |
      (page.canonical !== undefined ? P_CANONICAL : 0) |
      (page.refresh !== undefined ? P_REFRESH : 0) |
      (page.baseHref !== undefined ? P_BASE : 0) |
      (page.optOut !== undefined ? P_OPT_OUT : 0) |
      (page.contexts !== undefined ? P_CONTEXTS : 0);
    // A page's file, URL and text are its own: table entries without a lookup.
    codes.push(flags, strings.push(page.file) - 1, strings.push(page.url) - 1);
    if (page.text !== undefined) codes.push(strings.push(page.text) - 1);
    if (page.title !== undefined) codes.push(string(page.title));
    if (page.lang !== undefined) codes.push(string(page.lang));
    if (page.canonical !== undefined) codes.push(string(page.canonical));
    if (page.refresh !== undefined) codes.push(string(page.refresh));
    if (page.baseHref !== undefined) codes.push(string(page.baseHref));
    if (page.optOut !== undefined) list(page.optOut);
    list(page.ids);
    list(page.headings);
    codes.push(page.links.length);
    for (const link of page.links) {
      const source = SOURCE_CODE.get(link.source);
      if (source === undefined) throw new Error(`unknown link source \`${link.source}\``);
      const { position, ignore, origin, attributes } = link;
      const flags =
        source |
        (link.region === 'template' ? L_TEMPLATE : 0) |
        (position.known ? L_KNOWN | (position.end ? L_END : 0) : 0) |
        (ignore === true ? L_IGNORE_ALL : ignore !== undefined ? L_IGNORE_LIST : 0) |
        (origin ? L_ORIGIN | (origin.endLine !== undefined ? L_ORIGIN_END_LINE : 0) | (origin.endColumn !== undefined ? L_ORIGIN_END_COLUMN : 0) : 0) |
        (attributes ? L_ATTRIBUTES : 0);
      // Template links repeat on every page of the chunk; content links' hrefs and texts mostly do not, and hashing them costs more than sending them.
      if (link.region === 'template') codes.push(flags, string(link.href), string(link.text));
      else codes.push(flags, strings.push(link.href) - 1, strings.push(link.text) - 1);
      list(link.rel);
      if (position.known) {
        codes.push(position.start.line, position.start.column);
        if (position.end) codes.push(position.end.line, position.end.column);
      }
      if (ignore !== undefined && ignore !== true) list(ignore);
      if (origin) {
        codes.push(string(origin.file), origin.line, origin.column);
        if (origin.endLine !== undefined) codes.push(origin.endLine);
        if (origin.endColumn !== undefined) codes.push(origin.endColumn);
      }
      if (attributes) {
        const keys = Object.keys(attributes);
        codes.push(keys.length);
        for (const key of keys) codes.push(string(key), string(attributes[key]!));
      }
    }
    if (page.contexts !== undefined) for (const context of page.contexts) codes.push(context);
  }
  return { strings, codes: Float64Array.from(codes) };
}

/** Shares equal strings and points between the records of a run. */
export interface Interner {
  /**
   * The run's one copy of a string equal to `value`.
   *
   * @param own `value` is a string of its own, not part of a longer one
   *   (a message's), so that the table may keep it without a copy.
   */
  string(value: string, own?: boolean): string;
  /** The run's one copy of a list equal to `values` when it is empty, else a list of shared strings. */
  list(values: readonly string[]): readonly string[];
  /** The run's one point equal to this line and column. */
  point(line: number, column: number): Point;
  /**
   * The run's one known position with these points (shared objects: the
   * same link in a template sits at the same place on every page, and so
   * do many content links of generated pages).
   */
  position(start: Point, end: Point | undefined): Position;
  /**
   * The run's one copy of a template link equal to `link` (same source,
   * href, text, `rel`, attributes and position; without `ignore` or
   * `origin`), or `link` itself: a header's links sit at the same place
   * with the same text on every page. Neither strings nor positions need
   * be shared (they are compared by value), so that a link already known
   * needs neither.
   */
  link(link: LinkRecord): LinkRecord;
  /**
   * The run's template link with these fields, if {@link Interner.link}
   * has kept one: the same test, from the fields of a link not yet made.
   *
   * @param hasEnd whether the position has an end (`endLine`, `endColumn`).
   */
  knownLink(
    source: LinkSource,
    href: string,
    text: string,
    rel: readonly string[],
    attributes: LinkRecord['attributes'],
    line: number,
    column: number,
    hasEnd: boolean,
    endLine: number,
    endColumn: number,
  ): LinkRecord | undefined;
}

/** Different template links kept per position: a breadcrumb at one place links elsewhere on every page. */
const LINKS_PER_POSITION = 8;

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Make an {@link Interner}. Strings are copied on the way in, so that the
 * table never holds a substring that keeps a page's whole source alive.
 */
export function createInterner(): Interner {
  // Points by line, then column: two array reads instead of hashing a number too large to be small.
  const pointRows: Point[][] = [];
  // Keyed by the shared start point, then the shared end point (or the start itself when there is none).
  const positions = new Map<Point, Map<Point, Position>>();
  // Template links by where they start (line and column as one small integer), then compared field by field.
  const linksAt = new Map<number, LinkRecord[]>();
  // No link is kept under -1, the key of a place too far to share.
  const knownLink: Interner['knownLink'] = (source, href, text, rel, attributes, line, column, hasEnd, endLine, endColumn) => {
    const candidates = linksAt.get(placeKey(line, column));
    if (candidates === undefined) return undefined;
    for (const candidate of candidates) {
      const end = (candidate.position as Extract<Position, { known: true }>).end;
      if (
        candidate.href === href &&
        candidate.text === text &&
        candidate.source === source &&
        (end === undefined ? !hasEnd : hasEnd && end.line === endLine && end.column === endColumn) &&
        sameList(candidate.rel, rel) &&
        sameAttributes(candidate.attributes, attributes)
      ) {
        return candidate;
      }
    }
    return undefined;
  };
  const table = new StringTable();
  const string = (value: string, own = false): string => table.intern(value, own);
  return {
    string,
    list: (values) => (values.length === 0 ? EMPTY : values.map((value) => string(value))),
    point(line, column) {
      if (column >= 2 ** 26 || line >= 2 ** 26 || !Number.isInteger(line) || !Number.isInteger(column) || line < 0 || column < 0) return { line, column };
      const row = (pointRows[line] ??= []);
      return (row[column] ??= { line, column });
    },
    position(start, end) {
      let byEnd = positions.get(start);
      if (byEnd === undefined) positions.set(start, (byEnd = new Map()));
      const key = end ?? start;
      let shared = byEnd.get(key);
      if (shared === undefined) byEnd.set(key, (shared = end === undefined ? { known: true, start } : { known: true, start, end }));
      return shared;
    },
    link(link) {
      const position = link.position;
      if (link.region !== 'template' || !position.known || link.ignore !== undefined || link.origin !== undefined) return link;
      const { start, end } = position;
      const key = placeKey(start.line, start.column);
      if (key === -1) return link;
      const known = knownLink(link.source, link.href, link.text, link.rel, link.attributes, start.line, start.column, end !== undefined, end?.line ?? 0, end?.column ?? 0);
      if (known !== undefined) return known;
      let candidates = linksAt.get(key);
      if (candidates === undefined) linksAt.set(key, (candidates = []));
      if (candidates.length < LINKS_PER_POSITION) candidates.push(link);
      return link;
    },
    knownLink,
  };
}

/**
 * One copy of each string: an open-addressing table of the strings' own
 * hashes beside them, probed without touching a stored string until a hash
 * matches: on the many, mostly repeated strings of a site's links, ids and
 * headings it is cheaper than a `Map` (figures in the commit history).
 */
class StringTable {
  #hashes = new Int32Array(1 << 12);
  #values: (string | undefined)[] = new Array<string | undefined>(1 << 12);
  #count = 0;
  /** A start of its own for the hash, so that no page can be written to make its strings collide. */
  readonly #seed = (Math.random() * 2 ** 32) | 0;

  /** The table's copy of `value`, added (copied unless `own`) when new. */
  intern(value: string, own: boolean): string {
    let hash = this.#seed;
    let codes = 0;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      codes |= code;
      hash = Math.imul(hash ^ code, 0x01000193);
    }
    hash ^= hash >>> 15;
    // 0 marks an empty slot.
    if (hash === 0) hash = 1;
    const hashes = this.#hashes;
    const mask = hashes.length - 1;
    let slot = hash & mask;
    for (let stored = hashes[slot]!; stored !== 0; stored = hashes[slot]!) {
      if (stored === hash) {
        const candidate = this.#values[slot]!;
        if (candidate === value) return candidate;
      }
      slot = (slot + 1) & mask;
    }
    // A string that fits Latin-1 is kept in V8's one-byte form, half the size (see narrowString).
    const shared = codes <= 0xff && value.length >= MIN_SLICE ? narrowString(value) : own ? value : copyString(value);
    hashes[slot] = hash;
    this.#values[slot] = shared;
    if (++this.#count * 2 > hashes.length) this.#grow();
    return shared;
  }

  /** Twice the slots, every string placed again: the table stays at most half full. */
  #grow(): void {
    const oldHashes = this.#hashes;
    const oldValues = this.#values;
    const hashes = new Int32Array(oldHashes.length * 2);
    const values = new Array<string | undefined>(hashes.length);
    const mask = hashes.length - 1;
    for (let index = 0; index < oldHashes.length; index++) {
      const hash = oldHashes[index]!;
      if (hash === 0) continue;
      let slot = hash & mask;
      while (hashes[slot] !== 0) slot = (slot + 1) & mask;
      hashes[slot] = hash;
      values[slot] = oldValues[index];
    }
    this.#hashes = hashes;
    this.#values = values;
  }
}

/** Line and column as one small integer, or -1 when they do not fit (such links are not shared). */
function placeKey(line: number, column: number): number {
  return Number.isInteger(line) && Number.isInteger(column) && line >= 0 && column >= 0 && line < 2 ** 15 && column < 2 ** 16 ? line * 2 ** 16 + column : -1;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((value, index) => value === b[index]));
}

function sameAttributes(a: LinkRecord['attributes'], b: LinkRecord['attributes']): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/**
 * A copy of a string whose characters all fit Latin-1, in V8's one-byte
 * form. A page with one character beyond Latin-1 (a `’`, an `—`) is read
 * as a two-byte string, and so is every substring of 13 characters or more
 * taken from it (V8 copies shorter ones, narrowing them): its hrefs, titles
 * and anchor texts, ASCII as they are, took twice the memory.
 *
 * The characters go through a scratch buffer: 70-110 ns for 13 to 30
 * characters, where a JSON round trip (whose parser also makes one-byte
 * strings) took 160-180 ns and a new `Buffer` each time longer still.
 *
 * @param value a string of Latin-1 characters only (others would be cut to their low byte).
 */
function narrowString(value: string): string {
  const length = value.length;
  if (length > latin1Scratch.length) return Buffer.from(value, 'latin1').toString('latin1');
  for (let index = 0; index < length; index++) latin1Scratch[index] = value.charCodeAt(index);
  return latin1Scratch.toString('latin1', 0, length);
}

/** Scratch bytes of {@link narrowString}. */
const latin1Scratch = Buffer.allocUnsafe(4096);

/**
 * V8 copies a substring shorter than this (narrowed when it fits Latin-1)
 * and makes a longer one a slice that keeps its whole parent alive.
 */
const MIN_SLICE = 13;

/** A flat copy of a string that shares no memory with a longer one. */
function copyString(value: string): string {
  return value.length < MIN_SLICE ? value : ` ${value}`.slice(1);
}

/**
 * Unpack a worker's chunk into page records equal to the ones it packed.
 * Strings that repeat across pages (links' hrefs and texts, ids,
 * headings, titles, `rel` tokens, attributes, origins) and points are
 * shared through `interner`; the table's strings are the message's own
 * copies, so nothing needs copying.
 */
export function unpackPages(packed: PackedPages, interner: Interner): PageRecord[] {
  const { strings, codes } = packed;
  // The shared copy of each table entry, made on first use.
  const shared: (string | undefined)[] = new Array<string | undefined>(strings.length);
  let at = 0;
  const next = (): number => codes[at++]!;
  const raw = (): string => strings[next()]!;
  const common = (): string => {
    const i = next();
    return (shared[i] ??= interner.string(strings[i]!, true));
  };
  const list = (): readonly string[] => {
    const length = next();
    if (length === 0) return EMPTY;
    const values = new Array<string>(length);
    for (let i = 0; i < length; i++) values[i] = common();
    return values;
  };
  const readAttributes = (): Record<string, string> => {
    const attributes: Record<string, string> = {};
    for (let count = next(); count > 0; count--) {
      const key = common();
      attributes[key] = common();
    }
    return attributes;
  };
  const sharedPosition = (line: number, column: number, hasEnd: boolean, endLine: number, endColumn: number): Position =>
    interner.position(interner.point(line, column), hasEnd ? interner.point(endLine, endColumn) : undefined);
  const pages: PageRecord[] = [];
  for (let remaining = next(); remaining > 0; remaining--) {
    const flags = next();
    const file = raw();
    const url = raw();
    const text = flags & P_TEXT ? raw() : undefined;
    const title = flags & P_TITLE ? common() : undefined;
    const lang = flags & P_LANG ? raw() : undefined;
    const canonical = flags & P_CANONICAL ? raw() : undefined;
    const refresh = flags & P_REFRESH ? raw() : undefined;
    const baseHref = flags & P_BASE ? raw() : undefined;
    const optOut = flags & P_OPT_OUT ? list() : undefined;
    const ids = list();
    const headings = list();
    const links: LinkRecord[] = new Array<LinkRecord>(next());
    for (let l = 0; l < links.length; l++) {
      const flags = next();
      const template = (flags & L_TEMPLATE) !== 0;
      const source = SOURCES[flags & SOURCE_MASK]!;
      const href = common();
      const text = common();
      const rel = list();
      let line = 0;
      let column = 0;
      let endLine = 0;
      let endColumn = 0;
      const hasEnd = (flags & L_KNOWN) !== 0 && (flags & L_END) !== 0;
      if (flags & L_KNOWN) {
        line = next();
        column = next();
        if (hasEnd) {
          endLine = next();
          endColumn = next();
        }
      }
      // A template link already known at its place (a header's, on every page) is that one: no
      // position or record to make. Links with `ignore` or `origin` are never shared, so a shareable
      // link's attributes come right after its position.
      let attributes: Record<string, string> | undefined;
      if (template && flags & L_KNOWN && !(flags & (L_IGNORE_ALL | L_IGNORE_LIST | L_ORIGIN))) {
        if (flags & L_ATTRIBUTES) attributes = readAttributes();
        const known = interner.knownLink(source, href, text, rel, attributes, line, column, hasEnd, endLine, endColumn);
        if (known !== undefined) {
          links[l] = known;
          continue;
        }
      }
      const position = flags & L_KNOWN ? sharedPosition(line, column, hasEnd, endLine, endColumn) : UNKNOWN_POSITION;
      const link: LinkRecord = { source, href, text, rel, region: template ? 'template' : 'content', position };
      if (flags & L_IGNORE_ALL) link.ignore = true;
      else if (flags & L_IGNORE_LIST) link.ignore = list();
      if (flags & L_ORIGIN) {
        const origin: SourceLocation = { file: common(), line: next(), column: next() };
        if (flags & L_ORIGIN_END_LINE) origin.endLine = next();
        if (flags & L_ORIGIN_END_COLUMN) origin.endColumn = next();
        link.origin = origin;
      }
      if (flags & L_ATTRIBUTES) link.attributes = attributes ?? readAttributes();
      links[l] = interner.link(link);
    }
    let contexts: number[] | undefined;
    if (flags & P_CONTEXTS) {
      contexts = new Array<number>(links.length);
      for (let l = 0; l < links.length; l++) contexts[l] = next();
    }
    // Fields in the order `collectPage` sets them, so records have one shape.
    const page: PageRecord = contexts === undefined ? { file, url, noindex: (flags & P_NOINDEX) !== 0, ids, headings, links } : { file, url, noindex: (flags & P_NOINDEX) !== 0, ids, headings, links, contexts };
    if (text !== undefined) page.text = text;
    if (title !== undefined) page.title = title;
    if (lang !== undefined) page.lang = lang;
    if (canonical !== undefined) page.canonical = canonical;
    if (refresh !== undefined) page.refresh = refresh;
    if (baseHref !== undefined) page.baseHref = baseHref;
    if (optOut !== undefined) page.optOut = optOut;
    pages.push(page);
  }
  return pages;
}
