/**
 * The real-site corpus: unpack each site's built output, check it with
 * linkgraph's defaults (plus the options its generator's config implies),
 * and compare the findings with the site's hand-given labels.
 *
 * Shared by `npm run corpus` (the table), `corpus/label.ts` (labelling) and
 * the regression test (no finding labelled `false` comes back, no finding
 * labelled `true` goes away).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, unlinkSync, writeFileSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDirectory } from '../src/node/check-directory.js';
import type { Options } from '../src/options.js';
import { rules } from '../src/rules/registry.js';
import { stableIds } from '../src/report/fingerprint.js';
import type { Finding } from '../src/types.js';

/** The corpus folder. */
export const CORPUS = path.dirname(fileURLToPath(import.meta.url));
const SITES = path.join(CORPUS, 'sites');
/** Where sites are unpacked (not committed). */
const UNPACKED = path.join(CORPUS, '.sites');

/** `corpus/sites/<id>/site.json`: where a site comes from and how it is checked. */
export interface SiteMeta {
  id: string;
  name: string;
  generator: string;
  source: string;
  licence: string;
  build: string;
  /** Held out: labelled at the start, not looked at while rules are changed. */
  holdout: boolean;
  pages: number;
  /** linkgraph options a user of this site would give (what its generator's config implies). */
  options: Options;
}

/** A verdict on a finding, given by hand after looking at the page. */
export type Verdict = 'true' | 'false' | 'true-by-rule';

/** One labelled finding, identified by its stable id (`hash:n`, as in reports). */
export interface Label {
  verdict: Verdict;
  rule: string;
  page: string;
  /** The link's target or href, or the anchor text: what tells findings of one page apart. */
  what: string;
  reason: string;
}

/** `corpus/sites/<id>/labels.json`. */
export interface Labels {
  version: 1;
  labels: Record<string, Label>;
}

/** A finding with its stable id. */
export interface IdentifiedFinding {
  id: string;
  finding: Finding;
  /** Found by a rule that is off by default, run here only to measure its precision. */
  audit: boolean;
}

/**
 * Rules off by default that the corpus still runs, to measure their
 * precision (the number that decides whether they may be on by default).
 * Their findings count in the precision table, not in a site's targets.
 */
export const AUDITED_RULES: readonly string[] = ['content-orphan'];

/** The corpus's sites, by id order. */
export function listSites(): SiteMeta[] {
  return readdirSync(SITES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(SITES, entry.name, 'site.json')))
    .map((entry) => ({ ...(JSON.parse(readFileSync(path.join(SITES, entry.name, 'site.json'), 'utf8')) as Omit<SiteMeta, 'id'>), id: entry.name }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Unpack a site's archive under `corpus/.sites/<id>/site` (again only when
 * the archive changed), and give each link that leaves the site a
 * placeholder target under `corpus/.sites/<id>/outside`.
 *
 * @returns the unpacked site's directory.
 */
export function unpack(site: SiteMeta): string {
  const archive = path.join(SITES, site.id, 'site.tar.gz');
  const digest = createHash('sha256').update(readFileSync(archive)).digest('hex');
  const into = path.join(UNPACKED, site.id);
  const stamp = path.join(into, 'stamp');
  const dir = path.join(into, 'site');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return dir;
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  const tar = spawnSync('tar', ['-xzf', archive, '-C', into], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`Cannot unpack \`${archive}\`: ${tar.stderr}`);
  placeOutsideTargets(dir, path.join(into, 'outside'));
  writeFileSync(stamp, digest);
  return dir;
}

function placeOutsideTargets(dir: string, outside: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) placeOutsideTargets(file, outside);
    else if (lstatSync(file).isSymbolicLink()) {
      const link = readlinkSync(file);
      if (!link.startsWith('/__outside__/')) continue;
      const target = path.join(outside, link.slice('/__outside__/'.length));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, '');
      unlinkSync(file);
      symlinkSync(target, file);
    }
  }
}

/** Check one site as its users would, at default settings, plus the {@link AUDITED_RULES}. */
export async function checkSite(site: SiteMeta): Promise<IdentifiedFinding[]> {
  const dir = unpack(site);
  const audited = Object.fromEntries(AUDITED_RULES.filter((id) => !(id in (site.options.rules ?? {}))).map((id) => [id, 'warn'] as const));
  const options: Options = { ...site.options, rules: { ...audited, ...site.options.rules } };
  const result = await checkDirectory(dir, options, { baseline: false, cwd: path.join(UNPACKED, site.id), env: {} });
  const ids = stableIds(result.findings);
  return result.findings.map((finding, index) => ({ id: ids[index] ?? '', finding, audit: isAudit(finding.ruleId) }));
}

/** Whether a rule is off by default (its findings here are an audit of its precision). */
export function isAudit(ruleId: string): boolean {
  return (rules as Record<string, { meta: { defaultLevel: string } } | undefined>)[ruleId]?.meta.defaultLevel === 'off';
}

/** The site's labels (none yet: an empty set). */
export function readLabels(site: SiteMeta): Labels {
  const file = path.join(SITES, site.id, 'labels.json');
  if (!existsSync(file)) return { version: 1, labels: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as Labels;
}

/** Write the labels sorted by rule, page and id, one label a line, so that diffs stay small. */
export function writeLabels(site: SiteMeta, labels: Labels): void {
  const entries = Object.entries(labels.labels).sort(([a, x], [b, y]) => x.rule.localeCompare(y.rule) || x.page.localeCompare(y.page) || a.localeCompare(b));
  const lines = entries.map(([id, label]) => `    ${JSON.stringify(id)}: ${JSON.stringify(label)}`);
  writeFileSync(path.join(SITES, site.id, 'labels.json'), `{\n  "version": 1,\n  "labels": {\n${lines.join(',\n')}\n  }\n}\n`);
}

/** What tells a finding apart from the others on its page, for a label. */
export function whatOf(finding: Finding): string {
  return finding.target ?? finding.href ?? finding.text ?? '';
}

/** How a run compares with the labels. */
export interface Comparison {
  /** Findings by verdict; `unlabelled` has no label yet. */
  byVerdict: Record<Verdict | 'unlabelled', IdentifiedFinding[]>;
  /** Labelled `true` (or `true-by-rule`) and no longer found. */
  missed: Array<[string, Label]>;
}

/** Compare a site's findings with its labels. */
export function compare(findings: readonly IdentifiedFinding[], labels: Labels): Comparison {
  const byVerdict: Comparison['byVerdict'] = { true: [], false: [], 'true-by-rule': [], unlabelled: [] };
  const found = new Set<string>();
  for (const item of findings) {
    found.add(item.id);
    const label = labels.labels[item.id];
    byVerdict[label?.verdict ?? 'unlabelled'].push(item);
  }
  const missed = Object.entries(labels.labels).filter(([id, label]) => label.verdict !== 'false' && !found.has(id));
  return { byVerdict, missed };
}

/** One line per finding, as the rule tests print them, with the stable id first. */
export function formatFinding({ id, finding }: IdentifiedFinding): string {
  const where = finding.position.known ? `${finding.file}:${finding.position.start.line}:${finding.position.start.column}` : finding.file;
  return `${id} ${finding.severity} ${finding.ruleId} ${where} ${finding.message}`;
}
