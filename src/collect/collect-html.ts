import type { Properties } from 'hast';
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { Tokenizer } from 'htmlparser2';
import { find, html as htmlSchema, svg as svgSchema, type Info } from 'property-information';
import type { PageRecord, Point } from '../types.js';
import { bitTable, COLLECTED_PROPERTIES, collectPage, PageCollector, type CollectOptions } from './collect-page.js';
import { MAX_TREE_DEPTH, parseTree } from './parse-tree.js';

/**
 * Collect the page record of one built HTML page.
 *
 * Most built pages are well-formed: every element is closed by its own end
 * tag, in order, and nothing needs the HTML tree builder's repairs. For
 * those, {@link collectFast} reads htmlparser2's tokens (its `Tokenizer`,
 * not its `Parser`) and feeds them to the page collector, without building
 * a tree. Anything the tree builder would
 * repair or reinterpret, any page with a content selector (which
 * matches on a tree), and any page nested deeper than browsers build a
 * tree, goes through the reference tree ({@link parseTree}: parse5, as
 * `hast-util-from-html` runs it) and {@link collectPage}: the record is the
 * same either way (a test compares the two).
 *
 * @param html the page's markup.
 * @param options the page's file and URL, and collection options.
 * @returns the page record.
 */
export function collectHtml(html: string, options: CollectOptions): PageRecord {
  return collectFast(html, options) ?? collectPage(parseTree(html), options);
}

/** Elements without an end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'frame', 'basefont']);
/** Elements the tree builder treats in ways not mirrored here: always the reference parser. */
const BAIL = new Set([
  'image', 'isindex', 'command', 'bgsound', 'menuitem', 'math', 'frameset', 'frame', 'select', 'option', 'optgroup', 'datalist',
  'plaintext', 'xmp', 'listing', 'noembed', 'noframes', 'nobr', 'ruby', 'rb', 'rt', 'rp', 'rtc', 'applet', 'marquee', 'object', 'font', 'search',
  'caption', 'colgroup', 'col', 'keygen', 'param', 'basefont', 'form', 'button', 'textarea', 'input', 'hgroup', 'dialog', 'center', 'dir',
]);
/** What `<head>` may hold; anything else would end it. */
const HEAD_CONTENT = new Set(['base', 'link', 'meta', 'noscript', 'script', 'style', 'template', 'title']);
/** Phrasing content: what may sit inside an open `<p>` without closing it. */
const PHRASING = new Set([
  'a', 'abbr', 'audio', 'b', 'bdi', 'bdo', 'br', 'canvas', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'embed', 'i', 'iframe', 'img', 'ins',
  'kbd', 'label', 'map', 'area', 'mark', 'meter', 'noscript', 'output', 'picture', 'progress', 'q', 's', 'samp', 'script', 'slot', 'small',
  'source', 'span', 'strong', 'sub', 'sup', 'svg', 'template', 'time', 'track', 'u', 'var', 'video', 'wbr', 'link', 'meta', 'style',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Table elements whose children are restricted (anything else is moved out of the table). */
const TABLE_CHILDREN: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['table', new Set(['tbody', 'thead', 'tfoot', 'script', 'style', 'template'])],
  ['tbody', new Set(['tr', 'script', 'style', 'template'])],
  ['thead', new Set(['tr', 'script', 'style', 'template'])],
  ['tfoot', new Set(['tr', 'script', 'style', 'template'])],
  ['tr', new Set(['td', 'th', 'script', 'style', 'template'])],
]);
/** Where the search for an open `li`/`dd`/`dt` stops (the spec's special elements, less address, div, p). */
const LIST_SCOPE = new Set(['ul', 'ol', 'menu', 'dl', 'table', 'td', 'th', 'section', 'article', 'aside', 'nav', 'main', 'header', 'footer', 'details', 'figure', 'blockquote', 'body', 'html', 'template', 'fieldset']);
/** Elements whose first newline after the start tag the tree builder drops. */
const DROP_FIRST_NEWLINE = new Set(['pre']);
/** HTML elements that end SVG content when they appear inside it. */
const SVG_BREAKOUT = new Set([
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head',
  'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup',
  'table', 'tt', 'u', 'ul', 'var', 'font', 'foreignobject', 'desc', 'title', 'math',
]);
/** What a tag name means to the tree builder's rules mirrored here, as bits (one lookup per tag). */
const IS_VOID = 1;
const IS_BAIL = 2;
const IS_HEAD_CONTENT = 4;
const IS_PHRASING = 8;
const IS_HEADING = 16;
/** A table element whose children are restricted. */
const IS_TABLE_PARENT = 32;
const IS_LIST_ITEM = 64;
const IS_DROP_FIRST_NEWLINE = 128;
/** Text the tokenizer reads to its end tag, without character references (not `title` or `textarea`, which have them). */
const IS_RAW_TEXT = 256;
const TAGS = bitTable([
  [IS_RAW_TEXT, ['script', 'style', 'iframe', 'xmp', 'noembed', 'noframes', 'plaintext']],
  [IS_VOID, VOID],
  [IS_BAIL, BAIL],
  [IS_HEAD_CONTENT, HEAD_CONTENT],
  [IS_PHRASING, PHRASING],
  [IS_HEADING, HEADINGS],
  [IS_TABLE_PARENT, TABLE_CHILDREN.keys()],
  [IS_LIST_ITEM, ['li', 'dd', 'dt']],
  [IS_DROP_FIRST_NEWLINE, DROP_FIRST_NEWLINE],
]);

/**
 * Start tags that htmlparser2's Parser lets close the innermost open element
 * when it is one of these (its `openImpliesClose`): a repair, which this path
 * leaves to the tree builder.
 */
const OPEN_IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const p = new Set(['p']);
  const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
  const form = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
  const sections = new Set(['thead', 'tbody']);
  const ddt = new Set(['dd', 'dt']);
  const rtp = new Set(['rt', 'rp']);
  return new Map<string, ReadonlySet<string>>([
    ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th'])], ['td', new Set(['thead', 'th', 'td'])], ['body', new Set(['head', 'link', 'script'])],
    ['a', new Set(['a'])], ['li', new Set(['li'])], ['p', p], ['h1', headings], ['h2', headings], ['h3', headings], ['h4', headings], ['h5', headings], ['h6', headings],
    ['select', form], ['input', form], ['output', form], ['button', form], ['datalist', form], ['textarea', form],
    ['option', new Set(['option'])], ['optgroup', new Set(['optgroup', 'option'])], ['dd', ddt], ['dt', ddt],
    ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((name) => [name, p] as const),
    ['rt', rtp], ['rp', rtp], ['tbody', sections], ['tfoot', sections],
  ]);
})();

/** Markup whose tokenising differs between parsers in corner cases. */
const UNSAFE_MARKUP = /[\r\0]|<\/(?![a-zA-Z])|<!\[|<!-->|<!--->|--!>|<\?/;
/** Raw-text content that could hide an end tag from one parser but not the other. */
const UNSAFE_RAW = /<!--|<\/?script/i;

class Bail extends Error {}

/** How hastscript reads an attribute the collector uses; `null` for one it ignores. */
type AttributeInfo = Info | null | 'bail';
const htmlAttributes = new Map<string, AttributeInfo>();
const svgAttributes = new Map<string, AttributeInfo>();
const NO_PROPERTIES: Properties = Object.freeze({}) as Properties;

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
 * Collect a well-formed page straight from htmlparser2's tokens, with
 * positions; `undefined` when the page needs the HTML tree builder's
 * repairs, or has a content selector (then use {@link collectHtml}).
 *
 * @param html the page's markup.
 * @param options the page's file and URL, and collection options.
 */
export function collectFast(html: string, options: CollectOptions): PageRecord | undefined {
  if (options.contentSelector !== undefined || UNSAFE_MARKUP.test(html)) return undefined;
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

  /** Open elements: tag names, their {@link TAGS} bits, and offsets just past their start tags. */
  const names: string[] = [];
  const tagBitsStack: number[] = [];
  const openEnds: number[] = [];
  /** Open `p` and `a` elements. */
  let openP = 0;
  let openA = 0;
  let rootElement = false;
  let seenHtml = false;
  let seenHead = false;
  let headOpen = false;
  let bodyStarted = false;
  let bodyClosed = false;
  let svgDepth = 0;
  /** Inside `template`: content a tree keeps apart (`content`), never read; skip events until it closes. */
  let skipping: { name: string; rawEnd: number } | undefined;
  /**
   * Inside a `noscript` of the head. The tree builder parses `noscript` as
   * markup (hast-util-from-html runs it without scripting); in the head it
   * may hold only `link`, `meta` and `style`, anything else moves to the body.
   */
  let headNoscript = false;
  /** Text not yet given to the collector: adjacent text events make one text node, as in a tree. */
  let text: string | undefined;
  let dropNewline = false;

  const flush = (): void => {
    if (text === undefined) return;
    collector.text(text);
    text = undefined;
  };

  /** The start tag being read: its name, {@link TAGS} bits, where its `<` is, and its properties so far. */
  let tagName = '';
  let tagBits = 0;
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
    const bits = tagBits;
    tagName = '';
    if (skipping) {
      if (!(bits & IS_VOID) && !selfClosing) skippedNames.push(name);
      return;
    }
    const props = properties ?? NO_PROPERTIES;
    properties = undefined;
    flush();
    const openEnd = end + 1;
    if (names.length === 0) rootElement = true;
    if (svgDepth > 0) svgDepth++;
    else if (tagSvg) svgDepth = 1;
    collector.open(name, props, tagStart, false);
    names.push(name);
    tagBitsStack.push(bits);
    openEnds.push(openEnd);
    if (name === 'p') openP++;
    else if (name === 'a') openA++;
    dropNewline = (bits & IS_DROP_FIRST_NEWLINE) !== 0;
    if (name === 'template') {
      const rawEnd = html.toLowerCase().indexOf('</template', openEnd);
      const raw = rawEnd === -1 ? '' : html.slice(openEnd, rawEnd).toLowerCase();
      // Content a tree keeps apart: skipped to its end tag; nested templates and foreign content (which
      // would change how the tokenizer reads it) go to the tree builder.
      if (svgDepth > 0 || rawEnd === -1 || UNSAFE_RAW.test(raw) || raw.includes('<template') || raw.includes('<svg') || raw.includes('<math')) throw new Bail();
      skipping = { name, rawEnd };
    } else if (name === 'noscript' && !bodyStarted) {
      headNoscript = true;
    }
    // Void elements, and SVG elements closed by `/>`, end with their start tag.
    if (bits & IS_VOID || selfClosing) closeTop(openEnd);
  };

  /** The innermost open element ends at `end`. */
  const closeTop = (end: number): void => {
    dropNewline = false;
    flush();
    collector.close(end);
    const name = names.pop()!;
    tagBitsStack.pop();
    openEnds.pop();
    if (name === 'p') openP--;
    else if (name === 'a') openA--;
    if (svgDepth > 0) svgDepth--;
    if (name === 'head') headOpen = false;
    else if (name === 'noscript') headNoscript = false;
    if (name === 'body') bodyClosed = true;
  };

  // Character references are decoded here, as the reference parser (parse5) decodes them, rather
  // than by the tokenizer: without them it skips through text and attribute values with `indexOf`
  // instead of a test per character (at 10,000 pages, 0.37 s of tokenizing instead of 0.6 s).
  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      // As htmlparser2's Parser reads the tokens, for the pages this path takes: anything its Parser
      // would repair (an end tag closing open elements, a start tag closing one) is left to the tree.
      onopentagname(start, end) {
        const name = html.slice(start, end).toLowerCase();
        tagName = name;
        tagStart = start - 1;
        tagAttributes.length = 0;
        attribute = undefined;
        const bits = TAGS.get(name) ?? 0;
        tagBits = bits;
        tagSvg = svgDepth > 0 || name === 'svg';
        if (skipping) return;
        const depth = names.length;
        // Deeper than a browser builds (with an implied `html` and `body` above): the reference caps the tree.
        if (depth >= MAX_TREE_DEPTH - 2) throw new Bail();
        const top = depth === 0 ? undefined : names[depth - 1]!;
        if (top !== undefined && OPEN_IMPLIES_CLOSE.get(name)?.has(top)) throw new Bail();
        if (svgDepth > 0) {
          if (SVG_BREAKOUT.has(name) || bits & IS_VOID) throw new Bail();
        } else {
          checkStart(name, bits, top, depth === 0 ? 0 : tagBitsStack[depth - 1]!);
        }
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
        openTag(end, svgDepth > 0 || tagSvg);
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
            if (names.includes(name)) throw new Bail();
            return;
          }
          if (start - 2 !== skipping.rawEnd) throw new Bail();
          skipping = undefined;
          skippedNames.length = 0;
        }
        const bits = TAGS.get(name) ?? 0;
        // `</br>` is a `<br>` to the tree builder; `</img>` and the like are nothing.
        if (bits & IS_VOID) {
          if (name === 'br') throw new Bail();
          return;
        }
        const depth = names.length;
        if (depth === 0 || names[depth - 1] !== name) {
          // Closing elements above it, or (`</p>`) opening one: the tree builder's repairs.
          if (names.includes(name) || name === 'p') throw new Bail();
          // An end tag without an open element is dropped, as by the tree builder.
          return;
        }
        if ((name === 'script' || name === 'style') && text !== undefined && UNSAFE_RAW.test(text)) throw new Bail();
        closeTop(end + 1);
      },
      ontext(start, end) {
        if (skipping) return;
        const value = html.slice(start, end);
        // Raw text (`script`, `style`, `iframe` outside foreign content) keeps its references.
        const depth = names.length;
        addText(value.includes('&') && !(svgDepth === 0 && depth > 0 && tagBitsStack[depth - 1]! & IS_RAW_TEXT) ? decodeHTML(value) : value);
      },
      ontextentity() {
        throw new Bail();
      },
      oncomment() {
        if (skipping) return;
        flush();
        collector.other();
      },
      ondeclaration() {
        // A doctype before any element; the tree builder drops one anywhere else (joining the text around it).
        if (rootElement) throw new Bail();
      },
      oncdata() {
        throw new Bail();
      },
      onprocessinginstruction() {
        throw new Bail();
      },
      onend() {
        if (skipping) throw new Bail();
        // Only `html`, `body` and `head` may be left open at the end: they end with their start tags.
        for (let depth = names.length; depth > 0; depth--) {
          const name = names[depth - 1]!;
          if (name !== 'html' && name !== 'body' && name !== 'head') throw new Bail();
          closeTop(openEnds[depth - 1]!);
        }
      },
      isInForeignContext: () => svgDepth > 0,
    },
  );

  const addText = (value: string): void => {
    let data = value;
    if (dropNewline) {
      dropNewline = false;
      if (data.startsWith('\n')) data = data.slice(1);
      if (data === '') return;
    }
    const depth = names.length;
    const top = depth === 0 ? undefined : names[depth - 1];
    // Only where the tree builder would move text does it matter whether it is blank (most text is not there).
    if (
      bodyClosed ||
      (headNoscript && top === 'noscript') ||
      (svgDepth === 0 && (top === undefined || top === 'html' || top === 'head' || tagBitsStack[depth - 1]! & IS_TABLE_PARENT))
    ) {
      if (/[^\t\n\f ]/.test(data)) throw new Bail();
      // Whitespace before `<head>` is dropped by the tree builder.
      if (!bodyStarted && !seenHead && (top === undefined || top === 'html')) return;
    }
    text = text === undefined ? data : text + data;
  };

  /** Start tags the tree builder would move, close around or reinterpret. */
  const checkStart = (name: string, bits: number, top: string | undefined, topBits: number): void => {
    if (bits & IS_BAIL || bodyClosed) throw new Bail();
    if (headNoscript) {
      if (name !== 'link' && name !== 'meta' && name !== 'style') throw new Bail();
      return;
    }
    if (name === 'html') {
      if (seenHtml || names.length > 0 || rootElement) throw new Bail();
      seenHtml = true;
      return;
    }
    if (name === 'head') {
      if (seenHead || bodyStarted || (top !== undefined && top !== 'html')) throw new Bail();
      seenHead = true;
      headOpen = true;
      return;
    }
    if (name === 'body') {
      if (bodyStarted || headOpen || (top !== undefined && top !== 'html')) throw new Bail();
      bodyStarted = true;
      return;
    }
    const headContent = (bits & IS_HEAD_CONTENT) !== 0;
    if (headOpen) {
      if (!headContent || top !== 'head') throw new Bail();
      return;
    }
    if (headContent && !bodyStarted) {
      // Between `</head>` and the body the tree builder moves head content back into the head.
      if (seenHead) throw new Bail();
      // Before any body content it starts an implied head.
      seenHead = true;
    }
    if (!headContent) bodyStarted = true;
    if (topBits & IS_TABLE_PARENT && !TABLE_CHILDREN.get(top!)!.has(name)) throw new Bail();
    if (name === 'td' || name === 'th' || name === 'tr') {
      if (top !== (name === 'tr' ? undefined : 'tr') && !(name === 'tr' && (top === 'tbody' || top === 'thead' || top === 'tfoot'))) throw new Bail();
    }
    if (name === 'tbody' || name === 'thead' || name === 'tfoot') {
      if (top !== 'table') throw new Bail();
    }
    if (openP > 0 && !(bits & IS_PHRASING)) throw new Bail();
    if (bits & IS_HEADING && topBits & IS_HEADING) throw new Bail();
    if (name === 'a' && openA > 0) throw new Bail();
    if (bits & IS_LIST_ITEM) {
      for (let index = names.length - 1; index >= 0; index--) {
        const open = names[index]!;
        if (open === name || (name !== 'li' && (open === 'dd' || open === 'dt'))) throw new Bail();
        if (LIST_SCOPE.has(open)) break;
      }
    }
  };

  try {
    tokenizer.write(html);
    tokenizer.end();
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
  if (names.length > 0 || skipping) return undefined;
  flush();
  return collector.finish();
}
