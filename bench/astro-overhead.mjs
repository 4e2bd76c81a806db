// What the Astro integration adds to `astro build` of the playground: five
// builds with it and five without (interleaved), median of each, printed.
// Run with `npm run bench:astro` (builds linkgraph first).
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import { build } from 'astro';
import linkgraph from 'linkgraph/astro';

const root = fileURLToPath(new URL('../playground/', import.meta.url));
const runs = Number(process.env.RUNS ?? 5);
// Inside the repository so the builds resolve the playground's dependencies.
const temp = await mkdtemp(path.join(fileURLToPath(new URL('../node_modules/.cache/', import.meta.url)), 'astro-overhead-'));

/** Time the integration's `astro:build:done` hook (read, check, strip, report) on its own too. */
const hookTimes = [];
function timedLinkgraph() {
  const integration = linkgraph({ failOn: 'never' });
  const done = integration.hooks['astro:build:done'];
  integration.hooks['astro:build:done'] = async (options) => {
    const started = performance.now();
    try {
      await done(options);
    } finally {
      hookTimes.push(performance.now() - started);
    }
  };
  return integration;
}

/** One build of the playground, with its own config file's settings inline. */
async function time(withLinkgraph, run) {
  const started = performance.now();
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    outDir: path.join(temp, `${withLinkgraph ? 'with' : 'without'}-${run}`),
    site: 'https://playground.example',
    redirects: { '/start': '/guides/getting-started/' },
    integrations: [mdx(), ...(withLinkgraph ? [timedLinkgraph()] : [])],
  });
  return performance.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = { with: [], without: [] };
try {
  // One warm-up of each, so that both measured series start from warm module caches.
  await time(false, 'warm');
  await time(true, 'warm');
  hookTimes.length = 0;
  for (let run = 0; run < runs; run++) {
    samples.without.push(await time(false, run));
    samples.with.push(await time(true, run));
  }
} finally {
  await rm(temp, { recursive: true, force: true });
}
const without = median(samples.without);
const withIt = median(samples.with);
const format = (ms) => `${ms.toFixed(0)} ms`;
console.log(`astro build of the playground, median of ${runs}:`);
console.log(`  without linkgraph  ${format(without)}   (${samples.without.map(format).join(', ')})`);
console.log(`  with linkgraph     ${format(withIt)}   (${samples.with.map(format).join(', ')})`);
console.log(`  overhead           ${format(withIt - without)} (${(((withIt - without) / without) * 100).toFixed(1)}%)`);
console.log(`  build:done hook    ${format(median(hookTimes))}   (${hookTimes.map(format).join(', ')}): read, check, strip tags, report`);
