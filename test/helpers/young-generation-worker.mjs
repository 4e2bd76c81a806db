// A worker loop (loaded through linkgraph's worker entry) that allocates
// short-lived objects until V8 has grown its young generation as far as it
// may, and sends back the young generation's size in MiB (both semi-spaces).
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';

let kept = [];
for (let i = 0; i < 4_000_000; i++) {
  const object = { i, text: `x${i}` };
  if (i % 8 === 0) kept.push(object);
  if (kept.length > 100_000) kept = [];
}
const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
parentPort.postMessage(newSpace.space_size / 2 ** 20);
