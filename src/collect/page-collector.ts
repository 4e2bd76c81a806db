import type { Properties } from 'hast';
import type { LinkRecord, LinkSource, PageRecord, Point, Position } from '../types.js';
import { BLOCK, CONTEXT, ELEMENTS, HEADING, NOT_PAGE_TEXT, SCOPED_LANDMARK, SECTIONING, SKIP_TEXT, SPECIAL, TEMPLATE_ELEMENT, TEMPLATE_ROLES } from './collector-tags.js';
import { LINK_ATTRIBUTES, makeLink, parseRefresh, parseSrcsetSafe, URL_ATTRIBUTES, type LinkScope } from './link-attributes.js';
import { BLOCK_BREAK, collapse, pageText } from './page-text.js';
import { ignoreOf, stringProp, tokens } from './property-values.js';

/** Options of collecting one page (`collectPage`, `collectHtml`). */
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
 * Every hast property the collector reads. A driver that builds properties
 * itself (the token driver) needs only these.
 */
export const COLLECTED_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'name', 'lang', 'href', 'src', 'poster', 'data', 'srcSet', 'rel', 'content', 'httpEquiv', 'alt', 'title', 'ariaLabel',
  'dataLinkgraphIgnore', 'dataLinkgraphSrc', ...LINK_ATTRIBUTES,
]);

interface Scope extends LinkScope {
  /** Inside sectioning content, where `header`/`footer` are not landmarks. */
  sectioned: boolean;
}

/** Text of an element's content, gathered while its events go by (`textOf` semantics). */
interface Capture {
  /** The text so far (most elements have one text node: a string, unlike a list, then costs nothing). */
  text: string;
  /** Open skipped elements when it started: text below one more of them is not its text. */
  skipBase: number;
}

/** The name an `<svg>` inside an anchor gives it: `aria-label`, else its first `<title>` child. */
interface SvgLabel {
  value: string | undefined;
  /** Stack depth of the `svg`, to recognise its direct `title` child. */
  depth: number;
  titled: boolean;
}

/** An open `a`/`area` whose link needs its anchor text when it closes. */
interface Anchor {
  capture: Capture;
  /** `alt` of images and names of SVGs inside, in document order. */
  alts: (string | SvgLabel)[];
  link: LinkRecord;
  properties: Properties;
  name: string;
}

/** Work to do when an element closes; most elements have none. */
interface Frame {
  /** Its content is skipped ({@link SKIP_TEXT}). */
  skip: boolean;
  /** Links made on the element: their positions end with the element. */
  links: LinkRecord[] | undefined;
  start: Point | undefined;
  anchor: Anchor | undefined;
  /** Heading slot, or -1 for the page title, with the capture filling it. */
  heading: { index: number; capture: Capture } | undefined;
  svg: SvgLabel | undefined;
  /** The `title` of an SVG label. */
  svgTitle: { label: SvgLabel; capture: Capture } | undefined;
  /** An `<a>` without `href` is a link only when it has content. */
  missingHref: LinkRecord | undefined;
  hasChild: boolean;
}

/**
 * The page collector: turns the events of one page, in document order,
 * into its {@link PageRecord}. Drivers feed it: `collectPage`
 * (collect-page.ts) walks a hast tree, the token driver (token-driver.ts)
 * reads htmlparser2's tokens directly, without building a tree.
 *
 * `Mark` is how a driver names a place in the page (a hast point, an
 * offset); `locate` turns one into a line and column, and is called only
 * for elements that make links.
 */
export class PageCollector<Mark> {
  readonly #options: CollectOptions;
  readonly #locate: (mark: Mark) => Point | undefined;
  /** A content selector decides regions: `open` says which elements match it. */
  readonly #selecting: boolean;
  readonly #maxText: number;
  readonly #links: LinkRecord[] = [];
  /** The context of each link of {@link #links}. */
  readonly #linkContexts: number[] = [];
  readonly #ids: string[] = [];
  readonly #headings: string[] = [];
  readonly #textParts: string[] = [];
  #textLength = 0;
  #title: string | undefined;
  #titleSeen = false;
  #lang: string | undefined;
  #canonical: string | undefined;
  #noindex = false;
  #refresh: string | undefined;
  #baseHref: string | undefined;
  #optOut: string[] | undefined;
  readonly #root: Scope;
  /** Per open element: its {@link ELEMENTS} bits, the scope of its content, and its close work. */
  readonly #elements: number[] = [];
  readonly #scopes: Scope[] = [];
  readonly #frames: (Frame | undefined)[] = [];
  /** Per open element, the link context of its content (0: none). */
  readonly #contexts: number[] = [];
  /** Link contexts opened so far. */
  #contextCount = 0;
  /** The context of the element being visited, for the links it makes. */
  #context = 0;
  /** Open elements of {@link SKIP_TEXT}: the tree walk does not enter them. */
  #skipped = 0;
  /** Open elements of {@link NOT_PAGE_TEXT}. */
  #quiet = 0;
  readonly #captures: Capture[] = [];
  readonly #anchors: Anchor[] = [];

  /**
   * @param options the page's file and URL, and collection options.
   * @param locate line and column of a mark, `undefined` when unknown.
   * @param selecting whether `open` flags the content selector's matches.
   */
  constructor(options: CollectOptions, locate: (mark: Mark) => Point | undefined, selecting: boolean) {
    this.#options = options;
    this.#locate = locate;
    this.#selecting = selecting;
    this.#maxText = options.maxText ?? 4000;
    this.#root = { region: selecting ? 'template' : 'content', sectioned: false, ignore: undefined };
  }

  /**
   * An element starts.
   *
   * @param name tag name (lowercase for HTML).
   * @param properties hast properties of its attributes (at least {@link COLLECTED_PROPERTIES}).
   * @param start where its start tag begins.
   * @param content whether it matches the content selector (when selecting).
   */
  open(name: string, properties: Properties, start: Mark, content: boolean): void {
    const depth = this.#elements.length;
    if (depth > 0) this.#child(depth);
    const bits = ELEMENTS.get(name) ?? 0;
    const outer = depth === 0 ? this.#root : this.#scopes[depth - 1]!;
    let scope = outer;
    let frame: Frame | undefined;
    const context = bits & CONTEXT ? ++this.#contextCount : depth === 0 ? 0 : this.#contexts[depth - 1]!;
    this.#context = context;
    if (this.#skipped === 0) {
      scope = this.#enter(bits, properties, outer, content);
      frame = this.#visit(name, bits, properties, scope, start);
    }
    if (this.#anchors.length > 0) frame = this.#findAlt(name, properties, frame);
    if (bits & SKIP_TEXT) {
      frame ??= newFrame();
      frame.skip = true;
      this.#skipped++;
    }
    if (bits & NOT_PAGE_TEXT) this.#quiet++;
    // A block starts a new run of text, as it ends one: `Intro<p>Body` is two words.
    else if (bits & BLOCK && this.#skipped === 0) this.#blockBoundary();
    // So in an anchor's or heading's text: `Previous<br>page` is two words.
    if (bits & BLOCK && this.#captures.length > 0) this.#captureBreak();
    this.#elements.push(bits);
    this.#scopes.push(scope);
    this.#frames.push(frame);
    this.#contexts.push(context);
  }

  /** A text node (adjacent text merged, as in a tree). */
  text(value: string): void {
    const depth = this.#elements.length;
    if (depth > 0) this.#child(depth);
    if (this.#skipped === 0 && this.#quiet === 0 && (depth === 0 ? this.#root : this.#scopes[depth - 1]!).region === 'content' && this.#textLength < this.#maxText) {
      this.#textParts.push(value);
      this.#textLength += value.length;
    }
    const captures = this.#captures;
    for (let index = 0; index < captures.length; index++) {
      const capture = captures[index]!;
      if (capture.skipBase === this.#skipped) capture.text += value;
    }
  }

  /** A node that is neither element nor text (a comment): it only counts as content. */
  other(): void {
    const depth = this.#elements.length;
    if (depth > 0) this.#child(depth);
  }

  /**
   * The innermost open element ends.
   *
   * @param end where its end tag (or, without one, its start tag) ends.
   */
  close(end: Mark): void {
    const bits = this.#elements.pop();
    const frame = this.#frames.pop();
    this.#scopes.pop();
    this.#contexts.pop();
    if (bits === undefined) throw new Error('`close` without an open element');
    if (frame !== undefined) this.#finishElement(frame, end);
    if (bits & NOT_PAGE_TEXT) this.#quiet--;
    else if (bits & BLOCK && this.#skipped === 0) this.#blockBoundary();
    if (bits & BLOCK && this.#captures.length > 0) this.#captureBreak();
  }

  /** A word break in the texts being captured (whitespace that {@link collapse} folds). */
  #captureBreak(): void {
    for (const capture of this.#captures) if (capture.skipBase === this.#skipped) capture.text += ' ';
  }

  /** A line break in the page text where a block starts or ends inside content. */
  #blockBoundary(): void {
    const depth = this.#elements.length;
    if ((depth === 0 ? this.#root : this.#scopes[depth - 1]!).region === 'content') this.#textParts.push(BLOCK_BREAK);
  }

  /** The page record, once every element is closed. */
  finish(): PageRecord {
    const maxText = this.#maxText;
    const record: PageRecord = {
      file: this.#options.file,
      url: this.#options.url,
      noindex: this.#noindex,
      ids: this.#ids,
      headings: this.#headings,
      links: this.#links,
      contexts: this.#linkContexts,
      text: pageText(this.#textParts, maxText),
    };
    if (this.#title !== undefined) record.title = this.#title;
    if (this.#lang !== undefined) record.lang = this.#lang;
    if (this.#canonical !== undefined) record.canonical = this.#canonical;
    if (this.#refresh !== undefined) record.refresh = this.#refresh;
    if (this.#baseHref !== undefined) record.baseHref = this.#baseHref;
    if (this.#optOut !== undefined) record.optOut = this.#optOut;
    return record;
  }

  /** Note that the innermost open element has content (an `<a>` without `href` needs to know). */
  #child(depth: number): void {
    const parent = this.#frames[depth - 1];
    if (parent !== undefined) parent.hasChild = true;
  }

  #enter(bits: number, properties: Properties, scope: Scope, content: boolean): Scope {
    let region = scope.region;
    if (this.#selecting) {
      if (content) region = 'content';
    } else if (bits & TEMPLATE_ELEMENT || (bits & SCOPED_LANDMARK && !scope.sectioned)) {
      region = 'template';
    } else if (properties['role'] !== undefined) {
      const role = stringProp(properties, 'role')?.toLowerCase();
      if (role !== undefined && TEMPLATE_ROLES.has(role)) region = 'template';
    }
    const ignore = ignoreOf(properties) ?? scope.ignore;
    const sectioned = scope.sectioned || (bits & SECTIONING) !== 0;
    if (region === scope.region && ignore === scope.ignore && sectioned === scope.sectioned) return scope;
    return { region, sectioned, ignore };
  }

  /** Read an element the tree walk reaches; returns its close work, if any. */
  #visit(name: string, bits: number, properties: Properties, scope: Scope, start: Mark): Frame | undefined {
    let frame: Frame | undefined;
    const id = stringProp(properties, 'id');
    if (id) this.#ids.push(id);
    if (!(bits & SPECIAL)) return undefined;
    if (name === 'a') {
      const anchorName = stringProp(properties, 'name');
      if (anchorName) this.#ids.push(anchorName);
    }

    switch (name) {
      case 'html': {
        const lang = stringProp(properties, 'lang');
        if (lang) this.#lang = lang;
        const ignore = ignoreOf(properties);
        if (ignore) this.#optOut = ignore === true ? ['all'] : [...ignore];
        break;
      }
      case 'body': {
        const ignore = ignoreOf(properties);
        if (ignore) this.#optOut = ignore === true ? ['all'] : [...ignore];
        break;
      }
      case 'title':
        if (!this.#titleSeen) {
          this.#titleSeen = true;
          frame = newFrame();
          frame.heading = { index: -1, capture: this.#capture() };
        }
        break;
      case 'base': {
        const href = stringProp(properties, 'href');
        if (href !== undefined && this.#baseHref === undefined) this.#baseHref = href.trim();
        break;
      }
      case 'meta':
        frame = this.#visitMeta(properties, scope, start);
        break;
      case 'link': {
        const rel = tokens(properties['rel']);
        const href = stringProp(properties, 'href');
        if (rel.includes('canonical') && href !== undefined && this.#canonical === undefined) this.#canonical = href.trim();
        // A <link> without rel (DocBook's `rev="made"` with an e-mail address) is one no browser or crawler fetches.
        if (rel.length === 0) return frame;
        break;
      }
      default:
        break;
    }

    const attributes = URL_ATTRIBUTES.get(name);
    if (attributes) {
      for (const [prop, source] of attributes) {
        const value = stringProp(properties, prop);
        if (value === undefined) {
          // An <a> without href is a link a crawler cannot follow: keep it for
          // non-crawlable-link if it has content (known when it closes).
          if (name === 'a' && prop === 'href') {
            // An id or name makes it a fragment target rather than a link placeholder.
            const extra: Record<string, string> = { missingHref: 'true' };
            if (id) extra['id'] = id;
            const anchorName = stringProp(properties, 'name');
            if (anchorName) extra['name'] = anchorName;
            frame = this.#addLink(frame, properties, scope, start, 'a[href]', '', extra);
            frame.missingHref = frame.links!.at(-1);
            frame.anchor = this.#anchor(name, properties, frame.missingHref!);
          }
          continue;
        }
        frame = this.#addLink(frame, properties, scope, start, source, value.trim());
        if (source === 'a[href]' || source === 'area[href]') frame.anchor = this.#anchor(name, properties, frame.links!.at(-1)!);
      }
    }
    if (name === 'img' || name === 'source') {
      const srcset = stringProp(properties, 'srcSet');
      if (srcset !== undefined && srcset.trim() !== '') {
        const source: LinkSource = name === 'img' ? 'img[srcset]' : 'source[srcset]';
        for (const candidate of parseSrcsetSafe(srcset)) frame = this.#addLink(frame, properties, scope, start, source, candidate);
      }
    }
    if (bits & HEADING) {
      frame ??= newFrame();
      frame.heading = { index: this.#headings.push('') - 1, capture: this.#capture() };
    }
    return frame;
  }

  #visitMeta(properties: Properties, scope: Scope, start: Mark): Frame | undefined {
    const metaName = stringProp(properties, 'name')?.toLowerCase();
    const contentValue = stringProp(properties, 'content') ?? '';
    if (metaName === 'robots' && /(^|[\s,])(noindex|none)([\s,]|$)/i.test(contentValue)) this.#noindex = true;
    if (metaName === 'linkgraph-ignore') {
      const list = contentValue.split(/[\s,]+/).filter(Boolean);
      this.#optOut = list.length === 0 ? ['all'] : list;
    }
    const httpEquiv = stringProp(properties, 'httpEquiv')?.toLowerCase();
    if (httpEquiv === 'refresh') {
      const target = parseRefresh(contentValue);
      if (target !== undefined) {
        if (this.#refresh === undefined) this.#refresh = target;
        return this.#addLink(undefined, properties, scope, start, 'meta[refresh]', target);
      }
    }
    return undefined;
  }

  /** Start gathering the text of the element being opened. */
  #capture(): Capture {
    const capture: Capture = { text: '', skipBase: this.#skipped };
    this.#captures.push(capture);
    return capture;
  }

  #anchor(name: string, properties: Properties, link: LinkRecord): Anchor {
    const anchor: Anchor = { capture: this.#capture(), alts: [], link, properties, name };
    this.#anchors.push(anchor);
    return anchor;
  }

  /** What an element inside open anchors adds to their fallback names. */
  #findAlt(name: string, properties: Properties, frame: Frame | undefined): Frame | undefined {
    if (name === 'img') {
      const alt = stringProp(properties, 'alt');
      if (alt) for (const anchor of this.#anchors) anchor.alts.push(alt);
    } else if (name === 'svg') {
      const label = stringProp(properties, 'ariaLabel');
      if (label) {
        for (const anchor of this.#anchors) anchor.alts.push(label);
      } else {
        // Named by its first <title> child, known when that closes.
        const svg: SvgLabel = { value: undefined, depth: this.#elements.length, titled: false };
        for (const anchor of this.#anchors) anchor.alts.push(svg);
        frame ??= newFrame();
        frame.svg = svg;
      }
    } else if (name === 'title') {
      const parent = this.#frames.at(-1)?.svg;
      if (parent !== undefined && !parent.titled && parent.depth === this.#elements.length - 1) {
        parent.titled = true;
        frame ??= newFrame();
        frame.svgTitle = { label: parent, capture: this.#capture() };
      }
    }
    return frame;
  }

  #addLink(
    frame: Frame | undefined,
    properties: Properties,
    scope: Scope,
    start: Mark,
    source: LinkSource,
    href: string,
    extra?: Record<string, string>,
  ): Frame {
    const target = frame ?? newFrame();
    const link = makeLink(properties, scope, source, href, extra);
    // Most elements make one link: a list of exactly one, where an empty list grows room for 17.
    if (target.links === undefined) {
      target.links = [link];
      target.start = this.#locate(start);
    } else target.links.push(link);
    this.#links.push(link);
    this.#linkContexts.push(this.#context);
    return target;
  }

  #finishElement(frame: Frame, end: Mark): void {
    if (frame.skip) this.#skipped--;
    if (frame.svgTitle !== undefined) {
      this.#captures.pop();
      frame.svgTitle.label.value = collapse(frame.svgTitle.capture.text);
    }
    if (frame.heading !== undefined) {
      this.#captures.pop();
      const text = collapse(frame.heading.capture.text);
      if (frame.heading.index === -1) this.#title = text;
      else this.#headings[frame.heading.index] = text;
    }
    if (frame.anchor !== undefined) {
      this.#captures.pop();
      this.#anchors.pop();
      frame.anchor.link.text = anchorText(frame.anchor);
    }
    if (frame.missingHref !== undefined && !frame.hasChild) {
      // Without content nothing was collected after it: it is the last link.
      this.#links.pop();
      this.#linkContexts.pop();
      frame.links!.pop();
    }
    if (frame.links !== undefined && frame.start !== undefined) {
      // The element's links (an image and its srcset candidates) share one position: records are never mutated.
      const start = frame.start;
      const endPoint = this.#locate(end);
      const position: Position = endPoint ? { known: true, start, end: endPoint } : { known: true, start };
      for (const link of frame.links) link.position = position;
    }
  }
}

function newFrame(): Frame {
  return { skip: false, links: undefined, start: undefined, anchor: undefined, heading: undefined, svg: undefined, svgTitle: undefined, missingHref: undefined, hasChild: false };
}

/**
 * The anchor text a search engine and a screen reader see: text content,
 * else the alt of images inside (or the name of an SVG), else `aria-label`,
 * else `title`.
 */
function anchorText(anchor: Anchor): string {
  const text = collapse(anchor.capture.text);
  if (text !== '') return text;
  const alts: string[] = [];
  for (const alt of anchor.alts) {
    const value = typeof alt === 'string' ? alt : alt.value;
    if (value) alts.push(value);
  }
  if (alts.length > 0) return collapse(alts.join(' '));
  // An <area> is named by its alt.
  const alt = anchor.name === 'area' ? stringProp(anchor.properties, 'alt') : undefined;
  return collapse(stringProp(anchor.properties, 'ariaLabel') || alt || stringProp(anchor.properties, 'title') || '');
}
