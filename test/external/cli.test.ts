import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { reply, startServer, type TestServer } from '../helpers/http-server.js';
import { page } from '../helpers/run-site.js';

let server: TestServer;
let project: string;

beforeAll(async () => {
  server = await startServer({ '/ok': reply(200), '/missing': reply(404), '/moved': reply(301, { location: '/ok' }) });
  project = await mkdtemp(path.join(tmpdir(), 'linkgraph-cli-'));
  await mkdir(path.join(project, 'dist'));
  const links = ['/ok', '/missing', '/moved'].map((item) => `<a href="${server.origin}${item}">${item}</a>`).join('');
  await writeFile(path.join(project, 'dist', 'index.html'), page(links));
  // The local server stands in for other hosts, so its loopback address is not the defect here.
  await writeFile(path.join(project, 'linkgraph.config.json'), JSON.stringify({ rules: { 'localhost-link': 'off' } }));
});
afterAll(async () => {
  await server.close();
  await rm(project, { recursive: true, force: true });
});

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd: project, env, isTty: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('linkgraph check --external', () => {
  it('checks outbound links, caches successes under node_modules/.cache/linkgraph and prints a closing line', async () => {
    server.log.length = 0;
    const { code, stdout, stderr } = await cli(['check', 'dist', '--external']);
    expect(code).toBe(1);
    const o = server.origin;
    expect(stdout).toContain(`dist/index.html:1:`);
    expect(stdout).toContain(`error  External link to \`${o}/missing\` is broken: not found (404)  broken-external-link`);
    expect(stdout).toContain(`warn  External link to \`${o}/moved\` is permanently redirected (301) to \`${o}/ok\`; link to \`${o}/ok\` instead  link-to-redirect`);
    expect(stderr).toMatch(/^linkgraph: external links: 3 URLs in \d+\.\d s: 1 ok, 1 broken, 1 redirected\n$/);
    expect(await readdir(path.join(project, 'node_modules', '.cache', 'linkgraph'))).toEqual(['external.json']);
    server.log.length = 0;
    const again = await cli(['check', 'dist', '--external']);
    expect(again.stderr).toContain('1 ok, 1 broken, 1 redirected; 2 from cache');
    expect(server.log).toEqual(['HEAD /missing', 'GET /missing']);
  });

  it('--offline makes no request and says external links were not checked', async () => {
    server.log.length = 0;
    const { code, stdout, stderr } = await cli(['check', 'dist', '--external', '--offline', '--no-external-cache']);
    expect(code).toBe(0);
    expect(server.log).toEqual([]);
    expect(stdout).toContain('3 external URLs not checked (offline mode)');
    expect(stderr).toBe('linkgraph: external links: 3 URLs not checked (offline mode)\n');
  });

  it('LINKGRAPH_OFFLINE=1 does the same, and the JSON report says so', async () => {
    server.log.length = 0;
    const { code, stdout } = await cli(['check', 'dist', '--external', '--format', 'json'], { LINKGRAPH_OFFLINE: '1' });
    expect(code).toBe(0);
    expect(server.log).toEqual([]);
    expect((JSON.parse(stdout) as { summary: { external: unknown } }).summary.external).toEqual({ checked: false, reason: 'offline mode' });
  });

  it('without --external nothing is requested', async () => {
    server.log.length = 0;
    const { stdout } = await cli(['check', 'dist']);
    expect(server.log).toEqual([]);
    expect(stdout).toContain('3 external URLs not checked (outbound checks are off)');
  });

  it('grace in the config with --no-external-cache is one warning of the run, naming both options', async () => {
    await writeFile(path.join(project, 'grace.config.json'), JSON.stringify({ rules: { 'localhost-link': 'off' }, external: { grace: { runs: 3 } } }));
    const { stdout } = await cli(['check', 'dist', '--external', '--no-external-cache', '-c', 'grace.config.json', '--format', 'json']);
    expect((JSON.parse(stdout) as { warnings: string[] }).warnings).toEqual([
      '`external.grace` has no effect while `external.cache` is `false`: the failures it counts are kept in the cache, so a broken external link is an error at once',
    ]);
  });

  it('--external-exclude skips matching URLs', async () => {
    server.log.length = 0;
    const { code } = await cli(['check', 'dist', '--external', '--no-external-cache', '--external-exclude', `${server.origin}/m*`]);
    expect(code).toBe(0);
    expect(server.log).toEqual(['HEAD /ok']);
  });
});
