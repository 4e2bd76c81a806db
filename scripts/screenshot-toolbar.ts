// `npm run screenshot:toolbar`: the README's picture of the dev toolbar app
// (docs/images/dev-toolbar.png), taken in Debian's Chromium on `astro dev`
// of a copy of the playground after one `astro build`, with the app open on
// a guide and its broken fragment outlined.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { astro, playgroundCopy, REPO, startDev } from '../test/helpers/astro-dev.js';
import { launchChromium } from '../test/helpers/chromium.js';

const OUT = path.join(REPO, 'docs/images/dev-toolbar.png');
const root = await playgroundCopy();
const server = await (async () => {
  await astro(root, ['build', '--silent']);
  return startDev(root);
})();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  // The toolbar on the right, as an author may put it, so that the window leaves the page's text in view.
  await page.addInitScript(() => localStorage.setItem('astro:dev-toolbar:settings', JSON.stringify({ placement: 'bottom-right' })));
  await page.goto(`${server.origin}/guides/getting-started/`);
  // The first visit may be reloaded once by Vite's dependency optimiser.
  await page.locator('astro-dev-toolbar button[data-app-id="linkgraph"] .item-tooltip', { hasText: 'linkgraph: ' }).waitFor({ state: 'attached' });
  await page.reload();
  await page.locator('astro-dev-toolbar button[data-app-id="linkgraph"]').click();
  await page.locator('li.finding[data-rule="broken-fragment"] button.show').click();
  await page.locator('astro-dev-toolbar-highlight[data-linkgraph-active]').waitFor();
  await page.screenshot({ path: OUT });
  console.log(`Wrote ${path.relative(REPO, OUT)}`);
} finally {
  await browser.close();
  await server.stop();
  await rm(root, { recursive: true, force: true });
}
