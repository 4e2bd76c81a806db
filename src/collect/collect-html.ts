import type { Properties } from 'hast';
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { Tokenizer } from 'htmlparser2';
import { find, html as htmlSchema, svg as svgSchema, type Info } from 'property-information';
import type { PageRecord, Point } from '../types.js';
import { collectPage } from './collect-page.js';
import { COLLECTED_PROPERTIES, PageCollector, type CollectOptions } from './page-collector.js';
import { Bail, NO_PROPERTIES, OpenElements } from './open-elements.js';
import { IS_VOID, tagBits } from './tree-builder-tags.js';
import { parseTree } from './parse-tree.js';

/**
 * Collect the page record of one built HTML page.
 *
 * Most built pages need few of the HTML tree builder's repairs: end tags
 * left out where the standard allows (`li`, `p`, `td`, `head`), an implied
 * `tbody`, head content after `</head>`. For those, {@link collectFast}
 * reads htmlparser2's tokens (its `Tokenizer`, not its `Parser`) and feeds
 * them to the page collector, without building a tree, through
 * {@link OpenElements}, which mirrors those repairs. Anything else the tree
 * builder would repair or reinterpret, any page with a content selector
 * (which matches on a tree), and any page nested deeper than browsers
 * build a tree, goes through the reference tree ({@link parseTree}: parse5,
 * as `hast-util-from-html` runs it) and {@link collectPage}: the record is
 * the same either way (tests compare the two on fixtures, on mutated pages
 * and on every page of the real-site corpus).
 *
 * @param html the page's markup.
 * @param options the page's file and URL, and collection options.
 * @returns the page record.
 */
export function collectHtml(html: string, options: CollectOptions): PageRecord {
  return collectFast(html, options) ?? collectPage(parseTree(html), options);
}

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

/** How hastscript reads an attribute the collector uses; `null` for one it ignores. */
type AttributeInfo = Info | null | 'bail';
const htmlAttributes = new Map<string, AttributeInfo>();
const svgAttributes = new Map<string, AttributeInfo>();

/** hastscript's `addProperty` for a string value. */
function propertyValue(info: Info, value: string): Properties[string] {
  let list: string[];
  if (info.spaceSeparated) list = spaces(value);
  else if (info.commaSeparated) list = commas(value);
  else if (info.commaOrSpaceSeparated) list = spaces(commas(value).join(' '));
  else return primitive(info, value);
  // As in hastscript: a list's items may become `true`, which hast's types do not expect.
  return list.map((item) => primitive(info, item)) as (string | number)[];
}

function primitive(info: Info, value: string): string | number | true {
  if (info.number && value && !Number.isNaN(Number(value))) return Number(value);
  if ((info.boolean || info.overloadedBoolean) && (value === '' || value.toLowerCase() === info.property.toLowerCase())) return true;
  return value;
}

/** `space-separated-tokens` parse. */
function spaces(value: string): string[] {
  const input = value.trim();
  return input ? input.split(/[ \t\n\r\f]+/g) : [];
}

/** `comma-separated-tokens` parse. */
function commas(value: string): string[] {
  const tokens: string[] = [];
  let index = value.indexOf(',');
  let start = 0;
  let end = false;
  while (!end) {
    if (index === -1) {
      index = value.length;
      end = true;
    }
    const token = value.slice(start, index).trim();
    if (token || !end) tokens.push(token);
    start = index + 1;
    index = value.indexOf(',', start);
  }
  return tokens;
}

/**
 * Collect a page straight from htmlparser2's tokens, with positions;
 * `undefined` when the page needs repairs of the HTML tree builder that
 * {@link OpenElements} does not mirror, or has a content selector (then
 * use {@link collectHtml}).
 *
 * @param html the page's markup.
 * @param options the page's file and URL, and collection options.
 */
export function collectFast(html: string, options: CollectOptions): PageRecord | undefined {
  if (options.contentSelector !== undefined || UNSAFE_MARKUP.test(html)) return undefined;
  // A page that ends inside a tag (or on a stray `<`): the two parsers keep different parts of it.
  if (html.lastIndexOf('<') > html.lastIndexOf('>')) return undefined;
  // Line starts, for offsets -> line:column (1-based, UTF-16 code units as parse5 counts them).
  let lineStarts: number[] | undefined;
  const locate = (offset: number): Point => {
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
  const collector = new PageCollector<number>(options, locate, false);
  const tree = new OpenElements(collector);

  /** Inside `template`: content a tree keeps apart (`content`), never read; skip events until it closes. */
  let skipping: { name: string; rawEnd: number } | undefined;
  /** The start tag being read: its name, {@link TAGS} bits, where its `<` is, and its properties so far. */
  let tagName = '';
  let tagBitsNow = 0;
  let tagStart = 0;
  let tagSvg = false;
  let properties: Properties | undefined;
  /** Collected attribute names of the start tag so far: a repeated attribute keeps its first value. */
  const tagAttributes: string[] = [];
  /** The attribute being read, when the collector reads it (else its value is never built). */
  let attribute: Info | undefined;
  let attributeValue = '';
  /** Open elements inside a skipped `template`, whose end tags stay inside it. */
  const skippedNames: string[] = [];

  /** A start tag is complete (`>`, or `/>` that closes it when `selfClosing`). */
  const openTag = (end: number, selfClosing: boolean): void => {
    const name = tagName;
    const bits = tagBitsNow;
    tagName = '';
    if (skipping) {
      if (!(bits & IS_VOID) && !selfClosing) skippedNames.push(name);
      return;
    }
    const props = properties ?? NO_PROPERTIES;
    properties = undefined;
    const openEnd = end + 1;
    tree.open(name, bits, props, tagStart, openEnd, tagSvg);
    if (name === 'template') skipping = { name, rawEnd: templateEnd(html, openEnd, tree.svgDepth) };
    // Void elements, and SVG elements closed by `/>`, end with their start tag.
    if (bits & IS_VOID || selfClosing) tree.close(openEnd);
  };

  // Character references are decoded here, as the reference parser (parse5) decodes them, rather
  // than by the tokenizer: without them it skips through text and attribute values with `indexOf`
  // instead of a test per character (at 10,000 pages, 0.37 s of tokenizing instead of 0.6 s).
  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      onopentagname(start, end) {
        const name = html.slice(start, end).toLowerCase();
        tagName = name;
        tagStart = start - 1;
        tagAttributes.length = 0;
        attribute = undefined;
        const bits = tagBits(name);
        tagBitsNow = bits;
        tagSvg = tree.svgDepth > 0 || name === 'svg';
        if (skipping) return;
        // hast-util-from-parse5 reads a name such as `a#top` or `p.x` as a selector (an `a` with an id).
        if (name.includes('#') || name.includes('.')) throw new Bail();
        tree.startTag(name, bits, tagStart);
      },
      onattribname(start, end) {
        if (skipping) return;
        const key = html.slice(start, end).toLowerCase();
        attribute = undefined;
        const known = tagSvg ? svgAttributes : htmlAttributes;
        let info = known.get(key);
        if (info === undefined) {
          // `constructor` and friends would reach Object.prototype in hastscript's lookups.
          if (Object.hasOwn(Object.prototype, key)) info = 'bail';
          else {
            const found = find(tagSvg ? svgSchema : htmlSchema, key);
            info = COLLECTED_PROPERTIES.has(found.property) ? found : null;
          }
          known.set(key, info);
        }
        if (info === null) return;
        if (info === 'bail') throw new Bail();
        // A repeated attribute keeps its first value.
        if (tagAttributes.includes(key)) return;
        tagAttributes.push(key);
        attribute = info;
        attributeValue = '';
      },
      onattribdata(start, end) {
        if (attribute !== undefined) attributeValue += html.slice(start, end);
      },
      onattribentity() {
        // Only called when the tokenizer decodes character references.
        throw new Bail();
      },
      onattribend() {
        if (attribute === undefined) return;
        const value = attributeValue.includes('&') ? decodeHTMLAttribute(attributeValue) : attributeValue;
        (properties ??= {})[attribute.property] = propertyValue(attribute, value);
        attribute = undefined;
      },
      onopentagend(end) {
        openTag(end, false);
      },
      onselfclosingtag(end) {
        // Only in foreign content does `/>` close an element; elsewhere it is ignored.
        openTag(end, tree.svgDepth > 0 || tagSvg);
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (skipping) {
          const inner = skippedNames.lastIndexOf(name);
          if (inner !== -1) {
            skippedNames.length = inner;
            return;
          }
          // An end tag of an element outside the template would close it first.
          if (name !== skipping.name) {
            if (tree.names.includes(name)) throw new Bail();
            return;
          }
          if (start - 2 !== skipping.rawEnd) throw new Bail();
          skipping = undefined;
          skippedNames.length = 0;
        }
        const text = tree.pendingText;
        if ((name === 'script' || name === 'style') && tree.top === name && text !== undefined && UNSAFE_RAW.test(text)) throw new Bail();
        tree.endTag(name, tagBits(name), start - 2, end + 1);
      },
      ontext(start, end) {
        if (skipping) return;
        const value = html.slice(start, end);
        // Raw text (`script`, `style`, `iframe` outside foreign content) keeps its references.
        tree.text(value.includes('&') && !tree.inRawText ? decodeHTML(value) : value);
      },
      ontextentity() {
        throw new Bail();
      },
      oncomment() {
        if (!skipping) tree.comment();
      },
      ondeclaration() {
        // A doctype before any element; the tree builder drops one anywhere else (joining the text around it).
        if (tree.rootElement) throw new Bail();
      },
      oncdata() {
        throw new Bail();
      },
      onprocessinginstruction() {
        throw new Bail();
      },
      onend() {
        if (skipping) throw new Bail();
        tree.finish(html.length);
      },
      isInForeignContext: () => tree.svgDepth > 0,
    },
  );

  try {
    tokenizer.write(html);
    tokenizer.end();
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
  if (tree.names.length > 0 || skipping) return undefined;
  tree.flush();
  return collector.finish();
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
