import type { Element, ElementContent, Root, RootContent } from 'hast';
import { selectAll } from 'hast-util-select';
import { parseSrcset } from 'srcset';
import type { LinkRecord, LinkSource, PageRecord, Position, Region, SourceLocation } from '../types.js';
import { UNKNOWN_POSITION } from '../types.js';

/** Options of {@link collectPage}. */
export interface CollectOptions {
  /** Output file of the page, relative to the site directory (`about/index.html`). */
  file: string;
  /** Public URL path of the page (`/about/`). */
  url: string;
  /**
   * CSS selector naming the content region. When set, links inside a match
   * are content and every other link is template. Default: landmarks decide.
   */
  contentSelector?: string;
  /** Longest body text kept for suggestions, in characters. Default: 4000. */
  maxText?: number;
}

/**
 * Attribute a host's Markdown pipeline puts on an element to say where the
 * author wrote it: `data-linkgraph-src="src/content/blog/a.md:12:5"` (path
 * relative to the project root). It becomes the link's `origin`.
 */
export const ORIGIN_ATTRIBUTE = 'data-linkgraph-src';

/** Elements whose start and end tags mark a template region wherever they are. */
const TEMPLATE_ELEMENTS = new Set(['nav', 'aside']);
/** `header`/`footer` are landmarks only outside sectioning content (ARIA in HTML). */
const SCOPED_LANDMARKS = new Set(['header', 'footer']);
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);
const TEMPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);
const SKIP_TEXT = new Set(['script', 'style', 'template', 'noscript', 'svg']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCK = new Set(['p', 'div', 'li', 'td', 'th', 'br', 'tr', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'dd', 'dt', 'figcaption']);

/** Single-URL attributes per element. */
const URL_ATTRIBUTES: Readonly<Record<string, readonly [prop: string, source: LinkSource][]>> = {
  a: [['href', 'a[href]']],
  area: [['href', 'area[href]']],
  link: [['href', 'link[href]']],
  img: [['src', 'img[src]']],
  source: [['src', 'source[src]']],
  script: [['src', 'script[src]']],
  iframe: [['src', 'iframe[src]']],
  video: [['src', 'video[src]'], ['poster', 'video[poster]']],
  audio: [['src', 'audio[src]']],
  track: [['src', 'track[src]']],
  embed: [['src', 'embed[src]']],
  object: [['data', 'object[data]']],
};

interface Scope {
  region: Region;
  /** Inside sectioning content, where `header`/`footer` are not landmarks. */
  sectioned: boolean;
  ignore: true | readonly string[] | undefined;
}

/**
 * Collect a page record from the hast tree of one built HTML page.
 *
 * Pure: reads only the tree. Positions come from the tree's `position`
 * fields (present when the tree was parsed from a file).
 *
 * @param tree hast root of the page.
 * @param options the page's file and URL, and collection options.
 * @returns the page record.
 */
export function collectPage(tree: Root, options: CollectOptions): PageRecord {
  const links: LinkRecord[] = [];
  const ids: string[] = [];
  const headings: string[] = [];
  const textParts: string[] = [];
  const maxText = options.maxText ?? 4000;
  let textLength = 0;
  const page: {
    title?: string;
    lang?: string;
    canonical?: string;
    noindex: boolean;
    refresh?: string;
    baseHref?: string;
    optOut?: string[];
  } = { noindex: false };
  const content = options.contentSelector ? new Set<unknown>(selectAll(options.contentSelector, tree)) : undefined;

  const walk = (nodes: readonly (RootContent | ElementContent)[], scope: Scope): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        if (scope.region === 'content' && textLength < maxText) {
          textParts.push(node.value);
          textLength += node.value.length;
        }
        continue;
      }
      if (node.type !== 'element') continue;
      const inner = enter(node, scope);
      visitElement(node, inner);
      if (SKIP_TEXT.has(node.tagName)) continue;
      if (HEADINGS.has(node.tagName)) headings.push(textOf(node));
      walk(node.tagName === 'template' ? [] : node.children, inner);
      if (BLOCK.has(node.tagName) && scope.region === 'content') textParts.push(' ');
    }
  };

  const enter = (node: Element, scope: Scope): Scope => {
    const name = node.tagName;
    const role = stringProp(node, 'role')?.toLowerCase();
    let region = scope.region;
    if (content) {
      if (content.has(node)) region = 'content';
    } else if (
      TEMPLATE_ELEMENTS.has(name) ||
      (SCOPED_LANDMARKS.has(name) && !scope.sectioned) ||
      (role !== undefined && TEMPLATE_ROLES.has(role))
    ) {
      region = 'template';
    }
    const ignore = ignoreOf(node) ?? scope.ignore;
    const sectioned = scope.sectioned || SECTIONING.has(name);
    if (region === scope.region && ignore === scope.ignore && sectioned === scope.sectioned) return scope;
    return { region, sectioned, ignore };
  };

  const visitElement = (node: Element, scope: Scope): void => {
    const props = node.properties;
    const id = stringProp(node, 'id');
    if (id) ids.push(id);
    const name = node.tagName;
    if (name === 'a') {
      const anchorName = stringProp(node, 'name');
      if (anchorName) ids.push(anchorName);
    }

    switch (name) {
      case 'html': {
        const lang = stringProp(node, 'lang');
        if (lang) page.lang = lang;
        const ignore = ignoreOf(node);
        if (ignore) page.optOut = ignore === true ? ['all'] : [...ignore];
        break;
      }
      case 'body': {
        const ignore = ignoreOf(node);
        if (ignore) page.optOut = ignore === true ? ['all'] : [...ignore];
        break;
      }
      case 'title':
        if (page.title === undefined) page.title = textOf(node);
        break;
      case 'base': {
        const href = stringProp(node, 'href');
        if (href !== undefined && page.baseHref === undefined) page.baseHref = href.trim();
        break;
      }
      case 'meta':
        visitMeta(node, scope);
        break;
      case 'link': {
        const rel = tokens(props['rel']);
        const href = stringProp(node, 'href');
        if (rel.includes('canonical') && href !== undefined && page.canonical === undefined) page.canonical = href.trim();
        break;
      }
      default:
        break;
    }

    const attributes = URL_ATTRIBUTES[name];
    if (attributes) {
      for (const [prop, source] of attributes) {
        const value = stringProp(node, prop);
        if (value === undefined) {
          // An <a> without href is a link a crawler cannot follow: keep it for non-crawlable-link.
          if (name === 'a' && prop === 'href' && node.children.length > 0) {
            // An id or name makes it a fragment target rather than a link placeholder.
            const extra: Record<string, string> = { missingHref: 'true' };
            if (id) extra['id'] = id;
            const anchorName = stringProp(node, 'name');
            if (anchorName) extra['name'] = anchorName;
            links.push(makeLink(node, scope, 'a[href]', '', extra));
          }
          continue;
        }
        links.push(makeLink(node, scope, source, value.trim()));
      }
    }
    if (name === 'img' || name === 'source') {
      const srcset = stringProp(node, 'srcSet');
      if (srcset !== undefined && srcset.trim() !== '') {
        const source: LinkSource = name === 'img' ? 'img[srcset]' : 'source[srcset]';
        for (const candidate of parseSrcsetSafe(srcset)) links.push(makeLink(node, scope, source, candidate));
      }
    }
  };

  const visitMeta = (node: Element, scope: Scope): void => {
    const metaName = stringProp(node, 'name')?.toLowerCase();
    const contentValue = stringProp(node, 'content') ?? '';
    if (metaName === 'robots' && /(^|[\s,])(noindex|none)([\s,]|$)/i.test(contentValue)) page.noindex = true;
    if (metaName === 'linkgraph-ignore') {
      const list = contentValue.split(/[\s,]+/).filter(Boolean);
      page.optOut = list.length === 0 ? ['all'] : list;
    }
    const httpEquiv = stringProp(node, 'httpEquiv')?.toLowerCase();
    if (httpEquiv === 'refresh') {
      const target = parseRefresh(contentValue);
      if (target !== undefined) {
        if (page.refresh === undefined) page.refresh = target;
        links.push(makeLink(node, scope, 'meta[refresh]', target));
      }
    }
  };

  walk(tree.children, { region: content ? 'template' : 'content', sectioned: false, ignore: undefined });

  const record: PageRecord = {
    file: options.file,
    url: options.url,
    noindex: page.noindex,
    ids,
    headings,
    links,
    text: collapse(textParts.join('')).slice(0, maxText),
  };
  if (page.title !== undefined) record.title = page.title;
  if (page.lang !== undefined) record.lang = page.lang;
  if (page.canonical !== undefined) record.canonical = page.canonical;
  if (page.refresh !== undefined) record.refresh = page.refresh;
  if (page.baseHref !== undefined) record.baseHref = page.baseHref;
  if (page.optOut !== undefined) record.optOut = page.optOut;
  return record;
}

/** Make a link record for one URL on one element. */
function makeLink(
  node: Element,
  scope: Scope,
  source: LinkSource,
  href: string,
  extra?: Record<string, string>,
): LinkRecord {
  const isAnchor = source === 'a[href]' || source === 'area[href]';
  const link: LinkRecord = {
    source,
    href,
    text: isAnchor ? anchorText(node) : '',
    rel: tokens(node.properties['rel']),
    region: scope.region,
    position: positionOf(node),
  };
  if (scope.ignore !== undefined) link.ignore = scope.ignore;
  const origin = parseOrigin(stringProp(node, 'dataLinkgraphSrc'));
  if (origin) link.origin = origin;
  const attributes: Record<string, string> = { ...extra };
  for (const prop of ['hrefLang', 'target', 'download', 'ariaLabelledBy', 'ariaHidden', 'ariaCurrent', 'role'] as const) {
    const value = node.properties[prop];
    if (value !== undefined && value !== null && value !== false) attributes[prop] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  if (Object.keys(attributes).length > 0) link.attributes = attributes;
  return link;
}

/** `src/a.md:12:5` -> `{file, line, column}`; the path may itself contain `:`. */
function parseOrigin(value: string | undefined): SourceLocation | undefined {
  const match = value === undefined ? null : /^(.+):(\d+):(\d+)$/.exec(value);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3]) };
}

/**
 * The anchor text a search engine and a screen reader see: text content,
 * else the alt of images inside, else `aria-label`, else `title`.
 */
function anchorText(node: Element): string {
  const text = textOf(node);
  if (text !== '') return text;
  const alts: string[] = [];
  const findAlts = (children: readonly ElementContent[]): void => {
    for (const child of children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'img') {
        const alt = stringProp(child, 'alt');
        if (alt) alts.push(alt);
      } else if (child.tagName === 'svg') {
        // An svg is named by aria-label, else by its <title> child.
        const title = child.children.find((grandchild): grandchild is Element => grandchild.type === 'element' && grandchild.tagName === 'title');
        const label = stringProp(child, 'ariaLabel') || (title ? textOf(title) : undefined);
        if (label) alts.push(label);
      }
      findAlts(child.children);
    }
  };
  findAlts(node.children);
  if (alts.length > 0) return collapse(alts.join(' '));
  // An <area> is named by its alt.
  const alt = node.tagName === 'area' ? stringProp(node, 'alt') : undefined;
  return collapse(stringProp(node, 'ariaLabel') || alt || stringProp(node, 'title') || '');
}

/** Whitespace-collapsed text content, skipping scripts, styles and hidden SVG text. */
export function textOf(node: Element): string {
  const parts: string[] = [];
  const walk = (children: readonly ElementContent[]): void => {
    for (const child of children) {
      if (child.type === 'text') parts.push(child.value);
      else if (child.type === 'element' && !SKIP_TEXT.has(child.tagName)) walk(child.children);
    }
  };
  walk(node.children);
  return collapse(parts.join(''));
}

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function stringProp(node: Element, name: string): string | undefined {
  const value = node.properties[name];
  if (value === undefined || value === null || value === false) return undefined;
  if (Array.isArray(value)) return value.join(' ');
  if (value === true) return '';
  return String(value);
}

function tokens(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((token) => String(token).toLowerCase());
  if (typeof value === 'string') return value.toLowerCase().split(/\s+/).filter(Boolean);
  return [];
}

/** `data-linkgraph-ignore`: bare means every rule; a list names rules. */
function ignoreOf(node: Element): true | readonly string[] | undefined {
  const value = node.properties['dataLinkgraphIgnore'];
  if (value === undefined || value === null || value === false) return undefined;
  if (value === true || value === '') return true;
  const list = String(value).split(/[\s,]+/).filter(Boolean);
  return list.length === 0 || list.includes('all') ? true : list;
}

function positionOf(node: Element): Position {
  const start = node.position?.start;
  if (!start) return UNKNOWN_POSITION;
  const end = node.position?.end;
  return end
    ? { known: true, start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } }
    : { known: true, start: { line: start.line, column: start.column } };
}

/** URLs of a `srcset` value; a malformed candidate list yields what can be read. */
function parseSrcsetSafe(value: string): string[] {
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
