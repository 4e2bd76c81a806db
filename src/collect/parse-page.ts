import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h, s } from 'hastscript';
import { Parser } from 'htmlparser2';

/**
 * Parse a built HTML page into the hast tree `collectPage` reads.
 *
 * Most built pages are well-formed: every element is closed by its own end
 * tag, in order, and nothing needs the HTML tree builder's repairs. For
 * those, {@link fastTree} builds the tree from htmlparser2's events (about
 * four times faster than parse5 plus the hast conversion). Anything the
 * tree builder would repair or reinterpret falls back to
 * `hast-util-from-html`, which stays the reference: the collected page
 * record is the same either way (a test compares the two).
 */
export function parsePage(html: string): Root {
  return fastTree(html) ?? fromHtml(html);
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
/** Markup whose tokenising differs between parsers in corner cases. */
const UNSAFE_MARKUP = /[\r\0]|<\/(?![a-zA-Z])|<!\[|<!-->|<!--->|--!>|<\?/;
/** Raw-text content that could hide an end tag from one parser but not the other. */
const UNSAFE_RAW = /<!--|<\/?script/i;

class Bail extends Error {}

interface Open {
  node: Element;
  /** Offset just past the start tag. */
  openEnd: number;
}

/**
 * Build the hast tree of a well-formed page from htmlparser2 events, with
 * positions; `undefined` when the page needs the HTML tree builder's
 * repairs (then parse it with `hast-util-from-html`).
 */
export function fastTree(html: string): Root | undefined {
  if (UNSAFE_MARKUP.test(html)) return undefined;
  const root: Root = { type: 'root', children: [] };
  const stack: Open[] = [];
  // Line starts, for offsets -> line:column (1-based, UTF-16 code units as parse5 counts them).
  const lineStarts = [0];
  for (let index = html.indexOf('\n'); index !== -1; index = html.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  let lineCursor = 0;
  const point = (offset: number): { line: number; column: number; offset: number } => {
    // Offsets mostly grow; search from the last line found, either way.
    if (lineStarts[lineCursor]! > offset) lineCursor = 0;
    while (lineCursor + 1 < lineStarts.length && lineStarts[lineCursor + 1]! <= offset) lineCursor++;
    return { line: lineCursor + 1, column: offset - lineStarts[lineCursor]! + 1, offset };
  };

  let seenHtml = false;
  let seenHead = false;
  let headOpen = false;
  let bodyStarted = false;
  let bodyClosed = false;
  let svgDepth = 0;
  /** Inside `noscript` or `template`: content the collector never reads; skip events until it closes. */
  let skipping: { name: string; rawEnd: number } | undefined;
  let text: Text | undefined;
  let dropNewline = false;
  let ending = false;

  const parent = (): Element | Root => stack.at(-1)?.node ?? root;
  const has = (name: string): boolean => stack.some((open) => open.node.tagName === name);

  const parser: Parser = new Parser(
    {
      onopentag(name, attributes, implied) {
        if (skipping) return;
        text = undefined;
        if (implied) throw new Bail();
        const start = parser.startIndex;
        if (html.charCodeAt(start) !== 60 || html.charCodeAt(start + 1) === 47) throw new Bail(); // `</p>` or `</br>` opening an element
        const top = stack.at(-1)?.node.tagName;
        if (svgDepth > 0) {
          if (SVG_BREAKOUT.has(name.toLowerCase()) || VOID.has(name)) throw new Bail();
        } else {
          checkStart(name, top);
        }
        const properties: Record<string, string> = {};
        for (const key in attributes) {
          if (Object.hasOwn(Object.prototype, key)) throw new Bail();
          properties[key] = attributes[key]!;
        }
        const inSvg = svgDepth > 0 || name === 'svg';
        const node = (inSvg ? s(name, properties) : h(name, properties)) as Element;
        const openEnd = parser.endIndex + 1;
        node.position = { start: point(start), end: point(openEnd) };
        (parent().children as (RootContent | ElementContent)[]).push(node);
        if (name === 'svg') svgDepth++;
        else if (svgDepth > 0) svgDepth++;
        stack.push({ node, openEnd });
        dropNewline = DROP_FIRST_NEWLINE.has(name);
        if (name === 'noscript' || name === 'template') {
          const rawEnd = html.toLowerCase().indexOf(`</${name}`, openEnd);
          if (rawEnd === -1 || UNSAFE_RAW.test(html.slice(openEnd, rawEnd)) || (name === 'template' && html.slice(openEnd, rawEnd).toLowerCase().includes('<template'))) throw new Bail();
          skipping = { name, rawEnd };
          // `noscript` is raw text when scripts run (parse5's default): one text node.
          if (name === 'noscript' && rawEnd > openEnd) node.children.push({ type: 'text', value: html.slice(openEnd, rawEnd) });
        }
      },
      onclosetag(name, implied) {
        if (skipping) {
          if (name !== skipping.name) return;
          if (implied || parser.startIndex !== skipping.rawEnd) throw new Bail();
          skipping = undefined;
        }
        text = undefined;
        dropNewline = false;
        const open = stack.at(-1);
        if (!open || open.node.tagName !== name) {
          // htmlparser2 adjusts some SVG tag names; the stack holds what it was given.
          if (!open || open.node.tagName.toLowerCase() !== name.toLowerCase()) throw new Bail();
        }
        const element = open.node;
        if (implied) {
          const selfClosed = svgDepth > 0 && html.charCodeAt(open.openEnd - 2) === 47;
          const atEnd = ending && (name === 'html' || name === 'body' || name === 'head');
          if (!VOID.has(name) && !selfClosed && !atEnd) throw new Bail();
          if (atEnd) {
            // Left open at the end of the file: parse5 ends it with its last child.
            const tail = element.children.at(-1);
            if (tail?.position) element.position = { start: element.position!.start, end: tail.position.end };
          }
        } else {
          element.position = { start: element.position!.start, end: point(parser.endIndex + 1) };
          if (name === 'script' || name === 'style') {
            const body = element.children[0];
            if (body?.type === 'text' && UNSAFE_RAW.test(body.value)) throw new Bail();
          }
        }
        stack.pop();
        if (svgDepth > 0) svgDepth--;
        if (name === 'head') headOpen = false;
        if (name === 'body') bodyClosed = true;
      },
      ontext(value) {
        if (skipping) return;
        let data = value;
        if (dropNewline) {
          dropNewline = false;
          if (data.startsWith('\n')) data = data.slice(1);
          if (data === '') return;
        }
        const blank = !/[^\t\n\f ]/.test(data);
        const top = stack.at(-1)?.node.tagName;
        if (!blank) {
          if (bodyClosed || (svgDepth === 0 && (top === undefined || top === 'html' || top === 'head' || TABLE_CHILDREN.has(top)))) throw new Bail();
        } else if (!bodyStarted && !seenHead && (top === undefined || top === 'html')) {
          // Whitespace before `<head>` is dropped by the tree builder.
          return;
        }
        if (text) {
          text.value += data;
          return;
        }
        text = { type: 'text', value: data };
        (parent().children as (RootContent | ElementContent)[]).push(text);
      },
      oncomment() {
        text = undefined;
      },
      onprocessinginstruction() {
        text = undefined;
      },
    },
    { decodeEntities: true },
  );

  /** Start tags the tree builder would move, close around or reinterpret. */
  const checkStart = (name: string, top: string | undefined): void => {
    if (BAIL.has(name) || bodyClosed) throw new Bail();
    if (name === 'html') {
      if (seenHtml || stack.length > 0 || root.children.some((child) => child.type === 'element')) throw new Bail();
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
    if (headOpen) {
      if (!HEAD_CONTENT.has(name) || top !== 'head') throw new Bail();
      return;
    }
    if (HEAD_CONTENT.has(name) && !bodyStarted) {
      // Between `</head>` and the body the tree builder moves head content back into the head.
      if (seenHead) throw new Bail();
      // Before any body content it starts an implied head.
      seenHead = true;
    }
    if (!HEAD_CONTENT.has(name)) bodyStarted = true;
    if (top !== undefined && TABLE_CHILDREN.has(top) && !TABLE_CHILDREN.get(top)!.has(name)) throw new Bail();
    if (name === 'td' || name === 'th' || name === 'tr') {
      if (top !== (name === 'tr' ? undefined : 'tr') && !(name === 'tr' && (top === 'tbody' || top === 'thead' || top === 'tfoot'))) throw new Bail();
    }
    if (name === 'tbody' || name === 'thead' || name === 'tfoot') {
      if (top !== 'table') throw new Bail();
    }
    if (!PHRASING.has(name) && has('p')) throw new Bail();
    if (HEADINGS.has(name) && top !== undefined && HEADINGS.has(top)) throw new Bail();
    if (name === 'a' && has('a')) throw new Bail();
    if (name === 'li' || name === 'dd' || name === 'dt') {
      for (let index = stack.length - 1; index >= 0; index--) {
        const open = stack[index]!.node.tagName;
        if (open === name || (name !== 'li' && (open === 'dd' || open === 'dt'))) throw new Bail();
        if (LIST_SCOPE.has(open)) break;
      }
    }
  };

  try {
    parser.write(html);
    ending = true;
    parser.end();
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
  if (stack.length > 0 || skipping) return undefined;
  return root;
}
