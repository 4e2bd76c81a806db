// `npm run test:astro-compat`: install linkgraph (packed from this checkout)
// next to astro 6, astro 5 and the oldest astro 7 whose Markdown positions
// differ (7.1.6, with its own Satteri 0.3.5 and MDX 7.0.5, which give UTF-8
// byte offsets) in throwaway projects, build the content collection fixture
// with each (and, where MDX is installed, the fixture with text beyond ASCII
// before its links), and compare the findings and their Markdown source
// lines with the current astro 7's (test/astro/collection.test.ts,
// test/astro/unicode.test.ts). Then, with each, `astro dev`: the dev
// toolbar app must register and load, the dev server must answer its check
// of a page over Vite's HMR channel with the build's findings at their
// Markdown lines, and, where Debian's Chromium is installed, the app must
// list them in the browser. Needs the npm registry; run by .ci/run.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { askDevServer, freePort } from '../helpers/astro-dev.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
// ASTRO_COMPAT_DIR: somewhere else than the repository's cache (a checkout sharing its node_modules with others).
const work = process.env.ASTRO_COMPAT_DIR ?? path.join(repo, 'node_modules/.cache/linkgraph-astro-compat');
const versions = (process.env.ASTRO_VERSIONS ?? '^6.4.0 ^5.0.0 7.1.6').split(/\s+/).filter(Boolean);
/** Packages a version is installed with (an astro 7 minor pins its own Satteri; MDX must match it). */
const companions = { '7.1.6': ['@astrojs/mdx@7.0.5'] };
/** Findings of the unicode fixture, as test/astro/unicode.test.ts expects them. */
const expectedUnicode = JSON.parse(await readFile(path.join(repo, 'test/fixtures/astro/unicode/expected.json'), 'utf8'));
const expected = [
  'src/content/blog/first.md:11:47 broken-internal-link Link to `/blog/third/` has no page in the output; did you mean `/blog/first/`?',
  'src/content/blog/first.md:13:12 broken-fragment Fragment `#nowhere` has no matching `id` on `/blog/second/`',
  'src/content/blog/second.md:6:57 broken-internal-link Link to `/img/none.png` has no file in the output',
];

// The project's build script: the integration must fail the build with an AstroError and write the report.
const buildScript = `import { build } from 'astro';
import linkgraph from 'linkgraph/astro';
let error;
try {
  await build({ root: process.cwd(), configFile: false, logLevel: 'error', integrations: [linkgraph({ reports: { json: 'report.json' } })] });
} catch (caught) {
  error = caught;
}
if (error?.name !== 'AstroUserError') throw new Error('expected the build to fail with an AstroError, got ' + String(error));
// No source-position attribute may be left in the output, in any spelling.
const { readdir, readFile } = await import('node:fs/promises');
for (const file of await readdir('dist', { recursive: true })) {
  if (/\\.(html|xml|json)$/.test(file) && /data-?linkgraph-?src/i.test(await readFile('dist/' + file, 'utf8'))) throw new Error('dist/' + file + ' still has a source-position attribute');
}
`;

// The unicode fixture's build: MDX on, findings below failOn, orphans off (its pages link nothing).
const unicodeScript = `import { build } from 'astro';
import mdx from '@astrojs/mdx';
import linkgraph from 'linkgraph/astro';
await build({ root: process.cwd(), configFile: false, logLevel: 'error', integrations: [mdx(), linkgraph({ failOn: 'never', rules: { 'orphan-page': 'off' }, reports: { json: 'report.json' } })] });
`;

// `astro dev` reads the project's config file (the builds above pass their config inline).
const devConfig = `import linkgraph from 'linkgraph/astro';
export default { integrations: [linkgraph()] };
`;
/** What `astro dev` must show on the first post: the build's findings there. */
const expectedDev = expected.filter((line) => line.startsWith('src/content/blog/first.md:'));
const CHROMIUM = '/usr/bin/chromium';
/** No request leaves the machine from the dev server: no update check, no telemetry. */
const devEnv = { ...process.env, ASTRO_DISABLE_UPDATE_CHECK: 'true', ASTRO_TELEMETRY_DISABLED: '1' };

/** The dev toolbar under one astro: registered, answering, and (with Chromium) listing the findings. */
async function checkDevToolbar(project, label) {
  await writeFile(path.join(project, 'astro.config.mjs'), devConfig);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // The CLI's file moved between versions (`astro.js` in 5, `bin/astro.mjs` since).
  const manifest = JSON.parse(await readFile(path.join(project, 'node_modules/astro/package.json'), 'utf8'));
  const cli = path.join('node_modules/astro', typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.astro);
  const server = spawn(process.execPath, [cli, 'dev', '--host', '127.0.0.1', '--port', String(port)], { cwd: project, env: devEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    for (let tries = 0; ; tries++) {
      const answer = await fetch(`${origin}/blog/first/`).catch(() => undefined);
      if (answer?.ok) break;
      if (tries > 300 || server.exitCode !== null) throw new Error(`astro ${label} dev did not answer`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const html = await (await fetch(`${origin}/blog/first/`)).text();
    // The module through which Astro's toolbar loads the apps integrations registered.
    const apps = await (await fetch(`${origin}/@id/astro:toolbar:internal`)).text();
    compare(`astro ${label} dev: the toolbar app is registered`, [/"id":"linkgraph"[^}]*linkgraph\/dist\/astro\/toolbar\/app\.js/.test(apps)], [true]);
    compare(`astro ${label} dev: Markdown links carry their source line`, [html.includes('data-linkgraph-src="src/content/blog/first.md:11:47"')], [true]);
    const report = await askDevServer(origin, '/blog/first/');
    const lines = report.state === 'checked' ? report.findings.map((finding) => `${finding.origin ?? '-'} ${finding.ruleId} ${finding.message}`) : [report.reason];
    compare(`astro ${label} dev: the server's check of a page`, lines, expectedDev);
    if (!existsSync(CHROMIUM)) {
      console.log(`skip astro ${label} dev: the app in the browser (${CHROMIUM} is missing)`);
      return;
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/blog/first/`);
      await page.locator('astro-dev-toolbar button[data-app-id="linkgraph"]').click();
      await page.locator('astro-dev-toolbar-app-canvas[data-app-id="linkgraph"] .status').filter({ hasNotText: 'Checking' }).waitFor({ timeout: 60_000 });
      const shown = [];
      for (const item of await page.locator('li.finding').all()) {
        const message = (await item.locator('button.show').innerText()).replace(/^\w+ /, '');
        shown.push(`${await item.locator('button.source').innerText()} ${await item.getAttribute('data-rule')} ${message}`);
      }
      compare(`astro ${label} dev: the app lists them in Chromium`, [...shown, ...errors], expectedDev.map((line) => line.replaceAll('`', '')));
    } finally {
      await browser.close();
    }
  } finally {
    const exited = new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve()));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** The report's findings as the tests print them. */
async function findingLines(project) {
  const report = JSON.parse(await readFile(path.join(project, 'report.json'), 'utf8'));
  return report.findings.map((finding) => `${finding.source ? `${finding.source.file}:${finding.source.line}:${finding.source.column}` : finding.file} ${finding.ruleId} ${finding.message}`);
}

/** Compare, print, and note a failure. */
function compare(label, lines, wanted) {
  const ok = JSON.stringify(lines) === JSON.stringify(wanted);
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) console.log(`  expected:\n    ${wanted.join('\n    ')}\n  got:\n    ${lines.join('\n    ')}`);
}

let failed = false;
await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }).trim().split('\n').at(-1);
for (const version of versions) {
  const project = path.join(work, `astro-${version.replace(/[^\d.]/g, '')}`);
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'astro-compat', private: true, type: 'module' }));
  await cp(path.join(repo, 'test/fixtures/astro/collection/src'), path.join(project, 'src'), { recursive: true });
  await writeFile(path.join(project, 'build.mjs'), buildScript);
  const extra = companions[version] ?? [];
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `astro@${version}`, ...extra, path.join(work, tarball)], { cwd: project, stdio: 'inherit' });
  const installed = JSON.parse(await readFile(path.join(project, 'node_modules/astro/package.json'), 'utf8')).version;
  execFileSync(process.execPath, ['build.mjs'], { cwd: project, stdio: 'inherit' });
  compare(`astro ${installed}`, await findingLines(project), expected);
  await checkDevToolbar(project, installed).catch((error) => compare(`astro ${installed} dev`, [error.message], ['no error']));
  if (extra.some((name) => name.startsWith('@astrojs/mdx@'))) {
    const unicode = path.join(work, `unicode-${version.replace(/[^\d.]/g, '')}`);
    await mkdir(unicode, { recursive: true });
    await cp(path.join(project, 'package.json'), path.join(unicode, 'package.json'));
    await cp(path.join(repo, 'test/fixtures/astro/unicode/src'), path.join(unicode, 'src'), { recursive: true });
    await writeFile(path.join(unicode, 'build.mjs'), unicodeScript);
    // The same installed packages, without a second install.
    await symlink(path.join(project, 'node_modules'), path.join(unicode, 'node_modules'));
    execFileSync(process.execPath, ['build.mjs'], { cwd: unicode, stdio: 'inherit' });
    const satteri = JSON.parse(await readFile(path.join(project, 'node_modules/@astrojs/markdown-satteri/package.json'), 'utf8')).version;
    compare(`astro ${installed} (Satteri ${satteri}): positions after text beyond ASCII`, await findingLines(unicode), expectedUnicode);
  }
}
process.exitCode = failed ? 1 : 0;
