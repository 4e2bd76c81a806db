/**
 * The data that flows through linkgraph's pipeline:
 * read -> collect (page records) -> graph -> rules (findings) -> report.
 * Every type here is plain data: no classes, no I/O handles.
 */


/** Severity of a finding, and the value of a rule's configured level. */
export type Severity = 'error' | 'warn' | 'info';

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** A place in a file, 1-based line and column. */
export interface Point {
  line: number;
  column: number;
}

/** Where something sits in its file: known (with start and maybe end) or unknown. */
export type Position =
  | { known: true; start: Point; end?: Point }
  | { known: false };

/** The unknown position. Shared so that records stay small. */
export const UNKNOWN_POSITION: Position = Object.freeze({ known: false }) as Position;

/**
 * A place in an author's source file (Markdown, MDX, a component) that a
 * link in the built HTML came from.
 */
export interface SourceLocation {
  /** Path relative to the project root, with `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * A suppression comment in a page's source (`<!-- linkgraph-disable
 * broken-fragment -->`), read by a host from the page's tree.
 */
export interface Directive {
  /**
   * `disable`: from here on, until an `enable` names the rule (or names
   * none); `enable`: ends a `disable`; `ignore`: only up to `until`, the end
   * of the node that follows the comment.
   */
  kind: 'disable' | 'enable' | 'ignore';
  /** The rule ids it names; none: every rule. */
  rules: readonly string[];
  /** Where the comment starts. */
  start: Point;
  /** For `ignore`: where the node it covers ends. */
  until?: Point;
}

/** Which part of a page a link sits in. */
export type Region = 'content' | 'template';

/** The HTML elements and attributes that carry links. */
export type LinkSource =
  | 'a[href]'
  | 'area[href]'
  | 'link[href]'
  | 'img[src]'
  | 'img[srcset]'
  | 'source[src]'
  | 'source[srcset]'
  | 'script[src]'
  | 'iframe[src]'
  | 'video[src]'
  | 'video[poster]'
  | 'audio[src]'
  | 'track[src]'
  | 'embed[src]'
  | 'object[data]'
  | 'meta[refresh]';

/** One link-bearing attribute value found on a page. */
export interface LinkRecord {
  /** Element and attribute that carry the URL. */
  source: LinkSource;
  /** The URL as written (entities decoded, whitespace trimmed). */
  href: string;
  /** Accessible anchor text (text content, else img alt, aria-label, title); `''` when none. */
  text: string;
  /** `rel` tokens, lower case. */
  rel: readonly string[];
  /** Template (nav, header, footer, aside, landmark roles) or content. */
  region: Region;
  /** Where the element starts in the HTML file. */
  position: Position;
  /**
   * `data-linkgraph-ignore` on the element or an ancestor: `true` ignores
   * every rule, a list names the rules to ignore.
   */
  ignore?: true | readonly string[];
  /** Where the link was written in an author's source file, when known. */
  origin?: SourceLocation;
  /**
   * Extra attributes some rules read (`hrefLang`, `target`, `download`,
   * `ariaLabelledBy`, `ariaHidden`, `ariaCurrent`, `role`, `onClick`; on an `<a>`
   * without href: `missingHref`, and its `id` and `name`).
   */
  attributes?: Readonly<Record<string, string>>;
}

/** Facts about one built HTML page, collected from its tree. */
export interface PageRecord {
  /** Output file, relative to the site directory, `/` separators. */
  file: string;
  /** Public URL path of the page, with the base path (`/docs/about/`). */
  url: string;
  /** `<title>` text, whitespace-collapsed. */
  title?: string;
  /** `<html lang>`. */
  lang?: string;
  /** `<link rel=canonical href>` as written. */
  canonical?: string;
  /** `<meta name=robots>` contains `noindex`. */
  noindex: boolean;
  /** `<meta http-equiv=refresh>` target, as written. */
  refresh?: string;
  /** `<base href>` as written. */
  baseHref?: string;
  /** Every fragment target on the page (`id` and `a[name]`). */
  ids: readonly string[];
  /** Text of `h1`-`h6`, in document order. */
  headings: readonly string[];
  /**
   * Plain text of the page's content region (for suggestions): each block
   * (paragraph, heading, list item, ...) on a line of its own, other
   * whitespace collapsed to single spaces, typographic quotes, dashes and
   * the ellipsis in their ASCII forms (`’` as `'`, `—` as `-`).
   */
  text?: string;
  /** Every link-bearing attribute, in document order. */
  links: readonly LinkRecord[];
  /**
   * For each link (same index as `links`), its context: the ordinal, from
   * 1, of the innermost paragraph, list item, table cell, description term
   * or definition, caption or heading around it on the page; 0 outside any.
   * Links with one context are "in the same context" (W3C ACT rule fd3a94).
   * Absent from records made without it: every link then has none.
   */
  contexts?: readonly number[];
  /** Page-level opt-out: `<meta name="linkgraph" content="...">` rule ids or `all`. */
  optOut?: readonly string[];
}

/** What an href points at, after resolution. */
export type Target =
  | {
      kind: 'internal';
      /** Public URL path with base, percent-decoded and NFC-normalised (`/docs/café/`). */
      path: string;
      /** Path relative to the base, without leading slash (`café/`). */
      sitePath: string;
      /** Decoded fragment without `#`, or undefined when the href has none. */
      fragment?: string;
      /** Query string with `?`, when present. */
      query?: string;
    }
  | {
      kind: 'external';
      /** Absolute URL, without fragment. */
      url: string;
      fragment?: string;
    }
  | { kind: 'mailto' | 'tel' | 'data' | 'javascript' | 'other'; url: string }
  | { kind: 'invalid'; reason: string };

/** What a resolved internal path names in the output. */
export type Lookup =
  | { found: 'page'; pageId: number; file: string }
  | { found: 'asset'; file: string }
  | { found: 'redirect'; to: string }
  /** Not a page, and the host does not know the site's assets (rehype without `files`). */
  | { found: 'unknown' }
  | { found: 'none' };

/** One problem, as data. Maps onto a vfile message and a SARIF result. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** URL path of the page the finding is on (or about). */
  page: string;
  /** Output file of that page, relative to the site directory. */
  file: string;
  /** Position in the output file; unknown for page-level findings. */
  position: Position;
  /** Where the author wrote the link, when known (Markdown line). */
  origin?: SourceLocation;
  /** The href as written, for link findings. */
  href?: string;
  /** The resolved target URL, or null when it could not be resolved. */
  target?: string | null;
  /** Anchor text of the link, for link findings. */
  text?: string;
  expected?: readonly string[];
  actual?: string;
  /** Concrete fixes, most likely first. */
  suggestions?: readonly string[];
  /** Rule-specific structured data (distributions, paths). */
  data?: Readonly<Record<string, unknown>>;
}

/** Per-page numbers every report carries. */
export interface PageMetrics {
  url: string;
  file: string;
  title?: string;
  /** Distinct pages linking here. */
  inlinks: number;
  /** Of those, pages with at least one content-region link here. */
  contentInlinks: number;
  /** Of those, pages whose links here are all in template regions. */
  templateInlinks: number;
  /** Distinct internal pages this page links to. */
  outlinks: number;
  /** Distinct external URLs this page links to. */
  externalOutlinks: number;
  /**
   * Clicks from the nearest entry point over followed links (a pagination
   * step and an `hreflang` alternate cost none); null when unreachable.
   */
  depth: number | null;
  /** Internal link score, 0-100 (PageRank over followed links, log scale); null outside the page set. */
  score: number | null;
  /** In the page set: meant to be linked and indexed. */
  indexable: boolean;
  /** Why the page is outside the page set. */
  exclusion?: Exclusion;
}

/** A sitemap file of the output, as text (read by the host, parsed by the core). */
export interface SitemapFile {
  /** Output file, relative to the site directory (`sitemap-0.xml`). */
  file: string;
  xml: string;
}

/**
 * A page file that could not be checked: it could not be read, or its
 * markup could not be parsed. The host says which; the `unreadable-page`
 * rule makes it a finding.
 */
export interface UnreadablePage {
  /** Output file, relative to the site directory, `/` separators. */
  file: string;
  /** Public URL path the page would have. */
  url: string;
  /** What went wrong, as a clause: `cannot be read: EACCES: permission denied`. */
  reason: string;
}

/** Counts per severity. */
export type SeverityCounts = Record<Severity, number>;

/** What a run returns. */
export interface Result {
  findings: Finding[];
  counts: SeverityCounts;
  pages: PageMetrics[];
  summary: {
    pages: number;
    links: number;
    /** External URLs found (unique). */
    externalUrls: number;
    /** Outbound check outcome. */
    external: { checked: boolean; reason?: string };
    /** Findings kept out by baseline or ignores. */
    suppressed: number;
  };
  /** Whether findings reached the `failOn` level. */
  failed: boolean;
  /** Non-fatal problems of the run itself (unreadable files, reporter errors). */
  warnings: string[];
  /**
   * The internal link graph, for reports that draw it (the HTML report).
   * Optional: a result built by hand may leave it out, and reports then
   * show no graph.
   */
  graph?: ResultGraph;
  /** How the findings compared with a baseline, when one was given. */
  baseline?: BaselineOutcome;
}

/**
 * The page-to-page link graph in plain data, indexed by `Result.pages`
 * order: small enough to embed in a report (three numbers per edge).
 */
export interface ResultGraph {
  /**
   * One edge per distinct (from, to) pair of pages, without self-links, as
   * parallel arrays: edge `i` goes from page `from[i]` to page `to[i]`
   * (indexes into `pages`), and `flags[i]` is a bit set of `1` (at least one
   * link of the pair is in page content) and `2` (at least one is followed,
   * no `nofollow`/`ugc`/`sponsored`). Typed arrays: a tuple per edge took
   * several times the memory on a large site.
   */
  from: Int32Array;
  to: Int32Array;
  flags: Uint8Array;
  /** Entry points (home page, locale roots, configured entries), as indexes into `pages`. */
  entries: number[];
}

/** One recorded finding in a baseline file: what identifies it across runs, never a line number. */
export interface BaselineEntry {
  ruleId: string;
  /** URL path of the page. */
  page: string;
  /** Resolved target (or the href as written), `''` for page-level findings. */
  target: string;
  /** Anchor text, `''` when none. */
  text: string;
  /** How many findings share this identity (the same link repeated on one page). */
  count: number;
  /** The message when recorded, for people reading the file; not matched. */
  message: string;
}

/** What a baseline did to a run. */
export interface BaselineOutcome {
  /** Findings that matched an entry and were left out. */
  matched: number;
  /** Entries (or the surplus of their counts) that no longer occur: the baseline can shrink. */
  stale: BaselineEntry[];
}

/** Why a page is outside the page set (pages meant to be linked and indexed). */
export type Exclusion = 'error-page' | 'noindex' | 'redirect' | 'canonicalised';
