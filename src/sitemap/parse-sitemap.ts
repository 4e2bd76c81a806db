/**
 * A careful reader of XML sitemaps (sitemaps.org protocol 0.9): the root
 * element (`urlset` or `sitemapindex`, with or without a namespace prefix)
 * and its `<loc>` values with their positions. Extension elements such as
 * `<image:loc>` are left out; comments, CDATA sections and the five XML
 * entities and character references are handled. Pure.
 */

/** One `<loc>` of a sitemap, with where it starts (1-based). */
export interface SitemapEntry {
  /** The URL, entities decoded, whitespace trimmed. */
  loc: string;
  line: number;
  column: number;
}

/** What a sitemap file holds. */
export type ParsedSitemap =
  | { kind: 'urlset'; entries: SitemapEntry[] }
  | { kind: 'index'; entries: SitemapEntry[] }
  | { kind: 'invalid'; reason: string };

/**
 * Whether an output file is a sitemap linkgraph reads: `sitemap.xml`,
 * `sitemap-index.xml`, `sitemap-0.xml`, `sitemap_index.xml` at the top of
 * the output.
 */
export function isSitemapFile(file: string): boolean {
  return /^sitemap[\w.-]*\.xml$/i.test(file);
}

/** Parse the text of a sitemap or sitemap index. */
export function parseSitemap(xml: string): ParsedSitemap {
  // Blank out comments, keeping newlines, so that positions stay true and a commented-out <loc> is not read.
  const text = xml.replace(/^\uFEFF/, '').replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const root = /<(?!\?|!)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(text);
  if (!root) return { kind: 'invalid', reason: 'no root element' };
  const prefix = root[1] ?? '';
  const name = root[2]!;
  if (name !== 'urlset' && name !== 'sitemapindex') {
    return { kind: 'invalid', reason: `the root element is \`<${prefix}${name}>\`; expected \`<urlset>\` or \`<sitemapindex>\`` };
  }
  if (!new RegExp(`</${escape(prefix + name)}\\s*>`).test(text)) {
    return { kind: 'invalid', reason: `no closing \`</${prefix}${name}>\` (a truncated file?)` };
  }
  const entries: SitemapEntry[] = [];
  const loc = new RegExp(`<${escape(prefix)}loc(?:\\s[^>]*)?>([\\s\\S]*?)</${escape(prefix)}loc\\s*>`, 'g');
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const match of text.matchAll(loc)) {
    for (let i = scanned; i < match.index; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = match.index;
    const value = decodeText(match[1]!).trim();
    entries.push({ loc: value, line, column: match.index - lineStart + 1 });
  }
  return { kind: name === 'urlset' ? 'urlset' : 'index', entries };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text content: CDATA sections kept verbatim, entities and character references decoded elsewhere. */
function decodeText(value: string): string {
  return value
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith('<![CDATA[')
        ? part.slice(9, -3)
        : part.replace(/&(?:#(\d+)|#x([\da-f]+)|(\w+));/gi, (whole, decimal?: string, hex?: string, named?: string) => {
            if (decimal !== undefined) return safeCodePoint(Number.parseInt(decimal, 10), whole);
            if (hex !== undefined) return safeCodePoint(Number.parseInt(hex, 16), whole);
            return ENTITIES[named!] ?? whole;
          }),
    )
    .join('');
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
