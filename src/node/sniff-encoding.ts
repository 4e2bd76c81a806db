/**
 * A page file's character encoding, found as the HTML Standard finds it for
 * a document without a transport layer (a file on disk has no
 * `Content-Type`): byte order mark, then the `<meta>` prescan, then UTF-8.
 * Labels resolve through `TextDecoder`, which implements the WHATWG
 * Encoding Standard's label table. No I/O.
 */

/** How many bytes the prescan reads, as the HTML Standard encourages. */
export const PRESCAN_BYTES = 1024;

/** A page's encoding (a WHATWG Encoding Standard name, as `TextDecoder.encoding` spells it) and what said so. */
export interface SniffedEncoding {
  encoding: string;
  /** `bom`: a byte order mark; `declared`: a `<meta>` or an XML declaration; `default`: neither, so UTF-8. */
  source: 'bom' | 'declared' | 'default';
}

/**
 * The encoding of a page's bytes: its byte order mark (UTF-8, UTF-16LE,
 * UTF-16BE), else what {@link prescanEncoding} finds in its first
 * {@link PRESCAN_BYTES} bytes, else UTF-8 (the HTML Standard leaves the
 * default to the user agent; a site built today is UTF-8).
 */
export function sniffEncoding(bytes: Uint8Array): SniffedEncoding {
  const bom = bomEncoding(bytes);
  if (bom !== undefined) return { encoding: bom, source: 'bom' };
  const declared = prescanEncoding(bytes.subarray(0, PRESCAN_BYTES));
  return declared === undefined ? { encoding: 'utf-8', source: 'default' } : { encoding: declared, source: 'declared' };
}

/** The encoding a byte order mark at the start of `bytes` names, if there is one. */
function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * The encoding named by `label`, as the Encoding Standard's "get an
 * encoding" resolves it (ASCII whitespace trimmed, case ignored, `sjis`
 * and `x-sjis` are `shift_jis`, `latin1` is `windows-1252`), or
 * `undefined` for a label it does not know. The `replacement` encoding's
 * labels (`iso-2022-kr`, `hz-gb-2312`) count as unknown: `TextDecoder`
 * refuses them, and reading the page as one U+FFFD would check nothing.
 */
function encodingOfLabel(label: string): string | undefined {
  let encoding = labels.get(label);
  if (encoding === undefined && !labels.has(label)) {
    try {
      // Labels are ASCII; Node would lower a Kelvin sign to `k` (`\u212Aoi8-r` as `koi8-r`), the standard does not.
      encoding = NON_ASCII.test(label) ? undefined : new TextDecoder(label).encoding;
    } catch {
      encoding = undefined;
    }
    // Pages repeat a handful of labels; a hostile site's endless new ones are not kept.
    if (labels.size < 256) labels.set(label, encoding);
  }
  return encoding;
}

const labels = new Map<string, string | undefined>([['utf-8', 'utf-8']]);
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The encoding that `bytes` (the start of a page) declare, found by the
 * HTML Standard's "prescan a byte stream to determine its encoding"
 * (§ 13.2.3.2 Determining the character encoding,
 * https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding),
 * step by step: a UTF-16 `<?x` first, then each `<meta charset>` or
 * `<meta http-equiv="content-type" content="…charset=…">` outside comments
 * and other tags' attribute values, and when there is none, the XML
 * declaration's `encoding`. Running out of bytes anywhere ends the scan,
 * so a `<meta>` must close within `bytes`. A declared UTF-16 is UTF-8
 * (bytes that can be read for `<meta` are not UTF-16), and
 * `x-user-defined` is `windows-1252`, as the standard says.
 */
export function prescanEncoding(bytes: Uint8Array): string | undefined {
  return prescan(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))?.encoding;
}

/**
 * What {@link prescanEncoding} finds in the first {@link PRESCAN_BYTES}
 * bytes of a page, from its text as UTF-8 gave it (valid UTF-8, so those
 * bytes are exactly the text's), without making the bytes again. The
 * prescan reads the text's code units as it would read bytes: only ASCII
 * bytes steer it, and a character beyond ASCII, like each of its bytes,
 * only joins a name or value that then matches nothing (labels are ASCII).
 */
export function prescanUtf8Text(text: string): string | undefined {
  // A code unit is one to three bytes: this many hold the bytes to scan, and maybe more. A scan of more
  // bytes reads the same until the fewer run out, so it finds nothing when they do, and what they do
  // unless it ends past them.
  const head = text.length > PRESCAN_BYTES ? text.slice(0, PRESCAN_BYTES) : text;
  // Only a `charset` or a declaration at the very start can declare anything; most pages' starts are
  // found to hold neither far faster than they are scanned.
  if (!CHARSET.test(head) && !head.startsWith('<?xml') && !head.startsWith('<\0') && !head.startsWith('\0<')) return undefined;
  const found = prescan(head);
  if (found === undefined) return undefined;
  if (found.end * 3 > PRESCAN_BYTES && Buffer.byteLength(text.slice(0, found.end)) > PRESCAN_BYTES) {
    return prescanEncoding(Buffer.from(text.slice(0, PRESCAN_BYTES)).subarray(0, PRESCAN_BYTES));
  }
  return found.encoding;
}

const CHARSET = /charset/i;

/** A declared encoding, and the index just past the declaration that gave it. */
interface Found {
  encoding: string;
  end: number;
}

/** The prescan over `source`, whose code units stand for the bytes. */
function prescan(source: string): Found | undefined {
  return new Prescan(source).run() ?? xmlEncoding(source);
}

/** ASCII whitespace as the prescan counts it (HT, LF, FF, CR, space). */
const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0c || byte === 0x0d;
const isLetter = (byte: number): boolean => (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a;
/** A name or value as the prescan makes it: ASCII capitals lowered, every other byte as itself. */
const lowered = (text: string): string => (ASCII_CAPITAL.test(text) ? text.replace(ASCII_CAPITALS, (capital) => String.fromCharCode(capital.charCodeAt(0) + 0x20)) : text);
const ASCII_CAPITAL = /[A-Z]/;
const ASCII_CAPITALS = /[A-Z]/g;
/** What {@link Prescan.code} reads past the end: the scan has run out of bytes. */
const END = -1;

/**
 * One run of the prescan over `bytes` (code units standing for bytes).
 * Running out of bytes anywhere ends it. Bytes that steer it are found
 * with `indexOf` where the standard skips to one, as a run reads every
 * page's start.
 */
class Prescan {
  private position = 0;
  private readonly bytes: string;
  /** The last attribute read by {@link attribute}, when asked to keep it. */
  private name = '';
  private value = '';

  constructor(bytes: string) {
    this.bytes = bytes;
  }

  /** The byte at the position, {@link END} past the last. */
  private code(offset = 0): number {
    const index = this.position + offset;
    return index < this.bytes.length ? this.bytes.charCodeAt(index) : END;
  }

  /** Move to the next byte, and read it. */
  private advance(): number {
    this.position++;
    return this.code();
  }

  /** Move just past the next `text` from `from` on; `false` when there is none. */
  private passNext(text: string, from: number): boolean {
    const found = this.bytes.indexOf(text, from);
    this.position = found === -1 ? this.bytes.length : found + text.length;
    return found !== -1;
  }

  run(): Found | undefined {
    const bytes = this.bytes;
    if (bytes.startsWith('<\0?\0x\0')) return { encoding: 'utf-16le', end: 6 };
    if (bytes.startsWith('\0<\0?\0x')) return { encoding: 'utf-16be', end: 6 };
    for (;;) {
      const open = bytes.indexOf('<', this.position);
      if (open === -1) return undefined;
      this.position = open;
      const next = this.code(1);
      if (next === 0x21 && this.code(2) === 0x2d && this.code(3) === 0x2d) {
        // `<!--`: past the first `-->`, whose `--` may be that of `<!--` itself.
        if (!this.passNext('-->', open + 2)) return undefined;
      } else if ((next | 0x20) === 0x6d && (this.code(2) | 0x20) === 0x65 && (this.code(3) | 0x20) === 0x74 && (this.code(4) | 0x20) === 0x61 && (isSpace(this.code(5)) || this.code(5) === 0x2f)) {
        this.position += 6;
        const encoding = this.meta();
        if (this.position >= bytes.length) return undefined;
        this.position++;
        if (encoding !== undefined) return { encoding, end: this.position };
      } else if (isLetter(next) || (next === 0x2f && isLetter(this.code(2)))) {
        // Another tag: its name, then its attributes, whose values may hold a `<meta` that is none.
        let code = this.advance();
        while (code !== END && !isSpace(code) && code !== 0x3e) code = this.advance();
        while (this.attribute(false));
        if (this.position >= bytes.length) return undefined;
        this.position++;
      } else if (next === 0x21 || next === 0x2f || next === 0x3f) {
        if (!this.passNext('>', open + 1)) return undefined;
      } else {
        this.position++;
      }
    }
  }

  /** The attributes of a `<meta>`, from just after `<meta `, to its `>`: the encoding they declare, if any. */
  private meta(): string | undefined {
    const seen = new Set<string>();
    let gotPragma = false;
    let needPragma: boolean | undefined;
    // `null` is a `charset` the standard calls failure (a label it does not know): no `content` replaces it.
    let charset: string | null | undefined;
    while (this.attribute(true)) {
      const { name, value } = this;
      if (seen.has(name)) continue;
      seen.add(name);
      if (name === 'http-equiv') {
        if (value === 'content-type') gotPragma = true;
      } else if (name === 'content') {
        const found = charsetOfContent(value);
        if (found !== undefined && charset === undefined) {
          charset = found;
          needPragma = true;
        }
      } else if (name === 'charset') {
        charset = encodingOfLabel(value) ?? null;
        needPragma = false;
      }
    }
    if (needPragma === undefined || (needPragma && !gotPragma) || charset == null) return undefined;
    if (charset === 'utf-16le' || charset === 'utf-16be') return 'utf-8';
    return charset === 'x-user-defined' ? 'windows-1252' : charset;
  }

  /**
   * The standard's "get an attribute": reads the next attribute, leaving
   * the position after it, and with `keep` sets {@link name} and
   * {@link value} (lowered). `false` at the tag's `>`, or when the bytes
   * end (the position is then past them).
   */
  private attribute(keep: boolean): boolean {
    let code = this.code();
    while (isSpace(code) || code === 0x2f) code = this.advance();
    if (code === 0x3e || code === END) return false;
    // The name: up to whitespace, `/`, `>`, or `=` unless it is the first byte.
    const nameStart = this.position;
    while (code !== END && !isSpace(code) && code !== 0x2f && code !== 0x3e && (code !== 0x3d || this.position === nameStart)) code = this.advance();
    if (code === END) return false;
    if (keep) {
      this.name = lowered(this.bytes.slice(nameStart, this.position));
      this.value = '';
    }
    while (isSpace(code)) code = this.advance();
    if (code !== 0x3d) return code !== END;
    code = this.advance();
    while (isSpace(code)) code = this.advance();
    if (code === 0x3e) return true;
    if (code === END) return false;
    if (code === 0x22 || code === 0x27) {
      const valueStart = this.position + 1;
      if (!this.passNext(code === 0x22 ? '"' : "'", valueStart)) return false;
      if (keep) this.value = lowered(this.bytes.slice(valueStart, this.position - 1));
      return true;
    }
    const valueStart = this.position;
    while (code !== END && !isSpace(code) && code !== 0x3e) code = this.advance();
    if (code === END) return false;
    if (keep) this.value = lowered(this.bytes.slice(valueStart, this.position));
    return true;
  }
}

/**
 * The standard's "extracting a character encoding from a meta element",
 * on a `content` value (already lowered): the encoding after the first
 * `charset=`, quoted or up to whitespace or `;`.
 */
function charsetOfContent(content: string): string | undefined {
  let position = 0;
  for (;;) {
    const found = content.indexOf('charset', position);
    if (found === -1) return undefined;
    position = found + 7;
    while (isSpace(content.charCodeAt(position))) position++;
    if (content[position] === '=') break;
  }
  position++;
  while (isSpace(content.charCodeAt(position))) position++;
  const quote = content[position];
  if (quote === undefined) return undefined;
  if (quote === '"' || quote === "'") {
    const end = content.indexOf(quote, position + 1);
    return end === -1 ? undefined : encodingOfLabel(content.slice(position + 1, end));
  }
  let end = position;
  while (end < content.length && !isSpace(content.charCodeAt(end)) && content[end] !== ';') end++;
  return encodingOfLabel(content.slice(position, end));
}

/**
 * The standard's "get an XML encoding": the `encoding` of an XML
 * declaration (`<?xml version="1.0" encoding="Shift_JIS"?>`) at the very
 * start, quoted, within the declaration.
 */
function xmlEncoding(source: string): Found | undefined {
  if (!source.startsWith('<?xml')) return undefined;
  const close = source.indexOf('>');
  if (close === -1) return undefined;
  const declaration = source.slice(0, close);
  let position = declaration.indexOf('encoding');
  if (position === -1) return undefined;
  position += 8;
  while (declaration.charCodeAt(position) <= 0x20) position++;
  if (declaration[position] !== '=') return undefined;
  position++;
  while (declaration.charCodeAt(position) <= 0x20) position++;
  const quote = declaration[position];
  if (quote !== '"' && quote !== "'") return undefined;
  const end = declaration.indexOf(quote, position + 1);
  if (end === -1) return undefined;
  const label = declaration.slice(position + 1, end);
  if (CONTROL_OR_SPACE.test(label)) return undefined;
  const encoding = encodingOfLabel(label);
  if (encoding === undefined) return undefined;
  return { encoding: encoding === 'utf-16le' || encoding === 'utf-16be' ? 'utf-8' : encoding, end: close + 1 };
}

const CONTROL_OR_SPACE = /[\x00-\x20]/;
