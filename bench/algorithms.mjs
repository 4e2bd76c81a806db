// Times click depth and PageRank alone on a random graph: `npm run build && node bench/algorithms.mjs [nodes] [edgesPerNode]`.
import { seededRandom } from '../test/helpers/seeded-random.ts';
import { clickDepth } from '../dist/graph/click-depth.js';
import { linkScores, pageRank } from '../dist/graph/page-rank.js';

const nodeCount = Number(process.argv[2] ?? 100_000);
const perNode = Number(process.argv[3] ?? 100);
// The repository's one seeded generator, so that every run measures the same graph.
const random = seededRandom(7);
const offsets = new Int32Array(nodeCount + 1);
const targets = new Int32Array(nodeCount * perNode);
for (let node = 0; node < nodeCount; node++) {
  for (let k = 0; k < perNode; k++) targets[node * perNode + k] = Math.floor(random() * nodeCount);
  offsets[node + 1] = (node + 1) * perNode;
}
const free = new Uint8Array(targets.length);
let start = performance.now();
const depths = clickDepth({ nodeCount, offsets, targets, free, entries: [0] });
const depthMs = performance.now() - start;
start = performance.now();
const scores = linkScores(pageRank({ nodeCount, offsets, targets }));
const rankMs = performance.now() - start;
console.log(`${nodeCount} nodes, ${targets.length} edges: click depth ${Math.round(depthMs)} ms (max ${Math.max(...depths.depth)}), PageRank ${Math.round(rankMs)} ms (scores ${scores.length})`);
