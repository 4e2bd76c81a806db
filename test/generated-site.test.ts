import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesOff } from './helpers/rules-off.js';
import { runCli } from './helpers/cli.js';
import { generateSite } from './helpers/generate-site.js';
import { tempSite } from './helpers/temp-site.js';

describe('a generated site with seeded defects', () => {
  it('reports every seeded defect at file:line:col, and nothing else', async () => {
    const { files, truth } = generateSite(300, 7);
    expect(truth.length).toBeGreaterThan(200);
    for (const rule of ['broken-internal-link', 'broken-fragment']) expect(truth.some((line) => line.includes(rule))).toBe(true);
    const dir = await tempSite(files);
    // The seeded classes are those of the two core rules; the graph and anchor rules have fixtures of their own.
    const rules = { ...rulesOff(), 'broken-internal-link': 'error', 'broken-fragment': 'error' };
    await writeFile(path.join(dir, 'linkgraph.config.json'), JSON.stringify({ rules }));
    const { code, stdout } = await runCli(['check', '.', '--format', 'json'], { cwd: dir });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: { file: string; line: number; column: number; ruleId: string; target: string }[] };
    const found = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.target}`).sort();
    expect(found).toEqual(truth);
  });
});
