/**
 * The token driver: collects a page straight from htmlparser2's tokens
 * (its `Tokenizer`, not its `Parser`), without building a tree, feeding
 * the page collector through {@link OpenElements}, which mirrors the tree
 * builder's repairs that built pages need. A page it cannot read as the
 * tree builder would goes back to its caller, which then builds the tree.
 */
import type { Properties } from 'hast';
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { Info } from 'property-information';
import type { PageRecord, Point } from '../types.js';
import { attributeInfo, NO_PROPERTIES, propertyValue } from './attribute-properties.js';
import { Bail, OpenElements } from './open-elements.js';
import { PageCollector, type CollectOptions } from './page-collector.js';
import { IS_VOID, tagBits } from './tree-builder-tags.js';

/** Markup whose tokenising differs between parsers in corner cases. */
const UNSAFE_MARKUP = /[\r\0]|<\/(?![a-zA-Z])|<!\[|<!-->|<!--->|--!>/;
/** Raw-text content that could hide an end tag from one parser but not the other. */
const UNSAFE_RAW = /<!--|<\/?script/i;
/**
 * Start tags whose content htmlparser2's tokenizer reads as text, unless
 * told it is in foreign content: inside SVG or MathML the tree builder
 * reads them as markup.
 */
const TEXT_ELEMENT_START = /<(?:iframe|noembed|noframes|plaintext|script|style|textarea|title|xmp)/;

/**
 * Collect a page straight from htmlparser2's tokens, with positions;
 * `undefined` when the page needs repairs of the HTML tree builder that
 * {@link OpenElements} does not mirror, or has a content selector (then
 * use `collectHtml`).
 *
 * @param html the page's markup.
 * @param options the page's file and URL, and collection options.
 */
export function collectFast(html: string, options: CollectOptions): PageRecord | undefined {
  if (options.contentSelector !== undefined || UNSAFE_MARKUP.test(html)) return undefined;
  // A page that ends inside a tag (or on a stray `<`): the two parsers keep different parts of it.
  if (html.lastIndexOf('<') > html.lastIndexOf('>')) return undefined;
  return new TokenDriver(html, options).collect();
}

/**
 * One page read by the tokenizer: its methods are the tokenizer's
 * callbacks, which turn tokens into the elements, text and comments of
 * {@link OpenElements}, skip the content of templates, and throw
 * {@link Bail} where the page needs the tree builder.
 */
class TokenDriver implements TokenizerCallbacks {
  readonly #html: string;
  readonly #collector: PageCollector<number>;
  readonly #tree: OpenElements;

  /** The start tag being read: its name, tree-builder bits, where its `<` is, and its properties so far. */
  #tagName = '';
  #tagBits = 0;
  #tagStart = 0;
  /** It opens an SVG element (inside SVG, or `<svg>` itself): its attributes are read as SVG's. */
  #tagSvg = false;
  #properties: Properties | undefined;
  /** Collected attribute names of the start tag so far: a repeated attribute keeps its first value. */
  readonly #tagAttributes: string[] = [];
  /** The attribute being read, when the collector reads it (else its value is never built). */
  #attribute: Info | undefined;
  #attributeValue = '';

  /**
   * Inside a `template`, the offset of the `</template` that ends it, else
   * -1: its content a tree keeps apart (`content`) is never read, so events
   * are skipped until it closes.
   */
  #templateEnd = -1;
  /** Open elements inside a skipped `template`, whose end tags stay inside it. */
  readonly #skippedNames: string[] = [];

  constructor(html: string, options: CollectOptions) {
    this.#html = html;
    this.#collector = new PageCollector<number>(options, locator(html), false);
    this.#tree = new OpenElements(this.#collector);
  }

  /** The page record, or `undefined` when the page needs the tree builder. */
  collect(): PageRecord | undefined {
    // Character references are decoded here, as the reference parser (parse5) decodes them, rather
    // than by the tokenizer: without them it skips through text and attribute values with `indexOf`
    // instead of a test per character.
    const tokenizer = new Tokenizer({ decodeEntities: false }, this);
    try {
      tokenizer.write(this.#html);
      tokenizer.end();
    } catch (error) {
      if (error instanceof Bail) return undefined;
      throw error;
    }
    if (this.#tree.names.length > 0 || this.#skipping) return undefined;
    this.#tree.flush();
    return this.#collector.finish();
  }

  get #skipping(): boolean {
    return this.#templateEnd !== -1;
  }

  onopentagname(start: number, end: number): void {
    const name = this.#html.slice(start, end).toLowerCase();
    const bits = tagBits(name);
    this.#tagName = name;
    this.#tagBits = bits;
    this.#tagStart = start - 1;
    this.#tagAttributes.length = 0;
    this.#attribute = undefined;
    this.#tagSvg = this.#tree.svgDepth > 0 || name === 'svg';
    if (this.#skipping) return;
    // hast-util-from-parse5 reads a name such as `a#top` or `p.x` as a selector (an `a` with an id).
    if (name.includes('#') || name.includes('.')) throw new Bail();
    this.#tree.startTag(name, bits, this.#tagStart);
  }

  onattribname(start: number, end: number): void {
    if (this.#skipping) return;
    const key = this.#html.slice(start, end).toLowerCase();
    this.#attribute = undefined;
    const info = attributeInfo(key, this.#tagSvg);
    if (info === null) return;
    if (info === 'bail') throw new Bail();
    // A repeated attribute keeps its first value.
    if (this.#tagAttributes.includes(key)) return;
    this.#tagAttributes.push(key);
    this.#attribute = info;
    this.#attributeValue = '';
  }

  onattribdata(start: number, end: number): void {
    if (this.#attribute !== undefined) this.#attributeValue += this.#html.slice(start, end);
  }

  onattribentity(): void {
    // Only called when the tokenizer decodes character references.
    throw new Bail();
  }

  onattribend(): void {
    const attribute = this.#attribute;
    if (attribute === undefined) return;
    const raw = this.#attributeValue;
    const value = raw.includes('&') ? decodeHTMLAttribute(raw) : raw;
    (this.#properties ??= {})[attribute.property] = propertyValue(attribute, value);
    this.#attribute = undefined;
  }

  onopentagend(end: number): void {
    this.#openElement(end, false);
  }

  onselfclosingtag(end: number): void {
    // Only in foreign content does `/>` close an element; elsewhere it is ignored.
    this.#openElement(end, this.#tree.svgDepth > 0 || this.#tagSvg);
  }

  onclosetag(start: number, end: number): void {
    const name = this.#html.slice(start, end).toLowerCase();
    if (this.#skipping && !this.#endsTemplate(name, start - 2)) return;
    const tree = this.#tree;
    const text = tree.pendingText;
    if ((name === 'script' || name === 'style') && tree.top === name && text !== undefined && UNSAFE_RAW.test(text)) throw new Bail();
    tree.endTag(name, tagBits(name), start - 2, end + 1);
  }

  ontext(start: number, end: number): void {
    if (this.#skipping) return;
    const value = this.#html.slice(start, end);
    // Raw text (`script`, `style`, `iframe` outside foreign content) keeps its references.
    this.#tree.text(value.includes('&') && !this.#tree.inRawText ? decodeHTML(value) : value);
  }

  ontextentity(): void {
    throw new Bail();
  }

  oncomment(): void {
    if (!this.#skipping) this.#tree.comment();
  }

  ondeclaration(): void {
    // A doctype before any element; the tree builder drops one anywhere else (joining the text around it).
    if (this.#tree.rootElement) throw new Bail();
  }

  oncdata(): void {
    throw new Bail();
  }

  onprocessinginstruction(): void {
    throw new Bail();
  }

  onend(): void {
    if (this.#skipping) throw new Bail();
    this.#tree.finish(this.#html.length);
  }

  isInForeignContext(): boolean {
    return this.#tree.svgDepth > 0;
  }

  /** A start tag is complete (`>`, or `/>` that closes it when `selfClosing`): its element opens. */
  #openElement(end: number, selfClosing: boolean): void {
    const name = this.#tagName;
    const bits = this.#tagBits;
    if (this.#skipping) {
      if (!(bits & IS_VOID) && !selfClosing) this.#skippedNames.push(name);
      return;
    }
    const properties = this.#properties ?? NO_PROPERTIES;
    this.#properties = undefined;
    const openEnd = end + 1;
    const tree = this.#tree;
    tree.open(name, bits, properties, this.#tagStart, openEnd, this.#tagSvg);
    if (name === 'template') this.#templateEnd = templateEnd(this.#html, openEnd, tree.svgDepth);
    // Void elements, and SVG elements closed by `/>`, end with their start tag.
    if (bits & IS_VOID || selfClosing) tree.close(openEnd);
  }

  /**
   * An end tag `</name` at `at` inside a skipped template: whether it ends
   * the template (then the skipping ends), rather than an element inside.
   */
  #endsTemplate(name: string, at: number): boolean {
    const inner = this.#skippedNames.lastIndexOf(name);
    if (inner !== -1) {
      this.#skippedNames.length = inner;
      return false;
    }
    // An end tag of an element outside the template would close it first.
    if (name !== 'template') {
      if (this.#tree.names.includes(name)) throw new Bail();
      return false;
    }
    if (at !== this.#templateEnd) throw new Bail();
    this.#templateEnd = -1;
    this.#skippedNames.length = 0;
    return true;
  }
}

/**
 * Offsets to line and column (1-based, UTF-16 code units as parse5 counts
 * them) in `html`; its line starts are found on first use, as most pages
 * are located only where they make links.
 */
function locator(html: string): (offset: number) => Point {
  let lineStarts: number[] | undefined;
  return (offset) => {
    if (lineStarts === undefined) {
      lineStarts = [0];
      for (let index = html.indexOf('\n'); index !== -1; index = html.indexOf('\n', index + 1)) lineStarts.push(index + 1);
    }
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}

/** Where the end tag of a `template` whose start tag ends at `openEnd` starts. */
const TEMPLATE_END = /<\/template/gi;

/**
 * The offset of the `</template` that ends a template's content, which is
 * skipped to there; bails where the tokenizer could read that content
 * otherwise than the tree builder: nested templates, raw text that could
 * hide the end tag, and foreign content (icons in a template) holding
 * elements the tokenizer would read as text where the tree builder reads
 * markup.
 */
function templateEnd(html: string, openEnd: number, svgDepth: number): number {
  TEMPLATE_END.lastIndex = openEnd;
  const rawEnd = TEMPLATE_END.exec(html)?.index ?? -1;
  if (svgDepth > 0 || rawEnd === -1) throw new Bail();
  const raw = html.slice(openEnd, rawEnd).toLowerCase();
  if (UNSAFE_RAW.test(raw) || raw.includes('<template')) throw new Bail();
  if ((raw.includes('<svg') || raw.includes('<math')) && TEXT_ELEMENT_START.test(raw)) throw new Bail();
  return rawEnd;
}
