/**
 * `npm run corpus`: check every site of the real-site corpus at default
 * settings and print, per site and rule, the findings, how many are
 * labelled true or false, how many are not labelled yet, and the false
 * alarms per 100 pages; then each rule's precision over the corpus, with the
 * held-out sites apart.
 *
 * Usage: npm run corpus -- [--site <id>[,<id>]] [--no-holdout] [--list unlabelled|false|true|all] [--json <file>]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkSite, compare, formatFinding, isAudit, listSites, readLabels, type Comparison, type IdentifiedFinding } from './lib.ts';

const { values } = parseArgs({
  options: {
    site: { type: 'string' },
    /** Leave the held-out sites out (while rules are being changed). */
    'no-holdout': { type: 'boolean', default: false },
    list: { type: 'string' },
    json: { type: 'string' },
  },
});
const only = values.site === undefined ? undefined : new Set(values.site.split(','));
const sites = listSites().filter((site) => (only === undefined || only.has(site.id)) && !(values['no-holdout'] && site.holdout));

interface Tally {
  findings: number;
  true: number;
  false: number;
  unlabelled: number;
  errors: number;
  falseErrors: number;
}
const empty = (): Tally => ({ findings: 0, true: 0, false: 0, unlabelled: 0, errors: 0, falseErrors: 0 });

function tally(items: readonly IdentifiedFinding[], comparison: Comparison): Map<string, Tally> {
  const byRule = new Map<string, Tally>();
  const verdictOf = new Map<string, string>();
  for (const [verdict, list] of Object.entries(comparison.byVerdict)) for (const item of list) verdictOf.set(item.id, verdict);
  for (const item of items) {
    const rule = item.finding.ruleId;
    const t = byRule.get(rule) ?? empty();
    byRule.set(rule, t);
    t.findings++;
    const verdict = verdictOf.get(item.id);
    if (verdict === 'false') t.false++;
    else if (verdict === 'unlabelled') t.unlabelled++;
    else t.true++;
    if (item.finding.severity === 'error') {
      t.errors++;
      if (verdict === 'false') t.falseErrors++;
    }
  }
  return byRule;
}

function add(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);
const row = (name: string, t: Tally, pages: number): string =>
  `  ${name.padEnd(28)}${pad(t.findings, 7)}${pad(t.true, 6)}${pad(t.false, 6)}${pad(t.unlabelled, 7)}${pad(t.falseErrors, 8)}${pad(((100 * t.false) / pages).toFixed(2), 9)}`;
const header = `  ${'rule'.padEnd(28)}${pad('found', 7)}${pad('true', 6)}${pad('false', 6)}${pad('unlab.', 7)}${pad('f.err', 8)}${pad('FA/100p', 9)}`;

const totals = { train: new Map<string, Tally>(), holdout: new Map<string, Tally>() };
const pageTotals = { train: 0, holdout: 0 };
const missedAll: string[] = [];
const report: Record<string, unknown>[] = [];
let failedTargets = 0;
for (const site of sites) {
  const findings = await checkSite(site);
  const comparison = compare(findings, readLabels(site));
  const byRule = tally(findings, comparison);
  // A site's targets count the rules on by default; audited rules (off by default) only their precision.
  const all = empty();
  for (const [rule, t] of byRule) if (!isAudit(rule)) add(all, t);
  const missed = comparison.missed.filter(([, label]) => !isAudit(label.rule));
  const group = site.holdout ? 'holdout' : 'train';
  pageTotals[group] += site.pages;
  for (const [rule, t] of byRule) {
    const into = totals[group].get(rule) ?? empty();
    totals[group].set(rule, into);
    add(into, t);
  }
  const falsePer100 = (100 * all.false) / site.pages;
  const met = all.falseErrors === 0 && falsePer100 <= 1 && missed.length === 0 && all.unlabelled === 0;
  if (!met) failedTargets++;
  console.log(`\n${site.id}${site.holdout ? ' (held out)' : ''}: ${site.name}, ${site.generator}, ${site.pages} pages — ${met ? 'targets met' : 'TARGETS NOT MET'}`);
  console.log(header);
  for (const [rule, t] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) console.log(row(isAudit(rule) ? `${rule} (off; audit)` : rule, t, site.pages));
  console.log(row('all rules on by default', all, site.pages));
  for (const [id, label] of missed) {
    const line = `  missed (labelled ${label.verdict}, no longer found): ${id} ${label.rule} ${label.page} ${label.what}`;
    console.log(line);
    missedAll.push(`${site.id}: ${line.trim()}`);
  }
  if (values.list !== undefined) {
    const lists = values.list === 'all' ? Object.values(comparison.byVerdict).flat() : (comparison.byVerdict[values.list as keyof Comparison['byVerdict']] ?? []);
    for (const item of lists) console.log(`    ${formatFinding(item)}`);
  }
  report.push({ site: site.id, holdout: site.holdout, pages: site.pages, rules: Object.fromEntries(byRule), missed: missed.map(([id]) => id), met });
}

function printPrecision(name: string, byRule: Map<string, Tally>, pages: number): void {
  if (pages === 0) return;
  console.log(`\n${name}: ${pages} pages`);
  console.log(`${header}${pad('precision', 11)}`);
  const all = empty();
  for (const [rule, t] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isAudit(rule)) add(all, t);
    const labelled = t.true + t.false;
    console.log(`${row(isAudit(rule) ? `${rule} (off; audit)` : rule, t, pages)}${pad(labelled === 0 ? '-' : `${((100 * t.true) / labelled).toFixed(0)}%`, 11)}`);
  }
  const labelled = all.true + all.false;
  console.log(`${row('all rules on by default', all, pages)}${pad(labelled === 0 ? '-' : `${((100 * all.true) / labelled).toFixed(0)}%`, 11)}`);
}
printPrecision('Corpus (sites used while changing rules)', totals.train, pageTotals.train);
printPrecision('Held-out sites', totals.holdout, pageTotals.holdout);
console.log(`\n${sites.length - failedTargets} of ${sites.length} sites meet the targets (no false error, at most 1 false alarm per 100 pages, nothing labelled true missed, nothing unlabelled).`);
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
