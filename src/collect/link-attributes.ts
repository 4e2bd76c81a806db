/**
 * How an element's attributes become links: which attributes hold URLs,
 * and what else of the element a link record keeps.
 */
import type { Properties } from 'hast';
import { parseSrcset } from 'srcset';
import type { LinkRecord, LinkSource, Region, SourceLocation } from '../types.js';
import { UNKNOWN_POSITION } from '../types.js';
import { stringProp, tokens } from './property-values.js';

/**
 * Attribute a host's Markdown pipeline puts on an element to say where the
 * author wrote it: `data-linkgraph-src="src/content/blog/a.md:12:5"` (path
 * relative to the project root). It becomes the link's `origin`.
 */
export const ORIGIN_ATTRIBUTE = 'data-linkgraph-src';

/** Single-URL attributes per element. */
export const URL_ATTRIBUTES: ReadonlyMap<string, readonly [prop: string, source: LinkSource][]> = new Map([
  ['a', [['href', 'a[href]']]],
  ['area', [['href', 'area[href]']]],
  ['link', [['href', 'link[href]']]],
  ['img', [['src', 'img[src]']]],
  ['source', [['src', 'source[src]']]],
  ['script', [['src', 'script[src]']]],
  ['iframe', [['src', 'iframe[src]']]],
  ['video', [['src', 'video[src]'], ['poster', 'video[poster]']]],
  ['audio', [['src', 'audio[src]']]],
  ['track', [['src', 'track[src]']]],
  ['embed', [['src', 'embed[src]']]],
  ['object', [['data', 'object[data]']]],
]);

/** Attributes kept on a link record for rules, as hast property names. */
export const LINK_ATTRIBUTES = ['hrefLang', 'target', 'download', 'ariaLabelledBy', 'ariaHidden', 'ariaCurrent', 'role', 'onClick'] as const;
const IS_LINK_ATTRIBUTE: ReadonlySet<string> = new Set(LINK_ATTRIBUTES);

/** Where a link sits, as the collector tracks it for each open element. */
export interface LinkScope {
  region: Region;
  /** Rules its `data-linkgraph-ignore` ancestors silence: `true` for every rule. */
  ignore: true | readonly string[] | undefined;
}

/** Make a link record for one URL on one element; its position is set when the element closes. */
export function makeLink(
  properties: Properties,
  scope: LinkScope,
  source: LinkSource,
  href: string,
  extra?: Record<string, string>,
): LinkRecord {
  const link: LinkRecord = {
    source,
    href,
    text: '',
    rel: tokens(properties['rel']),
    region: scope.region,
    position: UNKNOWN_POSITION,
  };
  if (scope.ignore !== undefined) link.ignore = scope.ignore;
  const origin = parseOrigin(stringProp(properties, 'dataLinkgraphSrc'));
  if (origin) link.origin = origin;
  let attributes: Record<string, string> | undefined = extra === undefined ? undefined : { ...extra };
  // Most links have none of these: a look at the few properties a link has is cheaper than seven lookups.
  for (const prop in properties) {
    if (!IS_LINK_ATTRIBUTE.has(prop)) continue;
    const value = properties[prop];
    if (value !== undefined && value !== null && value !== false) (attributes ??= {})[prop] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  if (attributes !== undefined && Object.keys(attributes).length > 0) link.attributes = attributes;
  return link;
}

/** `src/a.md:12:5` -> `{file, line, column}`; the path may itself contain `:`. */
function parseOrigin(value: string | undefined): SourceLocation | undefined {
  const match = value === undefined ? null : /^(.+):(\d+):(\d+)$/.exec(value);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3]) };
}

/** URLs of a `srcset` value; a malformed candidate list yields what can be read. */
export function parseSrcsetSafe(value: string): string[] {
  try {
    return parseSrcset(value).map((candidate) => candidate.url);
  } catch {
    return value
      .split(',')
      .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
      .filter(Boolean);
  }
}

/**
 * The URL of a `<meta http-equiv=refresh content="0; url=/next/">`, per the
 * HTML spec's shared declarative refresh steps (quotes optional).
 */
export function parseRefresh(content: string): string | undefined {
  const match = /^\s*\d*(?:\.\d*)?\s*(?:[;,]\s*)?(?:url\s*=\s*)?(.*)$/is.exec(content);
  let url = match?.[1]?.trim() ?? '';
  if ((url.startsWith('"') || url.startsWith("'")) && url.length > 1) {
    const quote = url[0];
    const end = url.indexOf(quote ?? '', 1);
    url = end === -1 ? url.slice(1) : url.slice(1, end);
  }
  return url === '' ? undefined : url;
}
