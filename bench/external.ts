// Benchmark of the outbound check (not a test): 5,000 unique URLs over 50
// loopback hosts with 20 ms of latency each. Prints linkgraph's time, the
// bound its limits allow, the ratio, and linkinator's time on the same URLs.
//
//   npm run bench:external
//
// The hosts run in a worker thread. undici closes the connection after every
// HEAD (it guards against servers that send a body anyway), so each URL costs a
// connect; on loopback that is CPU, not latency, and the "bare undici" line
// shows what this machine allows without any checker around it.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { LinkChecker } from 'linkinator';
import { Agent, request } from 'undici';
import { createExternalChecker } from '../src/external/create-checker.js';
import { resolveOptions } from '../src/options.js';

const HOSTS = 50;
const URLS = 5000;
const LATENCY = 20;

const worker = new Worker(new URL('./external-servers.ts', import.meta.url), { workerData: { hosts: HOSTS, latency: LATENCY, page: [] } });
const ask = async <T>(message: object, kind: string): Promise<T> => {
  worker.postMessage(message);
  for (;;) {
    const [reply] = (await once(worker, 'message')) as [{ kind: string } & T];
    if (reply.kind === kind) return reply;
  }
};
const [ready] = (await once(worker, 'message')) as [{ origins: string[] }];
const urls = Array.from({ length: URLS }, (_, index) => `${ready.origins[index % HOSTS]}/page/${index}`);
const perHostUrls = Math.ceil(URLS / HOSTS);

/** Least time the limits allow: per host (concurrency and interval) and overall. */
function bound(concurrency: number, perHost: number, interval: number): { perHost: number; global: number; total: number } {
  const byConcurrency = Math.ceil(perHostUrls / perHost) * LATENCY;
  const byInterval = (perHostUrls - 1) * interval + LATENCY;
  const host = Math.max(byConcurrency, byInterval);
  const global = Math.ceil(URLS / concurrency) * LATENCY;
  return { perHost: host, global, total: Math.max(host, global) };
}

async function runLinkgraph(label: string, external: { concurrency: number; perHost: number; interval: number }): Promise<void> {
  await ask({ kind: 'reset' }, 'reset');
  const options = resolveOptions({ external: { enabled: true, cache: false, excludePrivate: false, ...external } }).external;
  const checker = createExternalChecker(options, { env: {} });
  const started = performance.now();
  const results = await checker(urls.map((url) => ({ url, fragments: [] })));
  const elapsed = performance.now() - started;
  const { stats } = await ask<{ stats: Record<string, { requests: number; maxActive: number }> }>({ kind: 'stats' }, 'stats');
  const ok = [...results.statuses.values()].filter((status) => status.state === 'ok').length;
  const requests = Object.values(stats).reduce((sum, stat) => sum + stat.requests, 0);
  const maxActive = Math.max(...Object.values(stats).map((stat) => stat.maxActive));
  const limit = bound(external.concurrency, external.perHost, external.interval);
  console.log(`linkgraph ${label}`);
  console.log(`  limits: ${external.concurrency} overall, ${external.perHost} per host, ${external.interval} ms apart per host`);
  console.log(`  ${ok}/${URLS} ok, ${requests} requests, at most ${maxActive} in flight on one host`);
  console.log(`  bound: per host max(ceil(${perHostUrls}/${external.perHost}) x ${LATENCY} ms, ${perHostUrls - 1} x ${external.interval} ms + ${LATENCY} ms) = ${limit.perHost} ms; global ceil(${URLS}/${external.concurrency}) x ${LATENCY} ms = ${limit.global} ms`);
  console.log(`  time: ${elapsed.toFixed(0)} ms; bound ${limit.total} ms; ratio ${(elapsed / limit.total).toFixed(2)}x`);
}

/**
 * The floor this machine allows: bare undici HEAD requests, 128 at once, no
 * per-host gate, no classification. Shows how much of linkgraph's time is
 * the client's CPU rather than its limits.
 */
async function runUndici(): Promise<void> {
  await ask({ kind: 'reset' }, 'reset');
  const agent = new Agent({ connections: 10 });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 128 }, async () => {
      while (next < urls.length) {
        const response = await request(urls[next++]!, { dispatcher: agent, method: 'HEAD' });
        await response.body.dump();
      }
    }),
  );
  const elapsed = performance.now() - started;
  await agent.close();
  console.log(`bare undici (128 at once, 10 connections per host, no checker)`);
  console.log(`  time: ${elapsed.toFixed(0)} ms; ratio to the 800 ms bound ${(elapsed / 800).toFixed(2)}x`);
}

async function runLinkinator(): Promise<void> {
  await ask({ kind: 'reset' }, 'reset');
  const { url } = await ask<{ url: string }>({ kind: 'page', urls }, 'page');
  const checker = new LinkChecker();
  const started = performance.now();
  const result = await checker.check({ path: url, concurrency: 128, timeout: 30_000 });
  const elapsed = performance.now() - started;
  const { stats } = await ask<{ stats: Record<string, { requests: number; maxActive: number }> }>({ kind: 'stats' }, 'stats');
  const ok = result.links.filter((link) => link.state === 'OK').length;
  const maxActive = Math.max(...Object.values(stats).map((stat) => stat.maxActive));
  console.log(`linkinator (concurrency 128, no per-host limit)`);
  console.log(`  ${ok}/${result.links.length} links ok (the page itself included), at most ${maxActive} in flight on one host`);
  console.log(`  time: ${elapsed.toFixed(0)} ms`);
}

console.log(`${URLS} unique URLs over ${HOSTS} hosts (127.0.0.2-127.0.0.${HOSTS + 1}), ${LATENCY} ms latency each\n`);
await runLinkgraph('with the default limits', { concurrency: 128, perHost: 10, interval: 50 });
await runLinkgraph('without an interval', { concurrency: 128, perHost: 10, interval: 0 });
await runUndici();
await runLinkinator();
await ask({ kind: 'close' }, 'closed');
await worker.terminate();
