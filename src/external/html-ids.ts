/**
 * Fragment targets of an external HTML page, read from its markup without
 * building a tree: external pages can be large and only ids matter.
 */

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/g;
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/**
 * Prefix GitHub puts on ids in rendered Markdown; its script scrolls `#x`
 * to `#user-content-x`, so both forms are targets.
 */
const GITHUB_PREFIX = 'user-content-';

/**
 * Every `id` and `a[name]` of an HTML document (comments, scripts and
 * styles skipped).
 */
export function collectIds(html: string): Set<string> {
  const ids = new Set<string>();
  const text = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  for (const tag of text.matchAll(TAG)) {
    const attributes = tag[2];
    if (attributes === undefined) continue;
    const isAnchor = tag[1]!.toLowerCase() === 'a';
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const name = attribute[1]!.toLowerCase();
      if (name !== 'id' && !(isAnchor && name === 'name')) continue;
      const value = decode(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
      if (value === '') continue;
      ids.add(value);
      if (value.startsWith(GITHUB_PREFIX)) ids.add(value.slice(GITHUB_PREFIX.length));
    }
  }
  return ids;
}

/** Named and numeric character references, enough for ids. */
function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}
