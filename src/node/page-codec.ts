/**
 * Page records packed for the trip from a page-reading worker to the main
 * thread: every string once per chunk in a string table, everything else as
 * numbers in one transferable `Float64Array`, much cheaper to send than
 * JSON of the records; unpacking shares repeated strings and points across
 * pages as it builds the records.
 */
import type { LinkRecord, LinkSource, PageRecord, Position, SourceLocation } from '../types.js';
import { UNKNOWN_POSITION } from '../types.js';
import { EMPTY, type Interner } from './interner.js';

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
