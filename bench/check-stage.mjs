// Times the site-wide check (graph, every rule, metrics) on a real built site, step by step:
// `npm run build && node bench/check-stage.mjs <site dir> [runs]`. Pages are read and collected once;
// then `check` runs `runs` times on the same records, and the median of each step is printed.
// `LINKGRAPH_RECORDS=<file>` keeps the records in that file between runs (v8 serialization), so
// that comparing two builds of the check does not re-read the site each time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { check } from '../dist/engine/check.js';
import { collectPages, compactor } from '../dist/node/collect-pages.js';
import { listSite } from '../dist/node/list-site.js';
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
const recordsFile = process.env.LINKGRAPH_RECORDS;
let started = performance.now();
let pages;
if (recordsFile && existsSync(recordsFile)) {
  pages = deserialize(readFileSync(recordsFile));
  // Deserializing copies every string per use: share them again, as collectPages does, so that the
  // check meets the records it meets in a real run.
  pages.forEach(compactor());
  console.log(`loaded ${pages.length} page records from ${recordsFile} in ${(performance.now() - started).toFixed(0)} ms`);
} else {
  pages = await collectPages(listing.root, entries, { collect: {} }, { warnings: [], unreadable: [] });
  console.log(`collected ${pages.length} pages in ${(performance.now() - started).toFixed(0)} ms`);
  if (recordsFile) writeFileSync(recordsFile, serialize(pages));
}
const steps = new Map();
const totals = [];
const cpu = [];
for (let run = 0; run < Number(runsArg); run++) {
  started = performance.now();
  // CPU time of this thread: steadier than wall time when other processes share the cores.
  const cpuStart = process.threadCpuUsage();
  await check({ pages, files: listing.files, options, timing: (step, ms) => steps.set(step, [...(steps.get(step) ?? []), ms]) });
  const used = process.threadCpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  totals.push(performance.now() - started);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [step, values] of [...steps].sort((a, b) => median(b[1]) - median(a[1])).slice(0, 14)) console.log(`${step.padEnd(32)} ${median(values).toFixed(1).padStart(8)} ms`);
console.log(`${'check, total'.padEnd(32)} ${median(totals).toFixed(1).padStart(8)} ms (median of ${totals.length}); CPU time of the thread ${median(cpu).toFixed(1)} ms`);
