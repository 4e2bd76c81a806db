import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `npm test` installs when it can (scripts/ensure-chromium.mjs). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether browser tests must be skipped: Chromium is missing and this is not
 * CI (where it is installed, so there the tests must run and fail loudly).
 */
export const chromiumMissing = !existsSync(CHROMIUM) && !process.env['CI'];

/** Launch headless Chromium with no background network traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
