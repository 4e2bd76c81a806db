import { normaliseBase } from '../resolve/resolve-href.js';
import type { Lookup } from '../types.js';

/** How the site treats a trailing slash on page URLs. */
export type TrailingSlash = 'ignore' | 'always' | 'never';

/** Options of {@link createSiteModel}. */
export interface SiteModelOptions {
  /** Every output file, relative to the site directory, `/` separators. */
  files: Iterable<string>;
  /**
   * The pages, in page-id order (their output files). Default: every HTML
   * file, sorted. An HTML file left out is served but treated as an asset.
   */
  pageFiles?: readonly string[] | undefined;
  /** Base path the site is served under. Default `/`. */
  base?: string | undefined;
  /** Trailing slash policy for page URLs. Default `ignore`. */
  trailingSlash?: TrailingSlash | undefined;
  /**
   * Redirects the host serves (Astro `redirects`): source path -> target,
   * both public paths.
   */
  redirects?: Readonly<Record<string, string>> | undefined;
  /**
   * Whether `files` lists every asset. When false (a unified pipeline that
   * sees only pages), a missing path with a non-HTML extension is `unknown`,
   * not `none`. Default true.
   */
  assetsKnown?: boolean | undefined;
  /**
   * Other names of files: a symlink inside the site (`faq.html` ->
   * `faq.en.html`) is the file it names, so a link to either name reaches
   * that one page. Alias -> real file, relative to the site. Default none.
   */
  aliases?: ReadonlyMap<string, string> | undefined;
}

/** The output of a build as a static host serves it. */
export interface SiteModel {
  readonly base: string;
  readonly trailingSlash: TrailingSlash;
  /** Page ids by output file, in sorted file order. */
  readonly pageFiles: readonly string[];
  /** What a decoded site path (relative to base, no leading slash) names. */
  lookup(sitePath: string): Lookup;
  /** Public URL path of an output HTML file. */
  urlOf(file: string): string;
  /** Every file (pages and assets), for suggestions. */
  readonly files: ReadonlySet<string>;
}

/** Whether an output file is an HTML page. */
export function isPageFile(file: string): boolean {
  return /\.html?$/i.test(file);
}

/**
 * Map output files to public URLs and back, for the output shapes static
 * generators produce (`about/index.html`, `about.html`, or a mix), under a
 * base path and a trailing-slash policy.
 *
 * Lookup is slash-tolerant in every policy (a static host redirects or
 * serves both forms, and the graph must not split one page in two); the
 * `trailing-slash` rule reports hrefs whose form differs from the policy.
 */
export function createSiteModel(options: SiteModelOptions): SiteModel {
  const base = normaliseBase(options.base);
  const trailingSlash = options.trailingSlash ?? 'ignore';
  const files = new Set<string>();
  for (const file of options.files) files.add(file.normalize('NFC'));
  const pageFiles = options.pageFiles?.map((file) => file.normalize('NFC')) ?? [...files].filter(isPageFile).sort();
  for (const file of pageFiles) files.add(file);
  const pageIds = new Map<string, number>();
  pageFiles.forEach((file, id) => pageIds.set(file, id));

  const redirects = new Map<string, string>();
  for (const [from, to] of Object.entries(options.redirects ?? {})) {
    redirects.set(stripSlashes(sitePathOf(from, base)), to);
  }

  // One lookup result per page, made on first use: a site's links name the same pages again and again.
  const pageLookups: Lookup[] = [];
  const aliases = options.aliases;
  const hit = (file: string): Lookup | undefined => {
    const pageId = pageIds.get(aliases?.get(file) ?? file);
    if (pageId !== undefined) return (pageLookups[pageId] ??= { found: 'page', pageId, file: pageFiles[pageId]! });
    if (files.has(file)) return { found: 'asset', file };
    return undefined;
  };

  const lookup = (sitePath: string): Lookup => {
    // Outside the base path: nothing of this site lives there.
    if (sitePath.startsWith('/')) return { found: 'none' };
    const path = sitePath.normalize('NFC');
    if (path === '' || path.endsWith('/')) {
      const stem = path.slice(0, -1);
      // Last, the folder itself, for a host that lists folders as files (`docs/`): GitHub shows its files.
      return hit(`${path}index.html`) ?? hit(`${path}index.htm`) ?? (stem === '' ? undefined : hit(`${stem}.html`)) ?? redirect(stem) ?? hit(path) ?? { found: 'none' };
    }
    return hit(path) ?? hit(`${path}/index.html`) ?? hit(`${path}.html`) ?? redirect(path) ?? missing(path);
  };

  const assetsKnown = options.assetsKnown ?? true;
  const missing = (path: string): Lookup =>
    !assetsKnown && /\.[a-z\d]+$/i.test(path) && !isPageFile(path) ? { found: 'unknown' } : { found: 'none' };

  const redirect = (stem: string): Lookup | undefined => {
    const to = redirects.get(stripSlashes(stem));
    return to === undefined ? undefined : { found: 'redirect', to };
  };

  const urlOf = (file: string): string => urlOfFile(file, base, trailingSlash);

  return { base, trailingSlash, pageFiles, lookup, urlOf, files };
}

/**
 * The files {@link SiteModel.lookup} tries for a site path, in its order
 * (redirects aside): what a host that checks the disk must look for.
 * `a/` tries `a/index.html`, `a/index.htm`, `a.html` and the folder `a/`;
 * `a` tries `a`, `a/index.html` and `a.html`.
 *
 * @param sitePath decoded, relative to base, without leading slash.
 */
export function lookupCandidates(sitePath: string): string[] {
  const path = sitePath.normalize('NFC');
  if (path === '' || path.endsWith('/')) {
    const stem = path.slice(0, -1);
    return stem === '' ? [`${path}index.html`, `${path}index.htm`] : [`${path}index.html`, `${path}index.htm`, `${stem}.html`, path];
  }
  return [path, `${path}/index.html`, `${path}.html`];
}

/**
 * Public URL path of an output HTML file: `about/index.html` -> `/about/`
 * (`/about` under `never`), `about.html` -> `/about` under every policy.
 *
 * @param base normalised base path (`/` or `/docs/`).
 */
export function urlOfFile(file: string, base: string, trailingSlash: TrailingSlash): string {
  const index = /(^|\/)index\.html?$/i.exec(file);
  if (index) {
    const dir = file.slice(0, index.index + index[1]!.length);
    if (dir === '') return base;
    return trailingSlash === 'never' ? `${base}${dir.slice(0, -1)}` : `${base}${dir}`;
  }
  // A file-shaped page is served at its extensionless path whatever the policy:
  // `/about/` would make its relative links resolve one folder too deep.
  return `${base}${file.replace(/\.html?$/i, '')}`;
}

/** A public path (`/docs/a/`) as a site path relative to base (`a/`). */
function sitePathOf(path: string, base: string): string {
  if (path.startsWith(base)) return path.slice(base.length);
  return path.replace(/^\//, '');
}

function stripSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
