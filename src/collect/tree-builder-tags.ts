/**
 * What a tag name means to the HTML tree builder's rules that
 * `open-elements.ts` mirrors, as bits of one table ({@link TAGS}): one
 * lookup per tag.
 */
import { bitTable } from './bit-table.js';

/** Elements without an end tag. */
const VOID = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'frame', 'basefont'];
/** Elements the tree builder treats in ways that `OpenElements` does not mirror: always the reference parser. */
const BAIL = [
  'image', 'isindex', 'command', 'bgsound', 'menuitem', 'math', 'frameset', 'frame', 'option', 'optgroup', 'datalist',
  'plaintext', 'xmp', 'listing', 'noembed', 'noframes', 'nobr', 'ruby', 'rb', 'rt', 'rp', 'rtc', 'applet', 'marquee', 'object', 'font',
  'caption', 'colgroup', 'col', 'keygen', 'param', 'basefont', 'textarea',
];
/** What `<head>` may hold; anything else would end it. */
const HEAD_CONTENT = ['base', 'link', 'meta', 'noscript', 'script', 'style', 'template', 'title'];
/** Start tags that close an open `p` (in button scope) before they open: the tree builder's "close a p element". */
const CLOSES_P = [
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'listing',
  'form', 'li', 'dd', 'dt', 'plaintext', 'table', 'hr', 'xmp',
];
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
/** Table elements whose children are restricted (anything else is moved out of the table). */
export const TABLE_CHILDREN: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['table', new Set(['tbody', 'thead', 'tfoot', 'script', 'style', 'template'])],
  ['tbody', new Set(['tr', 'script', 'style', 'template'])],
  ['thead', new Set(['tr', 'script', 'style', 'template'])],
  ['tfoot', new Set(['tr', 'script', 'style', 'template'])],
  ['tr', new Set(['td', 'th', 'script', 'style', 'template'])],
]);
/** The HTML elements of the standard's "special" category, as parse5 lists them. */
const SPECIAL = [
  'address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'caption', 'center', 'col',
  'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'img', 'input', 'li', 'link', 'listing', 'main', 'marquee',
  'menu', 'meta', 'nav', 'noembed', 'noframes', 'noscript', 'object', 'ol', 'p', 'param', 'plaintext', 'pre', 'script', 'section', 'select',
  'source', 'style', 'summary', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul', 'wbr', 'xmp',
];
/** Where "has an element in scope" stops looking (HTML elements). */
const SCOPE = ['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template'];
/** Elements the tree builder reopens when one is closed by anything but its own end tag (active formatting elements). */
const FORMATTING = ['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u'];
/** Elements "generate implied end tags" closes. */
const IMPLIED_END = ['dd', 'dt', 'li', 'optgroup', 'option', 'p', 'rb', 'rp', 'rt', 'rtc'];
/** End tags that close the element and whatever is open inside it, when it is in scope. */
const BLOCK_END = [
  'address', 'article', 'aside', 'blockquote', 'button', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'header', 'hgroup', 'listing', 'main', 'menu', 'nav', 'ol', 'pre', 'search', 'section', 'summary', 'ul',
];
/** HTML elements that end SVG content when they appear inside it. */
const SVG_BREAKOUT = [
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head',
  'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup',
  'table', 'tt', 'u', 'ul', 'var', 'font', 'foreignobject', 'desc', 'title', 'math',
];
/** Elements that make links: their positions end where they close, which `OpenElements` gives only where it is sure. */
const MAKES_LINKS = ['a', 'area', 'link', 'img', 'source', 'script', 'iframe', 'video', 'audio', 'track', 'embed', 'object', 'meta'];

/** Bits of {@link TAGS}. */
export const IS_VOID = 1;
export const IS_BAIL = 2;
export const IS_HEAD_CONTENT = 4;
export const IS_CLOSES_P = 8;
export const IS_HEADING = 16;
/** A table element whose children are restricted. */
export const IS_TABLE_PARENT = 32;
export const IS_LIST_ITEM = 64;
export const IS_DROP_FIRST_NEWLINE = 128;
/** Text the tokenizer reads to its end tag, without character references (not `title` or `textarea`, which have them). */
export const IS_RAW_TEXT = 256;
const IS_SPECIAL = 512;
export const IS_SCOPE = 1024;
export const IS_FORMATTING = 2048;
export const IS_IMPLIED_END = 4096;
export const IS_BLOCK_END = 8192;
export const IS_TABLE_PART = 16384;
export const IS_SVG_BREAKOUT = 32768;
export const IS_MAKES_LINKS = 65536;
/** The special elements but `address`, `div` and `p`: where the search for an open `li`, `dd` or `dt` stops. */
export const IS_LIST_BOUNDARY = 131072;
/** Bounds button scope, besides {@link SCOPE}. */
export const IS_BUTTON_SCOPE = 262144;
/** Bounds list item scope, besides {@link SCOPE}. */
export const IS_LIST_SCOPE = 524288;

/** {@link TAGS} bits of names in no list: an element the tree builder treats as any other. */
const ORDINARY = 0;

/** Every tag name with a rule, and its bits. */
export const TAGS = bitTable([
  [IS_RAW_TEXT, ['script', 'style', 'iframe', 'xmp', 'noembed', 'noframes', 'plaintext']],
  [IS_VOID, VOID],
  [IS_BAIL, BAIL],
  [IS_HEAD_CONTENT, HEAD_CONTENT],
  [IS_CLOSES_P, CLOSES_P],
  [IS_HEADING, HEADINGS],
  [IS_TABLE_PARENT, TABLE_CHILDREN.keys()],
  [IS_LIST_ITEM, ['li', 'dd', 'dt']],
  [IS_DROP_FIRST_NEWLINE, ['pre']],
  [IS_SPECIAL, SPECIAL],
  [IS_LIST_BOUNDARY, SPECIAL.filter((name) => name !== 'address' && name !== 'div' && name !== 'p')],
  [IS_SCOPE, SCOPE],
  [IS_FORMATTING, FORMATTING],
  [IS_IMPLIED_END, IMPLIED_END],
  [IS_BLOCK_END, BLOCK_END],
  [IS_TABLE_PART, ['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th']],
  [IS_SVG_BREAKOUT, SVG_BREAKOUT],
  [IS_MAKES_LINKS, MAKES_LINKS],
  [IS_BUTTON_SCOPE, ['button']],
  [IS_LIST_SCOPE, ['ol', 'ul']],
]);

/** The {@link TAGS} bits of a lowercase tag name. */
export function tagBits(name: string): number {
  return TAGS.get(name) ?? ORDINARY;
}
