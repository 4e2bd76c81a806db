import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { reportOptions, reportSite } from '../helpers/report-fixture.js';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-cli-'));
  for (const [file, html] of Object.entries(reportSite)) {
    await mkdir(path.dirname(path.join(cwd, 'dist', file)), { recursive: true });
    await writeFile(path.join(cwd, 'dist', file), html);
  }
  // Only the link rules, as in the golden reports, so that added rules do not change the counts.
  await writeFile(path.join(cwd, 'linkgraph.config.json'), JSON.stringify(reportOptions));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string> = {}, directory = cwd): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd: directory, env, isTty: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('CLI reports', () => {
  it('writes several formats, each to its own file', async () => {
    const { code, stderr } = await run(['check', 'dist', '--format', 'sarif=out/a.sarif', '--format', 'junit=out/junit.xml', '--format', 'markdown=out/r.md']);
    expect(code).toBe(1);
    expect(stderr).toContain('wrote the sarif report to out/a.sarif');
    expect(JSON.parse(await readFile(path.join(cwd, 'out/a.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(await readFile(path.join(cwd, 'out/junit.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(await readFile(path.join(cwd, 'out/r.md'), 'utf8')).toMatch(/^## linkgraph/);
  });

  it('adds annotations and appends a job summary in GitHub Actions', async () => {
    const summary = path.join(cwd, 'summary.md');
    await writeFile(summary, '# earlier step\n');
    const { stdout } = await run(['check', 'dist'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(stdout).toContain('✖ 8 problems');
    expect(stdout).toMatch(/^::error file=dist\/about\/index\.html,line=1,col=208,/m);
    const written = await readFile(summary, 'utf8');
    expect(written.startsWith('# earlier step\n## linkgraph: ✖ 8 problems')).toBe(true);
  });

  it('prints hostile site text in GitHub Actions without raw control characters or workflow commands of its own', async () => {
    const body = (html: string): string => `<!doctype html><html lang="en"><head><title>t</title></head><body>${html}</body></html>`;
    const hostile = {
      'index.html': body('<main><a href="/nl%0A::error::INJECTED/">a</a> <a href="/cr%0D::add-mask::x/">b</a> <a href="/clear%1B[2J%07/">c</a> <a href="##[add-mask]y">d</a></main>'),
      'esc\u001B[31m.html': body('<a href="/">home</a>'),
      // Checked from inside the site, a file name begins the line of its finding.
      '::error::file.html': body('<a href="/">home</a>'),
      'linkgraph.config.json': JSON.stringify({ rules: { ...reportOptions.rules, 'orphan-page': 'error' } }),
    };
    const site = path.join(cwd, 'hostile');
    await mkdir(site);
    for (const [file, text] of Object.entries(hostile)) await writeFile(path.join(site, file), text);
    const summary = path.join(cwd, 'summary.md');
    const { code, stdout, stderr } = await run(['check', '.', '--format', 'text', '--format', 'markdown'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, site);
    expect(code).toBe(1);
    // The runner reads both streams for workflow commands; the annotations are on stderr, as stdout carries Markdown.
    const log = `${stdout}${stderr}`;
    expect(log).toContain('\n  \\x3a:error::file.html  error  No other page links to `/::error::file`  orphan-page\n');
    for (const output of [log, await readFile(summary, 'utf8')]) {
      expect(output).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
      expect(output).not.toContain('##[');
    }
    // Only the github format's annotations, one per finding, are workflow commands.
    const commands = log.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith('::'));
    expect(commands).toHaveLength(6);
    for (const line of commands) expect(line).toMatch(/^::(error|warning) file=[^:,]*(,(line|col|endLine|endColumn)=\d+)*,title=linkgraph (broken-internal-link|broken-fragment|orphan-page)::/);
  });

  it('sends annotations to stderr when stdout carries JSON', async () => {
    const { stdout, stderr } = await run(['check', 'dist', '--format', 'json'], { GITHUB_ACTIONS: 'true' });
    expect(() => JSON.parse(stdout) as unknown).not.toThrow();
    expect(stderr).toMatch(/^::warning file=dist\/index\.html,/m);
  });

  it('records a baseline, then fails only on new findings and lists fixed ones', async () => {
    const recorded = await run(['baseline', 'dist']);
    expect(recorded).toMatchObject({ code: 0, stdout: '' });
    expect(recorded.stderr).toContain('recorded 8 findings (7 entries) in linkgraph-baseline.json');
    const file = JSON.parse(await readFile(path.join(cwd, 'linkgraph-baseline.json'), 'utf8')) as { entries: unknown[] };
    expect(file.entries).toHaveLength(7);

    const clean = await run(['check', 'dist', '--baseline', 'linkgraph-baseline.json']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('✔ no problems');
    expect(clean.stdout).toContain('8 suppressed');

    // Move every line down, fix one link, break a new one.
    const index = path.join(cwd, 'dist/index.html');
    const html = await readFile(index, 'utf8');
    await writeFile(index, html.replace('<body>', '<body>\n\n').replace('/abuot/', '/about/').replace('</main>', '<a href="/new/">new</a></main>'));
    const after = await run(['check', 'dist', '--baseline', 'linkgraph-baseline.json']);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('dist/index.html:3:');
    expect(after.stdout).toContain('Link to `/new/` has no page in the output');
    expect(after.stdout).toContain('✖ 1 problem (1 error');
    expect(after.stderr).toContain('1 baseline entry no longer occurs; run `linkgraph baseline dist` to shrink the file:\n  /  broken-internal-link  /abuot/  "our story"\n');
  });

  it('names a missing baseline file and exits 2', async () => {
    const { code, stderr } = await run(['check', 'dist', '--baseline', 'nope.json']);
    expect(code).toBe(2);
    expect(stderr).toContain('nope.json: no such baseline file; record one with `linkgraph baseline <dir> --baseline nope.json`');
  });
});
