import { createRule } from './create-rule.js';

/**
 * A page file the host could not read or parse: none of its links were
 * checked, so a run that skipped it must not pass as clean.
 */
export const unreadablePage = createRule({
  meta: {
    id: 'unreadable-page',
    description: 'Page file that could not be read or parsed, so none of its links were checked.',
    defaultLevel: 'error',
    scope: 'page',
    rationale: 'A page that was not checked may hold any number of broken links; a run that skipped it would pass while having checked nothing there.',
  },
  check({ unreadable = [], report }) {
    for (const page of unreadable) {
      report({ at: { file: page.file, url: page.url }, message: `\`${page.file}\` ${page.reason}; none of its links were checked` });
    }
  },
});
