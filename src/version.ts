/** linkgraph's version; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';

/** Where each rule's documentation lives: the README section of the same id. */
export const DOCS_URL = 'https://github.com/linkgraph/linkgraph#';
