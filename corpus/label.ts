/**
 * Label findings of one corpus site by hand: `npm run corpus:label -- --site <id>
 * --rule <rule-id> [--match <RegExp>] --verdict true|false|true-by-rule --reason "<why>"`.
 *
 * Labels every finding of that rule on that site, not labelled yet, whose
 * one-line form (`id severity rule file:line:col message`) matches `--match`.
 * Look at the pages first (`npm run corpus -- --site <id> --list unlabelled`),
 * then give each class of finding its verdict and a one-line reason.
 * `--relabel` also replaces existing labels; `--dry-run` only prints.
 */
import { parseArgs } from 'node:util';
import { checkSite, formatFinding, listSites, readLabels, whatOf, writeLabels, type Verdict } from './lib.ts';

const { values } = parseArgs({
  options: {
    site: { type: 'string' },
    rule: { type: 'string' },
    match: { type: 'string' },
    verdict: { type: 'string' },
    reason: { type: 'string' },
    relabel: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
  },
});
const verdicts: readonly Verdict[] = ['true', 'false', 'true-by-rule'];
const site = listSites().find((candidate) => candidate.id === values.site);
if (site === undefined || values.rule === undefined || !verdicts.includes(values.verdict as Verdict) || !values.reason) {
  console.error('usage: npm run corpus:label -- --site <id> --rule <rule-id> [--match <RegExp>] --verdict true|false|true-by-rule --reason "<why>" [--relabel] [--dry-run]');
  process.exit(2);
}
const match = new RegExp(values.match ?? '');
const labels = readLabels(site);
let count = 0;
for (const item of await checkSite(site)) {
  if (item.finding.ruleId !== values.rule) continue;
  if (!values.relabel && labels.labels[item.id] !== undefined) continue;
  const line = formatFinding(item);
  if (!match.test(line)) continue;
  count++;
  console.log(`${values['dry-run'] ? 'would label' : 'labelled'} ${values.verdict}: ${line}`);
  labels.labels[item.id] = { verdict: values.verdict as Verdict, rule: item.finding.ruleId, page: item.finding.page, what: whatOf(item.finding), reason: values.reason };
}
if (!values['dry-run']) writeLabels(site, labels);
console.log(`${count} finding(s) ${values['dry-run'] ? 'match' : 'labelled'}.`);
