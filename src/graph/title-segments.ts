/**
 * A separator between the parts of a page title: `Widgets | Acme`,
 * `Widgets - Acme`, `Widgets – Acme`, `Docs » Widgets` (a separator
 * character with whitespace on both sides, so `Wi-Fi` is one part).
 */
export const TITLE_SEPARATOR = /\s+[|\u2013\u2014\-:·•»]\s+/;

/** A title segment as segments are compared: lower case, whitespace collapsed, trimmed. */
export function segmentKey(segment: string): string {
  return segment.replace(/\s+/g, ' ').trim().toLowerCase();
}

const memos = new WeakMap<readonly { readonly title?: string | undefined }[], ReadonlySet<string>>();

/**
 * The site name in the site's titles: the segments (as {@link segmentKey}
 * gives them) shared by at least half of the titles that have two or more
 * segments, and by at least 2 of them. Once per list of pages (a graph's
 * `pages`). Orphan suggestions and the topic phrases of anchor rules both
 * leave these out.
 */
export function sharedTitleSegments(pages: readonly { readonly title?: string | undefined }[]): ReadonlySet<string> {
  let shared = memos.get(pages);
  if (shared) return shared;
  const counts = new Map<string, number>();
  let split = 0;
  for (const page of pages) {
    const segments = new Set((page.title ?? '').split(TITLE_SEPARATOR).map(segmentKey).filter(Boolean));
    if (segments.size < 2) continue;
    split++;
    for (const segment of segments) counts.set(segment, (counts.get(segment) ?? 0) + 1);
  }
  shared = new Set([...counts].filter(([, count]) => count >= 2 && count >= split / 2).map(([segment]) => segment));
  memos.set(pages, shared);
  return shared;
}
