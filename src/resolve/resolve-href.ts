import type { Target } from '../types.js';

/** Origin used when the site has no `site` option: nothing real lives there. */
const PLACEHOLDER_ORIGIN = 'https://linkgraph.invalid';

/** What {@link resolveHref} needs to know about the site and the page. */
export interface ResolveContext {
  /** Public URL path of the page the href is on (`/docs/about/`). */
  pageUrl: string;
  /** `<base href>` of the page, as written. */
  baseHref?: string | undefined;
  /** Origin (and optional path) of the deployed site, e.g. `https://example.com`. */
  site?: string | undefined;
  /** Base path every page lives under, with leading and trailing slash (`/docs/`). Default `/`. */
  base?: string | undefined;
}

/**
 * The one place that turns an href on a page into a normalised target.
 *
 * Relative paths, `../`, `<base href>`, protocol-relative URLs and absolute
 * URLs on the site's own origin are resolved with the WHATWG URL parser;
 * internal paths are percent-decoded and NFC-normalised so that `/café/`
 * and `/caf%C3%A9/` are one page. Query and fragment are split off.
 *
 * @param href the attribute value as written.
 * @param context the page and site.
 * @returns the target, or `invalid` with a reason.
 */
export function resolveHref(href: string, context: ResolveContext): Target {
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === 'mailto' || scheme === 'tel' || scheme === 'data' || scheme === 'javascript') {
    return { kind: scheme, url: href };
  }
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { kind: 'other', url: href };

  const origin = siteOrigin(context.site);
  let baseUrl: URL;
  let url: URL;
  try {
    baseUrl = new URL(context.pageUrl, origin);
    if (context.baseHref !== undefined && context.baseHref !== '') baseUrl = new URL(context.baseHref, baseUrl);
    url = new URL(href, baseUrl);
  } catch {
    return { kind: 'invalid', reason: `\`${href}\` is not a valid URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'other', url: url.href };

  const fragment = url.hash === '' ? undefined : decode(url.hash.slice(1));
  if (!isSameSite(url, origin)) {
    const external = new URL(url.href);
    external.hash = '';
    return fragment === undefined ? { kind: 'external', url: external.href } : { kind: 'external', url: external.href, fragment };
  }

  const path = decodePath(url.pathname);
  const base = normaliseBase(context.base);
  const sitePath = path.startsWith(base) ? path.slice(base.length) : path === base.slice(0, -1) ? '' : undefined;
  const target: Target = {
    kind: 'internal',
    path,
    // A path outside the base cannot be served by this site: mark it with a leading `/`.
    sitePath: sitePath ?? path,
  };
  if (fragment !== undefined) target.fragment = fragment;
  if (url.search !== '') target.query = url.search;
  return target;
}

/** The origin against which relative URLs resolve. */
export function siteOrigin(site: string | undefined): string {
  if (site === undefined || site === '') return PLACEHOLDER_ORIGIN;
  try {
    return new URL(site).origin;
  } catch {
    return PLACEHOLDER_ORIGIN;
  }
}

/** `http://` and `https://` on the site's host are the same site; so is `www.`-less vs `www.`. */
function isSameSite(url: URL, origin: string): boolean {
  const own = new URL(origin);
  const strip = (host: string): string => host.replace(/^www\./, '');
  return strip(url.host) === strip(own.host);
}

/** Normalise a base option to `/x/y/` form. */
export function normaliseBase(base: string | undefined): string {
  if (base === undefined || base === '' || base === '/') return '/';
  let value = base.startsWith('/') ? base : `/${base}`;
  if (!value.endsWith('/')) value += '/';
  return decodePath(value);
}

/** Percent-decode each path segment (keeping `%2F` as a literal) and NFC-normalise. */
export function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => decode(segment).replaceAll('/', '%2F'))
    .join('/')
    .normalize('NFC');
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value).normalize('NFC');
  } catch {
    return value.normalize('NFC');
  }
}
