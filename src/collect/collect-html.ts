import type { PageRecord } from '../types.js';
import { collectPage } from './collect-page.js';
import type { CollectOptions } from './page-collector.js';
import { parseTree } from './parse-tree.js';
import { collectFast } from './token-driver.js';

/**
 * Collect the page record of one built HTML page.
 *
 * Most built pages need few of the HTML tree builder's repairs: end tags
 * left out where the standard allows (`li`, `p`, `td`, `head`), an implied
 * `tbody`, head content after `</head>`. For those, the token driver
 * ({@link collectFast}) reads htmlparser2's tokens and feeds them to the
 * page collector without building a tree, mirroring those repairs
 * (`open-elements.ts`). Anything else the tree
 * builder would repair or reinterpret, any page with a content selector
 * (which matches on a tree), and any page nested deeper than browsers
 * build a tree, goes through the reference tree ({@link parseTree}: parse5,
 * as `hast-util-from-html` runs it) and {@link collectPage}: the record is
 * the same either way (tests compare the two on fixtures, on mutated pages
 * and on every page of the real-site corpus).
 *
 * @param html the page's markup.
 * @param options the page's file and URL, and collection options.
 * @returns the page record.
 */
export function collectHtml(html: string, options: CollectOptions): PageRecord {
  return collectFast(html, options) ?? collectPage(parseTree(html), options);
}
