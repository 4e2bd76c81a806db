// Times the link-graph stage on a synthetic site: `npm run build && node bench/graph.mjs [pages] [linksPerPage] [suggestions]`.
// Page records are made directly (no HTML parsing), so the figure is graph + rules + metrics.
import { seededRandom } from '../test/helpers/seeded-random.ts';
import { check } from '../dist/engine/check.js';
import { resolveOptions } from '../dist/options.js';

const pageCount = Number(process.argv[2] ?? 10_000);
const linksPerPage = Number(process.argv[3] ?? 30);
const words = Array.from({ length: 5000 }, (_, i) => `w${(i * 7919) % 100_003}`);
// The repository's one seeded generator, so that every run measures the same site.
const random = seededRandom(42);
const pick = () => words[Math.floor(random() ** 2 * words.length)];
const position = { known: false };
const pages = [];
for (let i = 0; i < pageCount; i++) {
  const url = i === 0 ? '/' : `/p/${i}/`;
  const links = [];
  for (const nav of [0, 1, 2, 3, 4]) links.push({ source: 'a[href]', href: nav === 0 ? '/' : `/p/${nav}/`, text: `nav ${nav}`, rel: [], region: 'template', position });
  // Every tenth page is left out of the content links: orphans that get suggestions.
  for (let k = 0; k < linksPerPage; k++) {
    let to = Math.floor(random() * pageCount);
    if (to % 10 === 7) to = (to + 1) % pageCount;
    links.push({ source: 'a[href]', href: to === 0 ? '/' : `/p/${to}/`, text: pick(), rel: [], region: 'content', position });
  }
  const text = Array.from({ length: 600 }, pick).join(' ');
  pages.push({ file: i === 0 ? 'index.html' : `p/${i}/index.html`, url, title: `${pick()} ${pick()} | Site`, noindex: false, ids: [], headings: [pick(), pick()], text: text.slice(0, 4000), links });
}
const suggestions = Number(process.argv[4] ?? 3);
const options = resolveOptions({ rules: { 'broken-internal-link': 'off', 'broken-fragment': 'off', 'single-inlink': 'warn', 'dead-end-page': 'warn', 'orphan-page': ['error', { suggestions }], 'content-orphan': ['warn', { suggestions }] } });
const start = performance.now();
const result = await check({ pages, files: pages.map((page) => page.file), options });
const ms = performance.now() - start;
const counts = {};
for (const finding of result.findings) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
console.log(`${pageCount} pages, ${result.summary.links} links: ${Math.round(ms)} ms`, counts);
