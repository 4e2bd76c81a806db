import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astro, playgroundCopy, REPO, startDev, type DevServer } from '../helpers/astro-dev.js';
import { chromiumMissing, CHROMIUM, launchChromium } from '../helpers/chromium.js';

/**
 * The dev toolbar app in Debian's Chromium, against `astro dev` of a copy of
 * the playground whose `linkgraph` is this checkout (its `dist`, built by
 * `npm test`): after one `astro build`, a page with a broken Markdown link
 * shows the finding at its source line, clicking it outlines the link,
 * fixing the Markdown makes it go, and the orphan page shows its status
 * from the build. Astro runs as its CLI, in processes of its own, as an
 * author runs it.
 */
const GUIDE = 'src/content/guides/configuration.md';

if (chromiumMissing) console.warn(`Skipping the dev toolbar test: ${CHROMIUM} is missing (CI installs Debian's chromium, and there it runs).`);

describe.skipIf(chromiumMissing)('the dev toolbar app in astro dev', () => {
  let root: string;
  let origin: string;
  let server: DevServer | undefined;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(REPO, 'dist/astro/toolbar/app.js'))) throw new Error('dist/astro/toolbar/app.js is missing: run `npm run build` first');
    root = await playgroundCopy();
    await astro(root, ['build', '--silent']);
    server = await startDev(root);
    origin = server.origin;
    browser = await launchChromium();
    // Vite may optimise dependencies on the first visit and reload the page once: visit once before the tests.
    const warm = await browser.newPage();
    await warm.goto(`${origin}/`);
    await tooltipOf(warm).filter({ hasText: 'linkgraph: ' }).waitFor({ state: 'attached', timeout: 60_000 });
    await warm.close();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
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
