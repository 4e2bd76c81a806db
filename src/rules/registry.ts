import type { AnyRule } from './create-rule.js';
import { brokenFragment } from './broken-fragment.js';
import { brokenInternalLink } from './broken-internal-link.js';
import { clickDepth } from './click-depth.js';
import { contentOrphan } from './content-orphan.js';
import { deadEndPage } from './dead-end-page.js';
import { nofollowInternal } from './nofollow-internal.js';
import { orphanPage } from './orphan-page.js';
import { singleInlink } from './single-inlink.js';
import { sitemapMismatch } from './sitemap-mismatch.js';
import { unreachablePage } from './unreachable-page.js';

/**
 * Every rule, by id. A meta-test keeps this list, the files in
 * `src/rules/` and the README's rule sections in step.
 */
export const rules = {
  'broken-internal-link': brokenInternalLink,
  'broken-fragment': brokenFragment,
  'orphan-page': orphanPage,
  'unreachable-page': unreachablePage,
  'content-orphan': contentOrphan,
  'click-depth': clickDepth,
  'single-inlink': singleInlink,
  'dead-end-page': deadEndPage,
  'nofollow-internal': nofollowInternal,
  'sitemap-mismatch': sitemapMismatch,
} as const satisfies Record<string, AnyRule>;

/** A rule id. */
export type RuleId = keyof typeof rules;

/** Every rule id, in registry order. */
export const ruleIds = Object.keys(rules) as RuleId[];
