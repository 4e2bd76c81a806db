import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
const dist = process.argv[2];
const { buildGraph } = await import(`${dist}/graph/build-graph.js`);
const { createSiteModel } = await import(`${dist}/site/site-model.js`);
const { suggestLinkers } = await import(`${dist}/graph/link-suggestions.js`);
const { linkMetrics } = await import(`${dist}/graph/link-metrics.js`);
const pages = deserialize(readFileSync(process.argv[3])).sort((a, b) => (a.file < b.file ? -1 : 1));
const site = createSiteModel({ files: pages.map((p) => p.file), pageFiles: pages.map((p) => p.file), base: '/', trailingSlash: 'ignore', redirects: {} });
let t = process.threadCpuUsage();
const graph = buildGraph(pages, site, {});
let u = process.threadCpuUsage(t); console.log('graph cpu', ((u.user + u.system) / 1000).toFixed(0));
t = process.threadCpuUsage(); linkMetrics(graph); u = process.threadCpuUsage(t); console.log('metrics cpu', ((u.user + u.system) / 1000).toFixed(0));
for (let i = 0; i < 2; i++) {
  const g = { ...graph };
  linkMetrics(g);
  const t = process.threadCpuUsage();
  suggestLinkers(g, 5);
  const u = process.threadCpuUsage(t);
  console.log('suggest first call cpu', ((u.user + u.system) / 1000).toFixed(0));
}
