/**
 * Byte-for-byte check that a restructuring changed no report: run two
 * builds of linkgraph's CLI (a copy of an older `dist/` and this one) on
 * the generated 10,000-page site, a defect-heavy generated site and every
 * site of the real-site corpus, with default rules and with every rule on,
 * and compare every report format they write. Run times and dates in the
 * reports are masked; everything else must be equal.
 *
 * Usage: npm run compare-reports -- <base dist dir> [<new dist dir> = dist]
 * (make the base with `git worktree add /tmp/base <commit> && cd /tmp/base &&
 * npm install && npm run build`, or copy `dist/` before the change).
 * Exits 1 when any report differs, and names where both sets were written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listSites, unpack } from '../corpus/lib.ts';
import { generateSite } from './generate-site.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'bench', '.out', 'compare-reports');
const FORMATS = ['json', 'sarif', 'markdown', 'html', 'junit'] as const;

const [baseArg, freshArg = path.join(ROOT, 'dist')] = process.argv.slice(2);
if (baseArg === undefined) {
  process.stderr.write('usage: npm run compare-reports -- <base dist dir> [<new dist dir>]\n');
  process.exit(2);
}
const builds = { base: path.resolve(baseArg), new: path.resolve(freshArg) };
for (const [label, dist] of Object.entries(builds)) {
  if (!existsSync(path.join(dist, 'cli', 'bin.js'))) {
    process.stderr.write(`compare-reports: no CLI at \`${path.join(dist, 'cli', 'bin.js')}\` (the ${label} build)\n`);
    process.exit(2);
  }
}

/** A generated site, made once under bench/.out and kept between runs. */
async function generated(name: string, pages: number, shape?: { orphans: number; defectsPerClass: number }): Promise<string> {
  const dir = path.join(ROOT, 'bench', '.out', `compare-${name}`);
  if (!existsSync(path.join(dir, 'index.html'))) await generateSite(dir, pages, 1, shape);
  return dir;
}

const sites: { id: string; dir: string; options: Record<string, unknown> }[] = [
  { id: 'generated-10000', dir: await generated('generated-10000', 10_000), options: {} },
  { id: 'defect-heavy-5000', dir: await generated('defect-heavy-5000', 5_000, { orphans: 1_000, defectsPerClass: 2_000 }), options: {} },
  ...listSites().map((site) => ({ id: site.id, dir: unpack(site), options: (site.options ?? {}) as Record<string, unknown> })),
];
const { ruleIds } = (await import(path.join(builds.base, 'index.js'))) as { ruleIds: readonly string[] };
const everyRule = Object.fromEntries(ruleIds.map((id) => [id, 'warn']));

/** Run times and dates, which differ from run to run. */
function masked(text: string): string {
  return text
    .replace(/"(durationMs|timeMs|elapsedMs|generatedAt|time|timestamp|startTimeUtc|endTimeUtc)":\s*("[^"]*"|[\d.]+)/g, '"$1":X')
    .replace(/(time|timestamp)="[^"]*"/g, '$1="X"')
    .replace(/\bin \d+(\.\d+)? ?m?s\b/g, 'in X');
}

rmSync(OUT, { recursive: true, force: true });
let differing = 0;
for (const site of sites) {
  for (const [mode, rules] of [['default', {}], ['every-rule', everyRule]] as const) {
    const outputs: Record<string, string[]> = {};
    for (const [label, dist] of Object.entries(builds)) {
      const dir = path.join(OUT, `${site.id}-${mode}-${label}`);
      mkdirSync(dir, { recursive: true });
      const config = path.join(dir, 'linkgraph.config.json');
      const siteRules = (site.options['rules'] ?? {}) as Record<string, unknown>;
      writeFileSync(config, JSON.stringify({ ...site.options, rules: { ...siteRules, ...rules } }));
      const formats = FORMATS.flatMap((format) => ['--format', `${format}=${path.join(dir, `report.${format}`)}`]);
      const args = [path.join(dist, 'cli', 'bin.js'), 'check', site.dir, '-c', config, '--offline', '--no-external-cache', '--no-color', '--fail-on', 'never', ...formats, '--format', 'text'];
      let text: string;
      try {
        text = execFileSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, LINKGRAPH_THREADS: '1' } });
      } catch (error) {
        text = `exit ${(error as { status?: number }).status}\n${(error as { stdout?: string }).stdout ?? ''}`;
      }
      outputs[label] = [text, ...FORMATS.map((format) => (existsSync(path.join(dir, `report.${format}`)) ? readFileSync(path.join(dir, `report.${format}`), 'utf8') : 'missing'))].map(masked);
    }
    const names = ['text', ...FORMATS];
    const differ = names.filter((_, at) => outputs['base']![at] !== outputs['new']![at]);
    differing += differ.length > 0 ? 1 : 0;
    const where = differ.length > 0 ? `: ${differ.join(', ')} differ (${path.join(OUT, `${site.id}-${mode}-{base,new}`)})` : '';
    process.stdout.write(`${differ.length > 0 ? 'DIFFERENT' : 'same     '} ${site.id}, ${mode}${where}\n`);
  }
}
process.stdout.write(`${differing === 0 ? 'Every report is the same.' : `${differing} of ${sites.length * 2} runs differ.`}\n`);
process.exitCode = differing === 0 ? 0 : 1;
