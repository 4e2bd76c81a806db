import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSite } from '../bench/generate-site.js';

const run = promisify(execFile);
const bin = path.resolve('dist/cli/bin.js');

/** The built CLI on a site, with a number of page-reading threads. */
async function check(dir: string, threads: number): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, 'check', dir, '--format', 'json', '--fail-on', 'never'], {
    env: { ...process.env, LINKGRAPH_THREADS: String(threads) },
    maxBuffer: 256 * 2 ** 20,
  });
  return stdout;
}

describe('collectPages', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the same report with worker threads as in one thread', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-threads-'));
    const truth = await generateSite(dir, 400, 3);
    const [one, two] = [await check(dir, 1), await check(dir, 2)];
    expect(two).toBe(one);
    const report = JSON.parse(one) as { summary: { pages: number }; findings: { ruleId: string }[] };
    expect(report.summary.pages).toBe(400);
    // Every seeded link defect is found, once.
    const links = report.findings.filter((finding) => finding.ruleId === 'broken-internal-link' || finding.ruleId === 'broken-fragment');
    expect(links.length).toBe(truth.defects.filter((defect) => defect.line !== undefined).length);
  });
});
