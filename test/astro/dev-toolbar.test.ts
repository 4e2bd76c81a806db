import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, CHROMIUM, launchChromium } from '../helpers/chromium.js';

/**
 * The dev toolbar app in Debian's Chromium, against `astro dev` of a copy of
 * the playground whose `linkgraph` is this checkout (its `dist`, built by
 * `npm test`): after one `astro build`, a page with a broken Markdown link
 * shows the finding at its source line, clicking it outlines the link,
 * fixing the Markdown makes it go, and the orphan page shows its status
 * from the build.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PLAYGROUND = path.join(REPO, 'playground');
const GUIDE = 'src/content/guides/configuration.md';
const ASTRO = path.join(REPO, 'node_modules/astro/bin/astro.mjs');
/**
 * Astro runs as its CLI in a process of its own, as an author runs it: a
 * dev server in the test's process would share its `NODE_ENV` (`test`) and
 * what a build there left behind, and Vite reads Vitest's variables. No request leaves the machine (no update
 * check, no telemetry), and the build does not fail on the playground's defects.
 */
const ENV = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(?:VITEST|TEST$|NODE_ENV$)/.test(name))),
  ASTRO_DISABLE_UPDATE_CHECK: 'true',
  ASTRO_TELEMETRY_DISABLED: '1',
  LINKGRAPH_FAIL_ON: 'never',
};

if (chromiumMissing) console.warn(`Skipping the dev toolbar test: ${CHROMIUM} is missing (CI installs Debian's chromium, and there it runs).`);

/**
 * A copy of the playground in the system's temp folder, with a
 * node_modules of links to this repository's packages, and `linkgraph`
 * linked to this checkout.
 */
async function playgroundCopy(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'linkgraph-dev-toolbar-'));
  await cp(PLAYGROUND, root, { recursive: true, filter: (source) => !/[/\\](dist|\.astro|\.linkgraph|node_modules)$/.test(source) });
  const modules = path.join(root, 'node_modules');
  await mkdir(modules);
  for (const name of await readdir(path.join(REPO, 'node_modules'))) {
    // Caches stay the copy's own (Astro's cacheDir and Vite's are under its node_modules).
    if (name === 'linkgraph' || name.startsWith('.')) continue;
    await symlink(path.join(REPO, 'node_modules', name), path.join(modules, name));
  }
  await symlink(REPO, path.join(modules, 'linkgraph'));
  return root;
}

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Start `astro dev` in `root` on 127.0.0.1:`port`; resolves once it answers. */
async function startDev(root: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [ASTRO, 'dev', '--host', '127.0.0.1', '--port', String(port)], { cwd: root, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`astro dev exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(10_000) })).ok) return child;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`astro dev did not answer within a minute:\n${output}`);
}

/** Stop a dev server: politely, then not. */
async function stopDev(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

describe.skipIf(chromiumMissing)('the dev toolbar app in astro dev', () => {
  let root: string;
  let origin: string;
  let server: ChildProcess | undefined;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(REPO, 'dist/astro/toolbar/app.js'))) throw new Error('dist/astro/toolbar/app.js is missing: run `npm run build` first');
    root = await playgroundCopy();
    await promisify(execFile)(process.execPath, [ASTRO, 'build', '--silent'], { cwd: root, env: ENV });
    const port = await freePort();
    server = await startDev(root, port);
    origin = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
    // Vite may optimise dependencies on the first visit and reload the page once: visit once before the tests.
    const warm = await browser.newPage();
    await warm.goto(`${origin}/`);
    await tooltipOf(warm).filter({ hasText: 'linkgraph: ' }).waitFor({ state: 'attached', timeout: 60_000 });
    await warm.close();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopDev(server);
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** The linkgraph button's tooltip in the toolbar (the count of errors goes there). */
  const tooltipOf = (page: Page) => page.locator('astro-dev-toolbar button[data-app-id="linkgraph"] .item-tooltip');

  /** Open a page and the linkgraph app on it. */
  async function openApp(pathname: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}${pathname}`);
    await page.locator('astro-dev-toolbar button[data-app-id="linkgraph"]').click();
    await page.locator('astro-dev-toolbar-app-canvas[data-app-id="linkgraph"] .status').filter({ hasNotText: 'Checking' }).waitFor();
    return page;
  }

  it('lists a broken link written in Markdown at its source line, and marks the toolbar icon', async () => {
    const page = await openApp('/guides/configuration/');
    const finding = page.locator('li.finding[data-rule="broken-internal-link"]');
    await expect(finding.locator('button.show').innerText()).resolves.toBe('ERROR Link to /guides/deploy/ has no page in the output; did you mean /guides/deploying/?');
    await expect(finding.locator('button.source').innerText()).resolves.toBe(`${GUIDE}:15:42`);
    await expect(finding.locator('.fix').innerText()).resolves.toBe('Fix: /guides/deploying/');
    await expect(page.locator('astro-dev-toolbar button[data-app-id="linkgraph"] .notification').getAttribute('data-level')).resolves.toBe('error');
    await expect(tooltipOf(page).innerText()).resolves.toBe('linkgraph: 1 error');
    await page.close();
  }, 60_000);

  it('outlines the link when its finding is clicked', async () => {
    const page = await openApp('/guides/configuration/');
    await page.locator('li.finding[data-rule="broken-internal-link"] button.show').click();
    const outline = page.locator('astro-dev-toolbar-highlight[data-linkgraph-active]');
    await outline.waitFor();
    await expect(outline.getAttribute('data-linkgraph-rule')).resolves.toBe('broken-internal-link');
    const box = (await outline.boundingBox())!;
    const link = (await page.locator('main a[href="/guides/deploy/"]').boundingBox())!;
    expect(box.x <= link.x && box.y <= link.y && box.x + box.width >= link.x + link.width && box.y + box.height >= link.y + link.height).toBe(true);
    await expect(outline.locator('astro-dev-toolbar-tooltip').getAttribute('data-show')).resolves.toBe('true');
    await page.close();
  }, 60_000);

  it('drops the finding once the Markdown is fixed, without reopening the app', async () => {
    const page = await openApp('/guides/configuration/');
    await page.locator('li.finding[data-rule="broken-internal-link"]').waitFor();
    const file = path.join(root, GUIDE);
    const text = await readFile(file, 'utf8');
    try {
      await writeFile(file, text.replace('](/guides/deploy/)', '](/guides/deploying/)'));
      await page.locator('astro-dev-toolbar-app-canvas[data-app-id="linkgraph"] .status', { hasText: 'No link problems on this page' }).waitFor({ timeout: 30_000 });
      await expect(page.locator('li.finding').count()).resolves.toBe(0);
      await expect(page.locator('astro-dev-toolbar-app-canvas[data-app-id="linkgraph"]').getAttribute('data-active')).resolves.toBe('');
    } finally {
      await writeFile(file, text);
    }
    await page.locator('li.finding[data-rule="broken-internal-link"]').waitFor({ timeout: 30_000 });
    await page.close();
  }, 90_000);

  it('shows the orphan page\'s place in the link graph from the last build', async () => {
    const page = await openApp('/old-pricing/');
    const place = page.locator('astro-dev-toolbar-app-canvas[data-app-id="linkgraph"] .place');
    const text = await place.innerText();
    expect(text).toContain('Orphan\nyes: no other page links here');
    expect(text).toContain('Inlinks\n0 (0 from content, 0 from templates only)');
    expect(text).toMatch(/No other page links to \/old-pricing\/; \/faq\/ mentions “Pricing \(2023\)” without a link/);
    expect(text).toMatch(/From the last astro build, /);
    await page.close();
  }, 60_000);
});
