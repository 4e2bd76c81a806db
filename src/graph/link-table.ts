import type { ResolvedLink } from '../resolve/link-resolver.js';
import type { LinkRecord, LinkSource, Lookup, PageRecord, Region, Target } from '../types.js';

/** Link sources that make page-to-page edges: what a crawler follows. */
export const NAVIGATION_SOURCES: ReadonlySet<LinkSource> = new Set(['a[href]', 'area[href]']);

/** Target kinds as the table codes them. */
export const KIND = { internal: 0, external: 1, mailto: 2, tel: 3, data: 4, javascript: 5, other: 6, invalid: 7 } as const satisfies Record<Target['kind'], number>;
/** Lookup results as the table codes them; `none` also for targets that are not internal. */
export const FOUND = { none: 0, page: 1, asset: 2, redirect: 3, unknown: 4 } as const satisfies Record<Lookup['found'], number>;
const KIND_NAMES = namesOf(KIND);
const FOUND_NAMES = namesOf(FOUND);

/** Link bit: an `<a href>` or `<area href>` ({@link NAVIGATION_SOURCES}). */
export const LINK_NAVIGATION = 1;
/** Link bit: the link sits outside landmarks (its landmark region is content, before template detection). */
export const LINK_CONTENT = 2;
/** Link bit: the link is followed (no nofollow, ugc, sponsored). */
export const LINK_FOLLOWED = 4;
/** Link bit: the link has `rel` tokens. */
export const LINK_REL = 8;
/** Link bit: the link has extra attributes (`role`, `missingHref`, ...). */
export const LINK_ATTRIBUTES = 16;
/** Link bit: the internal target has a fragment (`target.fragment` is set). */
export const LINK_FRAGMENT = 32;
/** Link bit: `href=""`. */
export const LINK_EMPTY_HREF = 64;
/** Link bit: the link has `ignore` (`data-linkgraph-ignore` on it or an ancestor). */
export const LINK_IGNORE = 128;

/** The `LINK_*` bits of a link and its target. */
export function linkBits(link: LinkRecord, target: Target): number {
  return (
    (NAVIGATION_SOURCES.has(link.source) ? LINK_NAVIGATION : 0) |
    (link.region === 'content' ? LINK_CONTENT : 0) |
    (isFollowed(link.rel) ? LINK_FOLLOWED : 0) |
    (link.rel.length > 0 ? LINK_REL : 0) |
    (link.attributes !== undefined ? LINK_ATTRIBUTES : 0) |
    (target.kind === 'internal' && target.fragment !== undefined ? LINK_FRAGMENT : 0) |
    (link.href === '' ? LINK_EMPTY_HREF : 0) |
    (link.ignore !== undefined ? LINK_IGNORE : 0)
  );
}

/** Whether a link with these rel tokens passes link signals. */
export function isFollowed(rel: readonly string[]): boolean {
  return !rel.some((token) => token === 'nofollow' || token === 'ugc' || token === 'sponsored');
}

/**
 * The link table as the graph builder fills it: one slot per link of the
 * site, indexed by link id (`start[pageId] + index`). Only src/graph/
 * reads these; everyone else asks {@link LinkTable}.
 */
export interface LinkColumns {
  /** Where each page's links start; `start[pages.length]` is the number of links. */
  readonly start: Int32Array;
  /** {@link KIND} of each link's target. */
  readonly kind: Uint8Array;
  /** {@link FOUND}: what the lookup of an internal target found. */
  readonly found: Uint8Array;
  /** The page a link leads to (its lookup found a page), else -1. */
  readonly page: Int32Array;
  /** `LINK_*` bits. */
  readonly bits: Uint8Array;
  /** Each link's anchor text, as an index into {@link texts}. */
  readonly text: Int32Array;
  /** The distinct anchor texts of the site, in order of first use. */
  readonly texts: readonly string[];
  /** Each link's resolution. */
  readonly resolved: readonly ResolvedLink[];
}

/**
 * Every link of the site, with its target and traits, for rules to query.
 * A link is an integer, its link id: a page's links are the ids from
 * {@link start} up to {@link end}, in document order, and
 * {@link index} gives the link's place in its page's `links` (what a
 * finding names). Rules look for the few links they speak about with the
 * cheap questions ({@link kind}, {@link found}, {@link targetPage},
 * {@link isNavigation}, ...), which read flat arrays, and read a link's
 * {@link record} and {@link resolved} target only for those: the records
 * and resolutions of half a million links are far apart in memory.
 */
export class LinkTable {
  /** The distinct anchor texts of the site, in order of first use: what {@link textId} indexes. */
  readonly texts: readonly string[];
  readonly #pages: readonly PageRecord[];
  readonly #start: Int32Array;
  readonly #pageOf: Int32Array;
  readonly #kind: Uint8Array;
  readonly #found: Uint8Array;
  readonly #target: Int32Array;
  readonly #bits: Uint8Array;
  readonly #text: Int32Array;
  readonly #resolved: readonly ResolvedLink[];
  readonly #template: Uint8Array;

  /**
   * @param pages the pages whose links the columns hold.
   * @param columns the links, as the graph builder filled them.
   * @param template per link, 1 when its effective region is template.
   */
  constructor(pages: readonly PageRecord[], columns: LinkColumns, template: Uint8Array) {
    this.#pages = pages;
    this.#start = columns.start;
    this.#kind = columns.kind;
    this.#found = columns.found;
    this.#target = columns.page;
    this.#bits = columns.bits;
    this.#text = columns.text;
    this.texts = columns.texts;
    this.#resolved = columns.resolved;
    this.#template = template;
    const pageOf = new Int32Array(columns.kind.length);
    for (let pageId = 0; pageId < pages.length; pageId++) pageOf.fill(pageId, columns.start[pageId]!, columns.start[pageId + 1]!);
    this.#pageOf = pageOf;
  }

  /** The number of links on the site. */
  get size(): number {
    return this.#kind.length;
  }

  /** The first link of a page. */
  start(pageId: number): number {
    return this.#start[pageId]!;
  }

  /** The link after a page's last: its links are `start(pageId)` up to, not including, `end(pageId)`. */
  end(pageId: number): number {
    return this.#start[pageId + 1]!;
  }

  /** The link at `index` of a page's `links`. */
  at(pageId: number, index: number): number {
    return this.#start[pageId]! + index;
  }

  /** The page a link is on. */
  page(link: number): number {
    return this.#pageOf[link]!;
  }

  /** A link's index in its page's `links`. */
  index(link: number): number {
    return link - this.#start[this.#pageOf[link]!]!;
  }

  /** A link's record, as the collector made it. */
  record(link: number): LinkRecord {
    const pageId = this.#pageOf[link]!;
    return this.#pages[pageId]!.links[link - this.#start[pageId]!]!;
  }

  /** A link's target and what its lookup found. */
  resolved(link: number): ResolvedLink {
    return this.#resolved[link]!;
  }

  /** The kind of a link's target: `resolved(link).target.kind`. */
  kind(link: number): Target['kind'] {
    return KIND_NAMES[this.#kind[link]!]!;
  }

  /** What the lookup of a link's internal target found, `none` for other targets: `resolved(link).lookup.found`. */
  found(link: number): Lookup['found'] {
    return FOUND_NAMES[this.#found[link]!]!;
  }

  /** The page a link leads to (its lookup found a page), else -1. */
  targetPage(link: number): number {
    return this.#target[link]!;
  }

  /** The id of a link's anchor text in {@link texts}: links with one text have one id. */
  textId(link: number): number {
    return this.#text[link]!;
  }

  /** A link's anchor text: `record(link).text`. */
  text(link: number): string {
    return this.texts[this.#text[link]!]!;
  }

  /**
   * A link's effective region: its landmark region, or `template` when the
   * same link (target and anchor text) repeats on at least the graph's
   * `templateThreshold` of all pages.
   */
  region(link: number): Region {
    return this.#template[link] === 1 ? 'template' : 'content';
  }

  /** Whether a link is an `<a href>` or `<area href>`, with or without an actual href (see {@link isAnchor}). */
  isNavigation(link: number): boolean {
    return (this.#bits[link]! & LINK_NAVIGATION) !== 0;
  }

  /**
   * Whether a link is an `<a href>` or `<area href>` with an href: an `<a>`
   * without href is kept as an `<a href>` with the attribute `missingHref`.
   * Reads the link's record only when it has attributes.
   */
  isAnchor(link: number): boolean {
    const bits = this.#bits[link]!;
    if ((bits & LINK_NAVIGATION) === 0) return false;
    return (bits & LINK_ATTRIBUTES) === 0 || this.record(link).attributes?.['missingHref'] === undefined;
  }

  /** Whether a link sits outside landmarks (`nav`, `header`, `footer`, ...): its record's `region` is `content`. */
  isOutsideLandmarks(link: number): boolean {
    return (this.#bits[link]! & LINK_CONTENT) !== 0;
  }

  /** Whether a link passes link signals: no `rel` nofollow, ugc or sponsored. */
  isFollowed(link: number): boolean {
    return (this.#bits[link]! & LINK_FOLLOWED) !== 0;
  }

  /** Whether a link has `rel` tokens. */
  hasRel(link: number): boolean {
    return (this.#bits[link]! & LINK_REL) !== 0;
  }

  /** Whether a link's record has `attributes` (`hrefLang`, `role`, `missingHref`, ...). */
  hasAttributes(link: number): boolean {
    return (this.#bits[link]! & LINK_ATTRIBUTES) !== 0;
  }

  /** Whether a link's internal target has a fragment: `resolved(link).target.fragment` is set. */
  hasFragment(link: number): boolean {
    return (this.#bits[link]! & LINK_FRAGMENT) !== 0;
  }

  /** Whether a link's href is `""`. */
  hasEmptyHref(link: number): boolean {
    return (this.#bits[link]! & LINK_EMPTY_HREF) !== 0;
  }

  /**
   * Whether `data-linkgraph-ignore` on a link (or an ancestor) names a rule.
   * Rules that aggregate many links into one finding use it to leave the
   * link out of the count, since the engine can only suppress the finding.
   */
  ignores(link: number, ruleId: string): boolean {
    if ((this.#bits[link]! & LINK_IGNORE) === 0) return false;
    const { ignore } = this.record(link);
    return ignore === true || (ignore !== undefined && ignore.includes(ruleId));
  }

  /**
   * Visit, page by page in link order, the links for which `wanted` holds.
   *
   * @param wanted whether a link (on page `pageId`) is one to visit; ask it the cheap questions.
   * @param visit called with the link, its page and its index in the page's `links`.
   */
  each(wanted: (link: number, pageId: number) => boolean, visit: (link: number, pageId: number, index: number) => void): void {
    const start = this.#start;
    const pageCount = start.length - 1;
    for (let pageId = 0; pageId < pageCount; pageId++) {
      const first = start[pageId]!;
      const end = start[pageId + 1]!;
      for (let link = first; link < end; link++) if (wanted(link, pageId)) visit(link, pageId, link - first);
    }
  }
}

/** The names of a code table, by code. */
function namesOf<Name extends string>(codes: Record<Name, number>): readonly Name[] {
  const names: Name[] = [];
  for (const [name, code] of Object.entries(codes) as [Name, number][]) names[code] = name;
  return names;
}
