// `npm run bench:dev-toolbar`: what the dev toolbar app costs `astro dev` of
// the playground. Two copies of the playground, one with linkgraph's
// `devToolbar` on (the default) and one with it off, each built once and
// served by its own `astro dev`. Each round measures one variant, then the
// other (the order swapped every round), with a pause between them so that
// no background check of one falls into the other's figures. Prints, per
// variant, the median and 90th percentile of:
// - time to first byte of a page over plain HTTP (no browser: what every
//   request pays for the integration's hooks and the source tags);
// - time to first byte of each navigation in Chromium, page after page,
//   250 ms apart: the app (on the first copy) checks each page once the
//   browser is idle, so a check still running when the author clicks on
//   shows here;
// and the app's check of a page (ms on the server, first and repeated).
// RUNS=20 by default.
import { request } from 'node:http';
import { rm } from 'node:fs/promises';
import { askDevServer, astro, playgroundCopy, startDev, type DevServer } from '../test/helpers/astro-dev.js';
import { launchChromium } from '../test/helpers/chromium.js';

const RUNS = Number(process.env['RUNS'] ?? 20);
/** Time on a page before the next click. */
const DWELL_MS = 250;
/** Quiet time between one variant's turn and the other's. */
const SETTLE_MS = 1500;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const PAGES = ['/', '/guides/', '/guides/configuration/', '/guides/getting-started/', '/changelog/', '/about/'];

/** Time from sending a GET to its response headers, in ms; the body is read to the end. */
function ttfb(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    request(url, { headers: { accept: 'text/html' } }, (response) => {
      const first = performance.now() - started;
      response.resume();
      response.on('end', () => resolve(first));
    })
      .on('error', reject)
      .end();
  });
}

function stats(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms (n=${values.length})`;
}

const variants: { name: string; root: string; server?: DevServer }[] = [
  { name: 'devToolbar: true', root: await playgroundCopy() },
  { name: 'devToolbar: false', root: await playgroundCopy((text) => text.replace('linkgraph({', 'linkgraph({\n      devToolbar: false,')) },
];
const browser = await launchChromium();
try {
  for (const variant of variants) {
    await astro(variant.root, ['build', '--silent']);
    variant.server = await startDev(variant.root);
  }
  const plain = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  const navigation = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  const tabs = await Promise.all(variants.map(async () => (await browser.newContext()).newPage()));
  // Warm-up: every page once in each, so that Vite's transforms and dependency optimisation are done.
  for (const [index, variant] of variants.entries()) {
    for (const pathname of PAGES) await tabs[index]!.goto(`${variant.server!.origin}${pathname}`);
  }
  for (let run = 0; run < RUNS; run++) {
    for (const index of run % 2 === 0 ? [0, 1] : [1, 0]) {
      const variant = variants[index]!;
      for (const pathname of PAGES) plain.get(variant.name)!.push(await ttfb(`${variant.server!.origin}${pathname}`));
      const tab = tabs[index]!;
      for (const pathname of PAGES) {
        await tab.goto(`${variant.server!.origin}${pathname}`);
        const timing = await tab.evaluate<{ requestStart: number; responseStart: number }>('performance.getEntriesByType("navigation")[0].toJSON()');
        navigation.get(variant.name)!.push(timing.responseStart - timing.requestStart);
        await sleep(DWELL_MS);
      }
      await sleep(SETTLE_MS);
    }
  }
  console.log(`Playground, ${PAGES.length} pages, ${RUNS} rounds, the two dev servers in turn.`);
  console.log('\nTime to first byte, plain HTTP:');
  for (const [name, values] of plain) console.log(`  ${name.padEnd(18)} ${stats(values)}`);
  console.log(`\nTime to first byte of each navigation in Chromium, ${DWELL_MS} ms apart (the app checks each page when idle):`);
  for (const [name, values] of navigation) console.log(`  ${name.padEnd(18)} ${stats(values)}`);
  // The check itself, as the app asks for it: a fresh server's first check of each page, then repeated.
  const withApp = variants[0]!;
  await withApp.server!.stop();
  withApp.server = await startDev(withApp.root);
  const first: number[] = [];
  const again: number[] = [];
  for (const pathname of PAGES) first.push((await askDevServer(withApp.server.origin, pathname))['took'] as number);
  for (let run = 0; run < 5; run++) for (const pathname of PAGES) again.push((await askDevServer(withApp.server.origin, pathname))['took'] as number);
  console.log('\nThe app\'s check of a page, on the server:');
  console.log(`  first check of each page after start  ${stats(first)}`);
  console.log(`  checked again (answers kept)          ${stats(again)}`);
} finally {
  await browser.close();
  for (const variant of variants) {
    await variant.server?.stop();
    await rm(variant.root, { recursive: true, force: true });
  }
}
