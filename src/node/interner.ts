/**
 * One copy of each string, point, position and template link across the
 * page records of a run: a site repeats its links' hrefs and texts, ids,
 * headings and header links on every page.
 */
import { Buffer } from 'node:buffer';
import type { LinkRecord, LinkSource, Point, Position } from '../types.js';

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

/** The run's one empty list. */
export const EMPTY: readonly string[] = Object.freeze([]);

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
 * and anchor texts, ASCII as they are, would take twice the memory.
 *
 * The characters go through one scratch buffer, cheaper than a JSON round
 * trip (whose parser also makes one-byte strings) or a new `Buffer`.
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
