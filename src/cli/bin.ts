#!/usr/bin/env node
import module from 'node:module';
import path from 'node:path';
import type { SiteListing } from '../node/list-site.js';

// Keep V8's compiled code of linkgraph and its dependencies on disk between runs (in the OS temp
// directory, or `NODE_COMPILE_CACHE`; `NODE_DISABLE_COMPILE_CACHE=1` turns it off), as tsc and npm
// do: loading the modules took 60-70 ms less per thread. Enabled before anything else is imported.
module.enableCompileCache();

/** The young generation that large sites run with: 16 MiB semi-spaces, as the workers have (`WORKER_YOUNG_GENERATION_MB`). */
const SMALL_NURSERY = '--max-semi-space-size=16';

/** Pages from which a site is large enough to restart for ({@link restartIfLarge}). */
const LARGE_SITE_PAGES = 1500;

/**
 * On a large site, start this process again with {@link SMALL_NURSERY}, before
 * anything else is loaded: V8 grows the main thread's young generation to
 * 64 MiB semi-spaces on a machine with this much memory, and its short-lived
 * objects (a tag's strings, a link's resolution) then fall out of the
 * processor's cache; only a flag at start-up changes it. On 10,000 pages and
 * 2 cores the flag saved about 7% of the time and 100 MiB of memory (6
 * interleaved rounds), at 1,000 pages about 4%; starting Node again costs
 * about 80 ms. So only from {@link LARGE_SITE_PAGES} pages, which the
 * listing stops at (it takes about 30 ms). Not when the user chose a size
 * (`NODE_OPTIONS` or a flag), not for anything but `check` and `baseline` of
 * a readable directory (the run reports what is wrong), and not where Node
 * cannot replace its process (`process.execve`: Node >= 23.11, not on
 * Windows): the run then goes on here.
 */
async function restartIfLarge(): Promise<SiteListing | undefined> {
  const flags = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  if (process.execve === undefined || flags.some((flag) => flag.startsWith('--max-semi-space-size'))) return undefined;
  const { parseCliArgs } = await import('./args.js');
  let dir: string | undefined;
  try {
    const { positionals, values } = parseCliArgs(process.argv.slice(2));
    if ((positionals[0] === 'check' || positionals[0] === 'baseline') && !values.help && !values.version) dir = positionals[1];
  } catch {
    // Bad usage: the run says so.
  }
  if (dir === undefined) return undefined;
  const [{ listSite }, { isPageFile }] = await Promise.all([import('../node/list-site.js'), import('../site/site-model.js')]);
  let large = false;
  let listing: SiteListing;
  try {
    listing = await listSite(path.resolve(dir), { count: LARGE_SITE_PAGES, matches: isPageFile, reached: () => (large = true) });
  } catch {
    // Not a directory: the run says so.
    return undefined;
  }
  // A smaller site's listing is whole: the run uses it instead of listing the site again.
  if (!large) return listing;
  try {
    process.execve(process.execPath, [process.execPath, SMALL_NURSERY, ...process.execArgv, ...process.argv.slice(1)], process.env);
  } catch {
    // The run goes on in this process.
  }
  return undefined;
}

const listing = await restartIfLarge();
const { main } = await import('./main.js');

try {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    listing,
  });
} catch (error) {
  process.stderr.write(`linkgraph: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
