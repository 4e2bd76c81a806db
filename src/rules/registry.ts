import type { AnyRule } from './create-rule.js';
import { brokenFragment } from './broken-fragment.js';
import { brokenInternalLink } from './broken-internal-link.js';
import { overusedAnchor } from './overused-anchor.js';
import { anchorCollision } from './anchor-collision.js';
import { genericAnchor } from './generic-anchor.js';
import { emptyAnchor } from './empty-anchor.js';
import { nonCrawlableLink } from './non-crawlable-link.js';
import { trailingSlash } from './trailing-slash.js';
import { linkToNonCanonical } from './link-to-non-canonical.js';
import { inconsistentLocale } from './inconsistent-locale.js';
import { insecureLink } from './insecure-link.js';
import { localhostLink } from './localhost-link.js';
import { tooManyLinks } from './too-many-links.js';
import { brokenExternalFragment } from './broken-external-fragment.js';
import { brokenExternalLink } from './broken-external-link.js';
import { linkToRedirect } from './link-to-redirect.js';
import { unverifiableExternalLink } from './unverifiable-external-link.js';
import { clickDepth } from './click-depth.js';
import { contentOrphan } from './content-orphan.js';
import { deadEndPage } from './dead-end-page.js';
import { nofollowInternal } from './nofollow-internal.js';
import { orphanPage } from './orphan-page.js';
import { singleInlink } from './single-inlink.js';
import { sitemapMismatch } from './sitemap-mismatch.js';
import { unreachablePage } from './unreachable-page.js';
import { unreadablePage } from './unreadable-page.js';
import { invalidSuppression } from './invalid-suppression.js';

/**
 * Every rule, by id. A meta-test keeps this list, the files in
 * `src/rules/` and the README's rule sections in step.
 */
export const rules = {
  'broken-internal-link': brokenInternalLink,
  'broken-fragment': brokenFragment,
  'broken-external-link': brokenExternalLink,
  'broken-external-fragment': brokenExternalFragment,
  'unverifiable-external-link': unverifiableExternalLink,
  'link-to-redirect': linkToRedirect,
  'orphan-page': orphanPage,
  'unreachable-page': unreachablePage,
  'content-orphan': contentOrphan,
  'click-depth': clickDepth,
  'single-inlink': singleInlink,
  'dead-end-page': deadEndPage,
  'nofollow-internal': nofollowInternal,
  'overused-anchor': overusedAnchor,
  'anchor-collision': anchorCollision,
  'generic-anchor': genericAnchor,
  'empty-anchor': emptyAnchor,
  'non-crawlable-link': nonCrawlableLink,
  'trailing-slash': trailingSlash,
  'link-to-non-canonical': linkToNonCanonical,
  'insecure-link': insecureLink,
  'localhost-link': localhostLink,
  'too-many-links': tooManyLinks,
  'sitemap-mismatch': sitemapMismatch,
  'inconsistent-locale': inconsistentLocale,
  'unreadable-page': unreadablePage,
  'invalid-suppression': invalidSuppression,
} as const satisfies Record<string, AnyRule>;

/** A rule id. */
export type RuleId = keyof typeof rules;

/** Every rule id, in registry order. */
export const ruleIds = Object.keys(rules) as RuleId[];
