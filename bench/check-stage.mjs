// Times the site-wide check (graph, every rule, metrics) on a real built site, step by step:
// `npm run build && node bench/check-stage.mjs <site dir> [runs]`. Pages are read and collected once;
// then `check` runs `runs` times on the same records, and the median of each step is printed.
import { check } from '../dist/engine/check.js';
import { collectPages } from '../dist/node/collect-pages.js';
import { listSite } from '../dist/node/read-site.js';
import { resolveOptions } from '../dist/options.js';
import { isPageFile, urlOfFile } from '../dist/site/site-model.js';

const [dir, runsArg = '5'] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: node bench/check-stage.mjs <site dir> [runs]\n');
  process.exit(2);
}
const options = resolveOptions({});
const listing = await listSite(dir);
const entries = listing.files.filter(isPageFile).map((file) => ({ file, url: urlOfFile(file, '/', options.trailingSlash) }));
let started = performance.now();
const pages = await collectPages(listing.root, entries, { collect: {} }, []);
console.log(`collected ${pages.length} pages in ${(performance.now() - started).toFixed(0)} ms`);
const steps = new Map();
const totals = [];
for (let run = 0; run < Number(runsArg); run++) {
  started = performance.now();
  await check({ pages, files: listing.files, options, timing: (step, ms) => steps.set(step, [...(steps.get(step) ?? []), ms]) });
  totals.push(performance.now() - started);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [step, values] of [...steps].sort((a, b) => median(b[1]) - median(a[1])).slice(0, 14)) console.log(`${step.padEnd(32)} ${median(values).toFixed(1).padStart(8)} ms`);
console.log(`${'check, total'.padEnd(32)} ${median(totals).toFixed(1).padStart(8)} ms (median of ${totals.length})`);
