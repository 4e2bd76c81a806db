/**
 * The text of an external HTML page from its bytes, in the encoding a
 * browser would pick (the HTML standard's encoding sniffing, without its
 * guesswork): ids on a UTF-16 or windows-1252 page read as UTF-8 would be
 * garbled, and every fragment on it reported missing.
 */

/** Bytes the HTML standard prescans for a `<meta charset>`. */
const PRESCAN_BYTES = 1024;
const META = /<meta(?=[\s/])[^>]*>/gi;
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const CHARSET = /charset\s*=\s*["']?([^\s"';]+)/i;

/**
 * Decode an HTML page: by its byte order mark, else the `charset` of its
 * `Content-Type`, else a `<meta charset>` (or `http-equiv` equivalent) in
 * its first 1024 bytes, else as UTF-8. Labels are the WHATWG Encoding
 * Standard's, as `TextDecoder` knows them; an unknown one is passed over.
 *
 * @param contentType the response's `Content-Type`, if any.
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | undefined): string {
  const encoding = byteOrderMark(bytes) ?? known(contentType === undefined ? undefined : CHARSET.exec(contentType)?.[1]) ?? metaCharset(bytes) ?? 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

/** The encoding a byte order mark names. */
function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** The encoding a label names, when `TextDecoder` knows it. */
function known(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/** The encoding a `<meta>` declares early in the page. */
function metaCharset(bytes: Uint8Array): string | undefined {
  // Every encoding a page may declare in itself is ASCII-compatible, so the markup reads the same in latin1.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1').replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.matchAll(META)) {
    const attributes = new Map<string, string>();
    for (const attribute of tag[0].slice(5).matchAll(ATTRIBUTE)) {
      const name = attribute[1]!.toLowerCase();
      if (!attributes.has(name)) attributes.set(name, attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    const label = attributes.get('charset') ?? (attributes.get('http-equiv')?.toLowerCase() === 'content-type' ? CHARSET.exec(attributes.get('content') ?? '')?.[1] : undefined);
    const encoding = known(label);
    if (encoding === undefined) continue;
    // A page cannot declare itself UTF-16 from inside: its markup would not be readable as ASCII.
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  }
  return undefined;
}
