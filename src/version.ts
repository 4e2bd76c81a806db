/** linkgraph's version; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';

/** The project's home: the repository, whose `docs/` hold the reference pages. */
export const HOMEPAGE = 'https://github.com/linkgraph/linkgraph';

/** A rule's documentation page: `docs/rules/<id>.md` in the repository. */
export function ruleDocsUrl(ruleId: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${ruleId}.md`;
}
