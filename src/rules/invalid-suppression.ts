import { createRule } from './create-rule.js';
import { closestMatch } from './util/closest-match.js';

/**
 * A page's suppression that names no rule: `data-linkgraph-ignore` on a link
 * or around it, the page-wide `linkgraph-ignore`, or a suppression comment in
 * the page's source (`<!-- linkgraph-disable … -->`). A mistyped id
 * suppresses nothing, and nothing else says so.
 */
export const invalidSuppression = createRule({
  meta: {
    id: 'invalid-suppression',
    description: 'Suppression in a page (`data-linkgraph-ignore`, `<meta name="linkgraph-ignore">`) that names no rule.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'A mistyped rule id in a suppression suppresses nothing: the findings it was meant to silence come back, and the typo stays unnoticed.',
  },
  check({ graph, ruleIds = [], directives, report }) {
    const known = new Set<string>([...ruleIds, 'all']);
    const hint = (id: string): string => {
      const near = closestMatch(id, ruleIds);
      return near === undefined ? '' : `; did you mean \`${near}\`?`;
    };
    graph.pages.forEach((page, pageId) => {
      // Each id once per page: a list is shared by the links of one element's content, and an opt-out on
      // `<body>` is also the list of every link in it.
      const reported = new Set<string>();
      for (const id of page.optOut ?? []) {
        if (known.has(id) || reported.has(id)) continue;
        reported.add(id);
        report({ pageId, message: `Page-wide \`linkgraph-ignore\` names \`${id}\`, which is no rule, so it suppresses nothing${hint(id)}` });
      }
      for (const directive of directives?.get(page.file) ?? []) {
        for (const id of directive.rules) {
          if (known.has(id)) continue;
          const comment = directive.kind === 'ignore' ? 'linkgraph-ignore-next' : `linkgraph-${directive.kind}`;
          report({ pageId, position: { known: true, start: directive.start }, message: `\`${comment}\` names \`${id}\`, which is no rule, so it suppresses nothing${hint(id)}` });
        }
      }
      const lists = new Set<readonly string[]>();
      page.links.forEach((link, index) => {
        if (!Array.isArray(link.ignore) || lists.has(link.ignore)) return;
        const list: readonly string[] = link.ignore;
        lists.add(list);
        for (const id of list) {
          if (known.has(id) || reported.has(id)) continue;
          reported.add(id);
          report({ pageId, link: index, message: `\`data-linkgraph-ignore\` names \`${id}\`, which is no rule, so it suppresses nothing${hint(id)}` });
        }
      });
    });
  },
});
