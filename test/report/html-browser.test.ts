import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHtml } from '../../src/report/html.js';
import type { Result } from '../../src/types.js';
import { page as htmlPage, runSite } from '../helpers/run-site.js';
import { reportResult } from '../helpers/report-fixture.js';
import { chromiumMissing as missing, launchChromium } from '../helpers/chromium.js';

/**
 * The HTML report in real headless Chromium (Debian's `chromium`, which
 * .ci/run installs). Reports and a screenshot are kept under test-results/.
 */
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results/html-report');

let browser: Browser;

beforeAll(async () => {
  if (missing) return;
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Write a report, open it, and wait until the graph layout has finished. */
async function open(name: string, result: Result): Promise<{ page: Page; dialogs: string[]; requests: string[]; errors: string[] }> {
  const file = path.join(ARTIFACTS, `${name}.html`);
  await writeFile(file, formatHtml(result, { siteDir: 'dist' }));
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const dialogs: string[] = [];
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#graph[data-layout="done"]', { timeout: 60_000 });
  return { page, dialogs, requests, errors };
}

/** Pixels of the canvas that are not background, and those of one colour. */
async function canvasPixels(page: Page, rgb: [number, number, number]): Promise<{ drawn: number; colour: number }> {
  // Browser-side code as a string: the test program is typed without the DOM library.
  return page.evaluate<{ drawn: number; colour: number }>(`(() => {
    const target = ${JSON.stringify(rgb)};
    const canvas = document.querySelector('#graph');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    let colour = 0;
    for (let index = 0; index < data.length; index += 4) {
      if (data[index + 3] > 0) drawn++;
      if (data[index + 3] === 255 && data[index] === target[0] && data[index + 1] === target[1] && data[index + 2] === target[2]) colour++;
    }
    return { drawn, colour };
  })()`);
}

describe.skipIf(missing)('html report in Chromium', () => {
  it('draws the graph with orphans standing out, keeps site strings as text, and loads nothing', async () => {
    const { page, dialogs, requests, errors } = await open('report', await reportResult());
    // Orphan red (#d32f2f) and unreachable orange (#ef6c00) are drawn.
    const orphan = await canvasPixels(page, [0xd3, 0x2f, 0x2f]);
    expect(orphan.drawn).toBeGreaterThan(500);
    expect(orphan.colour).toBeGreaterThan(20);
    expect((await canvasPixels(page, [0xef, 0x6c, 0x00])).colour).toBeGreaterThan(20);

    // The XSS payloads are text: no dialog, no injected element, the title shown as written.
    const about = page.locator('#page-rows tr', { hasText: '/about/' });
    await expect.poll(() => about.locator('td').nth(1).textContent()).toBe('<script>alert(1)</script>');
    expect(await page.locator('#finding-rows').textContent()).toContain('/<img src=x onerror=alert(3)>/');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(3);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);

    // The status column marks the orphan and the island.
    expect(await page.locator('#page-rows tr', { hasText: '/orphan/' }).locator('.badge').allTextContents()).toEqual(['orphan']);
    expect(await page.locator('#page-rows tr', { hasText: '/island/a/' }).locator('.badge').allTextContents()).toEqual(['unreachable']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.close();
  });

  it('draws content links, template links on demand, and gathers pages by section', async () => {
    const result = await reportResult();
    const { page } = await open('template-toggle', result);
    const all = result.graph!.from.length;
    const content = Array.from(result.graph!.flags).filter((flags) => (flags & 1) !== 0).length;
    expect(content).toBeLessThan(all);
    expect(await page.evaluate<number>('window.linkgraphReport.drawnEdges()')).toBe(content);
    await page.check('#graph-template');
    expect(await page.evaluate<number>('window.linkgraphReport.drawnEdges()')).toBe(all);
    const sections = new Set(result.pages.map((item) => /^\/([^/]+)\//.exec(item.url)?.[1] ?? '/'));
    expect(await page.evaluate<string[]>('window.linkgraphReport.clusters()')).toEqual(expect.arrayContaining([...sections]));
    await page.close();
  });

  it('filters findings by rule and by severity', async () => {
    const result = await reportResult();
    const { page } = await open('filters', result);
    const visible = (): Promise<number> => page.locator('#finding-rows tr:not([hidden])').count();
    expect(await visible()).toBe(result.findings.length);
    await page.selectOption('#filter-rule', 'broken-fragment');
    expect(await visible()).toBe(result.findings.filter((finding) => finding.ruleId === 'broken-fragment').length);
    expect(await page.locator('#finding-rows tr:not([hidden]) td:nth-child(2)').allTextContents()).toEqual(['broken-fragment', 'broken-fragment']);
    await page.selectOption('#filter-rule', '');
    await page.selectOption('#filter-severity', 'error');
    const errors = result.findings.filter((finding) => finding.severity === 'error').length;
    expect(await visible()).toBe(errors);
    expect(await page.locator('#finding-count').textContent()).toBe(`Showing ${errors} of ${result.findings.length} findings`);
    await page.fill('#filter-text', 'abuot');
    expect(await visible()).toBe(1);
    await page.close();
  });

  it('shows a clicked page\'s inlinks and outlinks', async () => {
    const { page } = await open('click', await reportResult());
    const at = await page.evaluate<{ x: number; y: number }>(`window.linkgraphReport.screenPosition('/about/')`);
    await page.mouse.click(at.x, at.y);
    expect(await page.locator('#details .url').textContent()).toBe('/about/');
    expect(await page.locator('#details h3').textContent()).toBe('<script>alert(1)</script>');
    const lists = page.locator('#details ul');
    expect(await page.locator('#details h4').allTextContents()).toEqual(['Findings (2)', 'Inlinks (3)', 'Outlinks (2)']);
    expect(await lists.nth(1).locator('button').allTextContents()).toEqual(['/', '/blog/', '/blog/first-post/']);
    expect(await lists.nth(2).locator('button').allTextContents()).toEqual(['/', '/blog/']);
    // Clicking an inlink moves the selection to it.
    await lists.nth(1).locator('button', { hasText: '/blog/' }).first().click();
    expect(await page.locator('#details .url').textContent()).toBe('/blog/');
    await page.screenshot({ path: path.join(ARTIFACTS, 'selected.png') });
    await page.close();
  });

  it('stays usable at 1,500 pages', async () => {
    // Sections of 50 pages: a hub linking its pages, pages linking neighbours; a few orphans.
    const files: Record<string, string> = {};
    const hubs: string[] = [];
    for (let section = 0; section < 30; section++) {
      const pages: string[] = [];
      for (let item = 0; item < 50; item++) {
        const next = `/s${section}/p${(item + 1) % 50}/`;
        files[`s${section}/p${item}/index.html`] = htmlPage(`<main><a href="${next}">next</a> <a href="/s${section}/">up</a></main>`);
        pages.push(`<a href="/s${section}/p${item}/">page ${item}</a>`);
      }
      files[`s${section}/index.html`] = htmlPage(`<main>${pages.join(' ')}<a href="/">home</a></main>`);
      hubs.push(`<a href="/s${section}/">section ${section}</a>`);
    }
    for (let orphan = 0; orphan < 5; orphan++) files[`lost/${orphan}/index.html`] = htmlPage('<main>nobody links here</main>');
    files['index.html'] = htmlPage(`<main>${hubs.join(' ')}</main>`);
    const result = await runSite(files);
    expect(result.pages.length).toBe(1536);
    const started = performance.now();
    const { page, errors } = await open('large', result);
    const seconds = (performance.now() - started) / 1000;
    expect(errors).toEqual([]);
    // The layout stops after its budget of ticks; the time bound is loose for a loaded machine.
    expect(await page.locator('#graph').getAttribute('data-ticks')).toBe('200');
    expect(seconds).toBeLessThan(45);
    expect((await canvasPixels(page, [0xd3, 0x2f, 0x2f])).colour).toBeGreaterThan(20);
    // Interaction stays quick: a filter over every page row.
    const before = performance.now();
    await page.fill('#filter-page', '/lost/');
    expect(await page.locator('#page-rows tr:not([hidden])').count()).toBe(5);
    expect(performance.now() - before).toBeLessThan(2000);
    await page.screenshot({ path: path.join(ARTIFACTS, 'large.png') });
    const layout = await page.locator('#graph').getAttribute('data-layout-ms');
    await writeFile(path.join(ARTIFACTS, 'large-timing.txt'), `1536 pages, ${result.graph!.from.length} edges: opened and laid out in ${seconds.toFixed(2)} s (layout ${layout} ms)\n`);
    await page.close();
  }, 90_000);
});
