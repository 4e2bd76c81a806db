/**
 * linkgraph on Node.js (`linkgraph/node`): check a built site on disk,
 * read and write baseline files, and check outbound links over HTTP.
 * Everything else is in `linkgraph`.
 */
export { DEFAULT_BASELINE_FILE, readBaseline, writeBaseline } from './baseline-file.js';
export { checkDirectory, type CheckDirectoryHost } from './check-directory.js';
export { createExternalChecker } from '../external/create-checker.js';
export type { ExternalHost, ExternalOptions, LookupFunction } from '../external/external-host.js';
export { SiteDirectoryError } from './list-site.js';
