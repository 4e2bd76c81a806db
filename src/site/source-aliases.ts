/** A page built from a source file: both relative to the site root, `/` separators. */
export interface SourcePage {
  /** The source file (`docs/guide.md`). */
  source: string;
  /** The page's output file (`docs/guide.html`). */
  file: string;
}

/** Names GitHub renders as a folder's page, as remark-validate-links lists them. */
const README = /^readme\.(?:md|markdown|mdown|mkdn)$/i;

/**
 * Other names of pages built from source files, for the site model's
 * `aliases`: a link to `guide.md` reaches the page `guide.md` becomes, and a
 * link to a folder (`docs/`) reaches its `README.md` when it has no index
 * page, as on GitHub and in remark-validate-links.
 *
 * @param pages the pages of the run that come from source files.
 * @param pageFiles every page's output file, so that a real index page wins over a README.
 * @returns alias -> output file.
 */
export function sourceAliases(pages: readonly SourcePage[], pageFiles: ReadonlySet<string>): Map<string, string> {
  const aliases = new Map<string, string>();
  // Sorted, so that of `readme.md` and `README.markdown` in one folder the same one wins every run.
  const sorted = [...pages].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  for (const { source, file } of sorted) {
    if (source !== file) aliases.set(source.normalize('NFC'), file);
    const slash = source.lastIndexOf('/') + 1;
    if (!README.test(source.slice(slash))) continue;
    const index = `${source.slice(0, slash)}index.html`;
    if (!pageFiles.has(index) && !aliases.has(index)) aliases.set(index, file);
  }
  return aliases;
}
