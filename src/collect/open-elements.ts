import type { Properties } from 'hast';
import type { PageCollector } from './page-collector.js';
import { NO_PROPERTIES } from './attribute-properties.js';
import { MAX_TREE_DEPTH } from './parse-tree.js';
import { IS_BAIL, IS_BLOCK_END, IS_BUTTON_SCOPE, IS_CLOSES_P, IS_DROP_FIRST_NEWLINE, IS_FORMATTING, IS_HEAD_CONTENT, IS_HEADING, IS_IMPLIED_END, IS_LIST_BOUNDARY, IS_LIST_ITEM, IS_LIST_SCOPE, IS_MAKES_LINKS, IS_RAW_TEXT, IS_SCOPE, IS_SVG_BREAKOUT, IS_TABLE_PARENT, IS_TABLE_PART, IS_VOID, TABLE_CHILDREN, tagBits } from './tree-builder-tags.js';

/**
 * Thrown where a page needs something of the HTML tree builder that
 * {@link OpenElements} does not mirror: the page then goes to the tree
 * builder itself.
 */
export class Bail extends Error {}

/**
 * The stack of open elements of a page as the HTML tree builder (parse5,
 * as `hast-util-from-html` runs it) would hold it, for the pages the token
 * collector reads without a tree: it feeds the page collector the elements
 * and text in tree order, and mirrors the builder's repairs that built
 * pages need (end tags left out of `li`, `p`, `td`, `head`; an implied
 * `tbody`; head content after `</head>`). Anything it does not mirror
 * throws {@link Bail}.
 *
 * Offsets are UTF-16 indexes into the page; an element closed by anything
 * but its own end tag ends where the token that closed it starts, as in the
 * reference tree.
 */
export class OpenElements {
  /** Tag names of the open elements, outermost first. */
  readonly names: string[] = [];
  /** Their {@link TAGS} bits. */
  readonly #bits: number[] = [];
  /** Offsets just past their start tags. */
  readonly #openEnds: number[] = [];
  /** Open `p` and `a` elements, and the depth inside SVG (0 outside). */
  #openP = 0;
  #openA = 0;
  svgDepth = 0;
  /** An element was opened at the top level. */
  rootElement = false;
  #seenHtml = false;
  /**
   * Where the page is with respect to its head: before it, in it (its
   * `<head>` tag on the stack, or an implied head, which is not), or after it.
   */
  #head: 'before' | 'in' | 'in implied' | 'after' = 'before';
  bodyStarted = false;
  /**
   * After `</body>` or `</html>`: the tree builder closes neither before the
   * end of the page, and puts comments after them on the `html` element (or
   * the document) rather than in the open element, until content resumes.
   */
  #afterBody = false;
  /** Where the open `select` is on the stack, or -1: inside it the tree builder reads only options. */
  #select = -1;
  /** The tree builder's form element pointer: set by `<form>`, cleared only by `</form>`. */
  #formPointer = false;
  /**
   * Inside a `noscript` of the head. The tree builder parses `noscript` as
   * markup (hast-util-from-html runs it without scripting); in the head it
   * may hold only `link`, `meta` and `style`, anything else moves to the body.
   */
  #headNoscript = false;
  /** Text not yet given to the collector: adjacent text events make one text node, as in a tree. */
  #text: string | undefined;
  /** The next text's first newline is dropped (`<pre>`). */
  #dropNewline = false;

  constructor(private readonly collector: PageCollector<number>) {}

  /** The innermost open element's name, if any. */
  get top(): string | undefined {
    return this.names[this.names.length - 1];
  }

  /**
   * A start tag `<name` at offset `at`, before its attributes: close what
   * the tree builder would close before it opens, or bail.
   */
  startTag(name: string, bits: number, at: number): void {
    this.#afterBody = false;
    if (this.svgDepth > 0) {
      if (bits & (IS_SVG_BREAKOUT | IS_VOID)) throw new Bail();
    } else if (this.#select !== -1) {
      this.#selectStart(name, at);
    } else {
      this.#htmlStart(name, bits, at);
    }
    // Deeper than a browser builds (with an implied `html` and `body` above): the reference caps the tree.
    if (this.names.length >= MAX_TREE_DEPTH - 2) throw new Bail();
  }

  /** An element starts: `at` is its `<`, `openEnd` just past its `>`. */
  open(name: string, bits: number, properties: Properties, at: number, openEnd: number, svg: boolean): void {
    this.flush();
    if (this.names.length === 0) this.rootElement = true;
    if (this.svgDepth > 0) this.svgDepth++;
    else if (svg) this.svgDepth = 1;
    this.collector.open(name, properties, at, false);
    this.names.push(name);
    this.#bits.push(bits);
    this.#openEnds.push(openEnd);
    if (name === 'p') this.#openP++;
    else if (name === 'a') this.#openA++;
    else if (name === 'form' && this.svgDepth === 0) this.#formPointer = true;
    else if (name === 'select' && this.svgDepth === 0) this.#select = this.names.length - 1;
    else if (name === 'noscript' && !this.bodyStarted) this.#headNoscript = true;
    this.#dropNewline = (bits & IS_DROP_FIRST_NEWLINE) !== 0;
  }

  /** The innermost open element ends at `end`. */
  close(end: number): void {
    this.#dropNewline = false;
    this.flush();
    this.collector.close(end);
    const name = this.names.pop()!;
    this.#bits.pop();
    this.#openEnds.pop();
    if (name === 'p') this.#openP--;
    else if (name === 'a') this.#openA--;
    if (this.svgDepth > 0) this.svgDepth--;
    if (name === 'head') this.#head = 'after';
    else if (this.#select === this.names.length) this.#select = -1;
    else if (name === 'noscript') this.#headNoscript = false;
  }

  /**
   * An end tag `</name>` from offset `start` (its `<`) to `end` (past its
   * `>`): close what it closes in the tree, ignore it where the tree builder
   * ignores it, or bail.
   */
  endTag(name: string, bits: number, start: number, end: number): void {
    // `</br>` is a `<br>` to the tree builder; `</img>` and the like are nothing.
    if (bits & IS_VOID) {
      if (name === 'br') throw new Bail();
      return;
    }
    const top = this.top;
    if (this.svgDepth > 0) {
      // The tree builder looks through the SVG elements for the name, then the HTML ones: only the
      // innermost element's end tag, and end tags that close nothing, are mirrored.
      if (top === name) this.close(end);
      else if (this.names.includes(name) || name === 'p' || name === 'body' || name === 'html' || bits & IS_HEADING) throw new Bail();
      return;
    }
    if (this.#select !== -1) {
      this.#selectEnd(name, start, end);
      return;
    }
    if (name === 'body' || name === 'html') {
      this.#bodyEnd(start);
      return;
    }
    this.#afterBody = false;
    // `</head>` ends an implied head too.
    if (name === 'head' && this.#head === 'in implied') this.#head = 'after';
    if (name === 'form') this.#formEnd(start, end);
    // Another heading open below this one would be what `</hN>` closes first.
    else if (top === name && !(bits & IS_HEADING)) this.close(end);
    else if (name === 'p') this.#pEnd(start, end);
    else if (name === 'li' || name === 'dd' || name === 'dt') this.#listItemEnd(name, start, end);
    else if (bits & IS_HEADING) this.#headingEnd(name, start, end);
    else if (bits & IS_TABLE_PART) this.#tableEnd(name, start, end);
    else if (bits & IS_BLOCK_END) this.#blockEnd(name, start, end);
    // Any other end tag closes elements above it unless a special element is in between: not
    // mirrored. One without an open element is dropped, as by the tree builder.
    else if (this.names.includes(name)) throw new Bail();
  }

  /** Text, its character references decoded. */
  text(value: string): void {
    let data = value;
    if (this.#dropNewline) {
      this.#dropNewline = false;
      if (data.startsWith('\n')) data = data.slice(1);
      if (data === '') return;
    }
    const depth = this.names.length;
    const top = depth === 0 ? undefined : this.names[depth - 1];
    if (this.#afterBody && /[^\t\n\f ]/.test(data)) this.#afterBody = false;
    // Only where the tree builder would move text does it matter whether it is blank (most text is not there).
    if (
      (this.#headNoscript && top === 'noscript') ||
      (this.svgDepth === 0 && (top === undefined || top === 'html' || top === 'head' || this.#bits[depth - 1]! & IS_TABLE_PARENT))
    ) {
      if (/[^\t\n\f ]/.test(data)) throw new Bail();
      // Whitespace before `<head>` is dropped by the tree builder.
      if (!this.bodyStarted && this.#head === 'before' && (top === undefined || top === 'html')) return;
    }
    this.#text = this.#text === undefined ? data : this.#text + data;
  }

  /** Whether text in the innermost element is raw (`script`, `style`, `iframe` outside foreign content). */
  get inRawText(): boolean {
    const depth = this.names.length;
    return this.svgDepth === 0 && depth > 0 && (this.#bits[depth - 1]! & IS_RAW_TEXT) !== 0;
  }

  /** The text gathered since the last element (for checks on raw text), if any. */
  get pendingText(): string | undefined {
    return this.#text;
  }

  /** A comment. */
  comment(): void {
    this.flush();
    // After `</body>` it goes on the `html` element, where nothing reads it.
    if (!this.#afterBody) this.collector.other();
  }

  /** Give the collector the text gathered so far. */
  flush(): void {
    if (this.#text === undefined) return;
    this.collector.text(this.#text);
    this.#text = undefined;
  }

  /**
   * The end of the page: the tree builder leaves open elements open. Those
   * that make links would need the end-of-file position; only `html`,
   * `body`, `head` and elements that make no links are closed here.
   */
  finish(end: number): void {
    for (let depth = this.names.length; depth > 0; depth--) {
      const name = this.names[depth - 1]!;
      if (this.#bits[depth - 1]! & (IS_MAKES_LINKS | IS_RAW_TEXT) || this.svgDepth > 0) throw new Bail();
      // `html`, `body` and `head` end with their start tags in the reference tree.
      this.close(name === 'html' || name === 'body' || name === 'head' ? this.#openEnds[depth - 1]! : end);
    }
  }

  /** Start tags in HTML content: the tree builder's "in head", "after head", "in body" and table rules that pages need. */
  #htmlStart(name: string, bits: number, at: number): void {
    if (bits & IS_BAIL) throw new Bail();
    if (this.#headNoscript) {
      if (name !== 'link' && name !== 'meta' && name !== 'style') throw new Bail();
      return;
    }
    const top = this.top;
    if (name === 'html') {
      if (this.#seenHtml || this.names.length > 0 || this.rootElement) throw new Bail();
      this.#seenHtml = true;
      return;
    }
    if (name === 'head') {
      if (this.#head !== 'before' || this.bodyStarted || (top !== undefined && top !== 'html')) throw new Bail();
      this.#head = 'in';
      return;
    }
    if (name === 'body') {
      if (this.bodyStarted) throw new Bail();
      // `<body>` ends a head left open.
      this.#endHead(at);
      if (this.top !== undefined && this.top !== 'html') throw new Bail();
      this.bodyStarted = true;
      return;
    }
    const headContent = (bits & IS_HEAD_CONTENT) !== 0;
    if (this.#head === 'in' || this.#head === 'in implied') {
      if (headContent) {
        if (top !== (this.#head === 'in' ? 'head' : undefined) && !(this.#head === 'in implied' && top === 'html')) throw new Bail();
        return;
      }
      // Anything else ends the head, and an implied body starts.
      this.#endHead(at);
    } else if (headContent && !this.bodyStarted) {
      if (this.#head === 'before') {
        // Before any body content it starts an implied head.
        this.#head = 'in implied';
        return;
      }
      // After `</head>` the tree builder puts head content back into the head, where the collector
      // reads it as it would beside the head; but `noscript` there starts the body.
      if (top !== undefined && top !== 'html') throw new Bail();
      if (name !== 'noscript') return;
    }
    // Body content first implies a head, which it ends at once.
    if (this.#head === 'before') this.#head = 'after';
    this.bodyStarted = true;
    this.#bodyStart(name, bits, at);
  }

  /**
   * Start tags in a `select`: an `option` or `optgroup` closes the open
   * option (and group); `script` opens as anywhere; the tree builder drops
   * other start tags or closes the `select` at them, which is not mirrored.
   */
  #selectStart(name: string, at: number): void {
    if (name === 'script') return;
    if (name !== 'option' && name !== 'optgroup') throw new Bail();
    if (this.top === 'option') this.#closeImplied(at);
    if (name === 'optgroup' && this.top === 'optgroup') this.#closeImplied(at);
  }

  /** End tags in a `select`: those of options and of the `select` close them; the tree builder drops the rest. */
  #selectEnd(name: string, start: number, end: number): void {
    const depth = this.names.length;
    if (name === 'option') {
      if (this.top === 'option') this.close(end);
    } else if (name === 'optgroup') {
      if (this.top === 'option' && this.names[depth - 2] === 'optgroup') this.#closeImplied(start);
      if (this.top === 'optgroup') this.close(end);
    } else if (name === 'select') {
      // Only options and groups open inside it: it is in select scope.
      this.#closeTo(this.#select, start, end);
    } else if (name === 'script' && this.top === 'script') {
      this.close(end);
    }
  }

  /**
   * `</body>` and `</html>`: they end a head left open and start an implied
   * body; then nothing closes, but comments leave the open elements. In a
   * table the tree builder ignores them.
   */
  #bodyEnd(start: number): void {
    if (this.#tableContext() !== -1) return;
    this.#endHead(start);
    this.bodyStarted = true;
    this.#afterBody = true;
  }

  /** A head left open ends where the element after it starts. */
  #endHead(at: number): void {
    if (this.#head === 'in') {
      if (this.top !== 'head') throw new Bail();
      this.#closeImplied(at);
    }
    this.#head = 'after';
  }

  /** Start tags in the body. */
  #bodyStart(name: string, bits: number, at: number): void {
    if (bits & IS_TABLE_PART && name !== 'table') {
      this.#tableStart(name, at);
      return;
    }
    const depth = this.names.length;
    const top = depth === 0 ? undefined : this.names[depth - 1]!;
    // In a table only table structure (and script, style, template) opens: anything else moves out of it.
    if (depth > 0 && this.#bits[depth - 1]! & IS_TABLE_PARENT && !TABLE_CHILDREN.get(top!)!.has(name)) throw new Bail();
    if (bits & IS_LIST_ITEM) this.#closeListItem(name, at);
    if (bits & IS_CLOSES_P && this.#openP > 0) {
      // Whether `<table>` closes a `p` depends on the document's quirks mode.
      if (name === 'table' && this.#inScope('p', IS_SCOPE | IS_BUTTON_SCOPE) !== -1) throw new Bail();
      this.#closeP(at);
    }
    if (bits & IS_HEADING && this.names.length > 0 && this.#bits[this.names.length - 1]! & IS_HEADING) {
      // A heading inside a heading closes the outer one.
      this.#closeImplied(at);
    }
    if (name === 'a' && this.#openA > 0) throw new Bail();
    // A `select` in a table closes at table structure: not mirrored.
    if (name === 'select' && this.#tableContext() !== -1) throw new Bail();
    if (name === 'button' && this.#inScope('button', IS_SCOPE) !== -1) throw new Bail();
    // The tree builder ignores a `<form>` while its form pointer is set.
    if (name === 'form' && this.#formPointer) throw new Bail();
  }

  /**
   * The topmost open element named `name`, when no element with any of
   * `boundaries` bits is open above it; else -1.
   */
  #inScope(name: string, boundaries: number): number {
    for (let index = this.names.length - 1; index >= 0; index--) {
      if (this.names[index] === name) return index;
      if (this.#bits[index]! & boundaries) return -1;
    }
    return -1;
  }

  /**
   * Close the open elements above `index` (they end at `at`, where the
   * token that closes them starts) and the one at `index`, which ends at
   * `ownEnd` (past its own end tag; without one, at `at` too). A formatting element closed this way would be reopened by
   * the tree builder (unless `formattingCleared`, as when a table cell
   * closes): not mirrored.
   */
  #closeTo(index: number, at: number, ownEnd: number | undefined, formattingCleared = false): void {
    for (let depth = this.names.length - 1; depth >= index; depth--) {
      if (!formattingCleared && this.#bits[depth]! & IS_FORMATTING) throw new Bail();
      if (depth === index && ownEnd !== undefined) this.close(ownEnd);
      else this.#closeImplied(at);
    }
  }

  /**
   * The innermost element ends where the token that closes it starts. The
   * reference tree (hast-util-from-parse5) ends such an element where its
   * last child ends, when it has children: not mirrored for the elements
   * that make links, whose positions that would be.
   */
  #closeImplied(at: number): void {
    if (this.#bits[this.names.length - 1]! & IS_MAKES_LINKS) throw new Bail();
    this.close(at);
  }

  /** "Close a p element", when a `p` is in button scope. */
  #closeP(at: number): void {
    const index = this.#inScope('p', IS_SCOPE | IS_BUTTON_SCOPE);
    if (index !== -1) this.#closeTo(index, at, undefined);
  }

  /** `<li>` closes an open `li`, `<dd>` and `<dt>` an open `dd` or `dt`, unless a special element other than `address`, `div` and `p` is in between. */
  #closeListItem(name: string, at: number): void {
    for (let index = this.names.length - 1; index >= 0; index--) {
      const open = this.names[index]!;
      if (name === 'li' ? open === 'li' : open === 'dd' || open === 'dt') {
        this.#closeTo(index, at, undefined);
        return;
      }
      if (this.#bits[index]! & IS_LIST_BOUNDARY) return;
    }
  }

  /** `</p>`: closes the `p` in button scope and what is open in it; without one, the tree builder makes an empty `p` there. */
  #pEnd(start: number, end: number): void {
    const index = this.#inScope('p', IS_SCOPE | IS_BUTTON_SCOPE);
    if (index !== -1) {
      this.#closeTo(index, start, end);
      return;
    }
    // In a table the empty `p` would move out of it; in the head it would end the head.
    const depth = this.names.length;
    if (!this.bodyStarted || (depth > 0 && this.#bits[depth - 1]! & IS_TABLE_PARENT) || depth >= MAX_TREE_DEPTH - 2) throw new Bail();
    this.open('p', tagBits('p'), NO_PROPERTIES, start, start, false);
    this.close(start);
  }

  /** `</li>` (in list item scope), `</dd>`, `</dt>` (in scope). */
  #listItemEnd(name: string, start: number, end: number): void {
    const index = this.#inScope(name, name === 'li' ? IS_SCOPE | IS_LIST_SCOPE : IS_SCOPE);
    if (index !== -1) this.#closeTo(index, start, end);
  }

  /** `</hN>` closes the innermost heading in scope, of any level. */
  #headingEnd(name: string, start: number, end: number): void {
    for (let index = this.names.length - 1; index >= 0; index--) {
      const bits = this.#bits[index]!;
      if (bits & IS_HEADING) {
        this.#closeTo(index, start, this.names[index] === name ? end : undefined);
        return;
      }
      if (bits & IS_SCOPE) return;
    }
  }

  /** End tags such as `</div>` and `</ul>`: close the element in scope and what is open in it. */
  #blockEnd(name: string, start: number, end: number): void {
    const index = this.#inScope(name, IS_SCOPE);
    if (index !== -1) this.#closeTo(index, start, end);
  }

  /** `</form>` clears the form pointer, and closes the form when it is the innermost element once `p`, `li` and the like are closed. */
  #formEnd(start: number, end: number): void {
    const pointer = this.#formPointer;
    this.#formPointer = false;
    const index = this.#inScope('form', IS_SCOPE);
    if (index === -1) return;
    // Without its pointer the tree builder ignores `</form>`, and the form stays open.
    if (!pointer) throw new Bail();
    // The tree builder takes the form out of the stack, leaving open what is above it: not mirrored.
    for (let depth = this.names.length - 1; depth > index; depth--) if (!(this.#bits[depth]! & IS_IMPLIED_END)) throw new Bail();
    this.#closeTo(index, start, end);
  }

  /** The innermost open table element (`table`, a row group, `tr`, a cell), or -1: it sets the tree builder's insertion mode. */
  #tableContext(): number {
    for (let index = this.names.length - 1; index >= 0; index--) if (this.#bits[index]! & IS_TABLE_PART) return index;
    return -1;
  }

  /** Close the open cell at `cell` and everything open in it (formatting elements in it are forgotten, not reopened). */
  #closeCell(cell: number, at: number, ownEnd?: number): void {
    this.#closeTo(cell, at, ownEnd, true);
  }

  /** `<tbody>`, `<thead>`, `<tfoot>`, `<tr>`, `<td>`, `<th>`, by the insertion mode the innermost table element sets. */
  #tableStart(name: string, at: number): void {
    for (;;) {
      const context = this.#tableContext();
      // Outside a table these start tags are ignored: not mirrored.
      if (context === -1) throw new Bail();
      const open = this.names[context]!;
      if (open === 'td' || open === 'th') {
        // In a cell, table structure closes the cell first.
        this.#closeCell(context, at);
        continue;
      }
      // Above a table element only raw text elements open, and they close with their end tags.
      if (context !== this.names.length - 1) throw new Bail();
      if (open === 'tr') {
        if (name === 'td' || name === 'th') return;
        // `<tr>` or a row group ends the row.
        this.#closeImplied(at);
        continue;
      }
      if (open === 'table') {
        if (name === 'tr') {
          // A row directly in a table gets an implied `tbody`, with no attributes and no position of its own.
          this.open('tbody', tagBits('tbody'), NO_PROPERTIES, at, at, false);
          return;
        }
        if (name === 'td' || name === 'th') throw new Bail();
        return;
      }
      // In a row group.
      if (name === 'tr') return;
      if (name === 'td' || name === 'th') throw new Bail();
      this.#closeImplied(at);
    }
  }

  /** `</table>`, `</tbody>` and the like, `</tr>`, `</td>`, `</th>`, by the insertion mode the innermost table element sets. */
  #tableEnd(name: string, start: number, end: number): void {
    for (;;) {
      const context = this.#tableContext();
      if (context === -1) {
        // Outside a table these end tags are ignored.
        if (this.names.includes(name)) throw new Bail();
        return;
      }
      // An end tag of an element not open in this table (up to its `table`) is ignored.
      let target = -1;
      for (let index = context; index >= 0; index--) {
        if (this.names[index] === name) {
          target = index;
          break;
        }
        if (this.names[index] === 'table') break;
      }
      if (target === -1) return;
      const open = this.names[context]!;
      if (open === 'td' || open === 'th') {
        this.#closeCell(context, start, target === context ? end : undefined);
        if (target === context) return;
        continue;
      }
      if (context !== this.names.length - 1) throw new Bail();
      if (target === context) {
        this.close(end);
        return;
      }
      this.#closeImplied(start);
    }
  }
}

