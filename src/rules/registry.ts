import type { AnyRule } from './create-rule.js';
import { brokenFragment } from './broken-fragment.js';
import { brokenInternalLink } from './broken-internal-link.js';
import { brokenExternalFragment } from './broken-external-fragment.js';
import { brokenExternalLink } from './broken-external-link.js';
import { linkToRedirect } from './link-to-redirect.js';
import { unverifiableExternalLink } from './unverifiable-external-link.js';

/**
 * Every rule, by id. A meta-test keeps this list, the files in
 * `src/rules/` and the README's rule sections in step.
 */
export const rules = {
  'broken-internal-link': brokenInternalLink,
  'broken-fragment': brokenFragment,
  'broken-external-link': brokenExternalLink,
  'unverifiable-external-link': unverifiableExternalLink,
  'broken-external-fragment': brokenExternalFragment,
  'link-to-redirect': linkToRedirect,
} as const satisfies Record<string, AnyRule>;

/** A rule id. */
export type RuleId = keyof typeof rules;

/** Every rule id, in registry order. */
export const ruleIds = Object.keys(rules) as RuleId[];
