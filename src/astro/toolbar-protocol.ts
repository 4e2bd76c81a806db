/**
 * What the dev toolbar app (in the browser) and the integration (in the
 * dev server) say to each other over Astro's toolbar channel. Plain data
 * only: both sides import this file, the browser through Vite.
 */
import type { LinkSource, Severity } from '../types.js';

/** The toolbar app's id, also the prefix of its events. */
export const APP_ID = 'linkgraph';

/** Event names on the toolbar channel. */
export const EVENTS = {
  /** App -> server: check a page ({@link CheckRequest}). */
  check: `${APP_ID}:check`,
  /** Server -> apps: a page's report ({@link PageReport}), for the app that asked (by `id`). */
  report: `${APP_ID}:report`,
  /** Server -> apps: a source file changed; pages shown may have changed too. */
  changed: `${APP_ID}:changed`,
} as const;

/** App -> server: check the page at `path`. */
export interface CheckRequest {
  /** Chosen by the app: the report for this request carries it back. */
  id: string;
  /** `location.pathname + location.search` of the page in the browser. */
  path: string;
}

/**
 * Where a finding's element is on the page, in terms the browser can
 * query: the `occurrence`-th element (from 0, in document order) whose
 * `attribute` holds `value` (for `srcset`, among its candidates).
 */
export interface ElementKey {
  /** Element name (`a`, `img`, `link`). */
  tag: string;
  /** Attribute that carries the URL (`href`, `src`, `srcset`, `data`, `poster`). */
  attribute: string;
  /** The URL as written (entities decoded, whitespace trimmed). */
  value: string;
  /** Among elements with this tag and value, which one. */
  occurrence: number;
}

/** One link problem on the page, as the app shows it. */
export interface DevFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The rule's documentation page. */
  docs: string;
  /** Concrete fixes, most likely first. */
  suggestions: readonly string[];
  /** The href as written, for link findings. */
  href?: string;
  /** Element and attribute that carry the link. */
  source?: LinkSource;
  /** Where the author wrote the link in Markdown or MDX: `src/content/a.md:12:5`. */
  origin?: string;
  /** How the app finds the element; none for page-level findings. */
  element?: ElementKey;
  /** Made from the outbound check's cache of an earlier build (external links are not requested in dev). */
  cached?: string;
}

/** A page's place in the link graph, as the last `astro build` saw it. */
export interface PagePlace {
  url: string;
  title?: string;
  /** Distinct pages linking here; of those, with a link in content; with links in templates only. */
  inlinks: number;
  contentInlinks: number;
  templateInlinks: number;
  /** Distinct internal pages this page links to. */
  outlinks: number;
  /** Clicks from the nearest entry point; null when unreachable. */
  depth: number | null;
  /** Internal link score, 0-100; null outside the page set. */
  score: number | null;
  /** An entry point (home page, locale root, configured entry). */
  entry: boolean;
  /** In the page set (meant to be linked and indexed): no other page links here, and it is no entry point. */
  orphan: boolean;
  /** Why the page is outside the page set (`noindex`, `redirect`, ...). */
  exclusion?: string;
  /** The anchor texts of content links from other pages, most used first: text (lower case) and linking pages. */
  anchors: readonly AnchorUse[];
  /** Further distinct anchor texts not listed. */
  moreAnchors: number;
  /** Findings of site-wide rules about this page (orphan, depth, anchor text spread). */
  findings: readonly { ruleId: string; severity: Severity; message: string }[];
}

/** One anchor text others use for a page. */
export interface AnchorUse {
  text: string;
  /** Distinct pages linking with it. */
  pages: number;
  /** The `overused-anchor` rule reported it as the text most links use. */
  overused?: true;
}

/** The page's place from the last build, or why there is none. */
export type GraphPlace =
  | { state: 'built'; builtAt: string; place: PagePlace }
  /** The last build has no such page (new since, or rendered on demand). */
  | { state: 'not-built'; builtAt: string }
  /** No build has written a summary yet. */
  | { state: 'none' };

/** Server -> app: the report of one page. */
export type PageReport = { id: string; path: string; graph: GraphPlace } & (
  | {
      state: 'checked';
      /** The page's HTTP status in the dev server. */
      status: number;
      findings: readonly DevFinding[];
      /** Things the check could not do (a target that answered 500). */
      notes: readonly string[];
      /** How long the check took, in ms. */
      took: number;
    }
  | { state: 'failed'; reason: string }
);
