import { describe, expect, it } from 'vitest';
import { clickDepth, shortestPath } from '../../src/graph/click-depth.js';

/** Compressed rows from an adjacency list of `[target, free]` pairs. */
function input(adjacency: [number, 0 | 1][][], entries: number[]) {
  const offsets = new Int32Array(adjacency.length + 1);
  adjacency.forEach((row, node) => (offsets[node + 1] = offsets[node]! + row.length));
  const flat = adjacency.flat();
  return {
    nodeCount: adjacency.length,
    offsets,
    targets: Int32Array.from(flat.map(([target]) => target)),
    free: Uint8Array.from(flat.map(([, free]) => free)),
    entries,
  };
}

describe('clickDepth', () => {
  it('counts clicks from the nearest entry, -1 when unreachable', () => {
    // 0 -> 1 -> 2 -> 3; 4 is an entry linking to 3; 5 and 6 link only each other.
    const depths = clickDepth(input([[[1, 0]], [[2, 0]], [[3, 0]], [], [[3, 0]], [[6, 0]], [[5, 0]]], [0, 4]));
    expect([...depths.depth]).toEqual([0, 1, 2, 1, 0, -1, -1]);
    expect(shortestPath(depths, 2)).toEqual([0, 1, 2]);
    expect(shortestPath(depths, 3)).toEqual([4, 3]);
    expect(shortestPath(depths, 5)).toEqual([]);
  });

  it('lets free edges (pagination steps) cost no click', () => {
    // 0 -> 1 (blog), 1 -free-> 2 -free-> 3 (pages 2 and 3), 3 -> 4 (a post).
    const depths = clickDepth(input([[[1, 0]], [[2, 1]], [[3, 1]], [[4, 0]], []], [0]));
    expect([...depths.depth]).toEqual([0, 1, 1, 1, 2]);
    expect(shortestPath(depths, 4)).toEqual([0, 1, 2, 3, 4]);
  });

  it('prefers a free path found later over a costly one found first', () => {
    // 0 -> 2 costs 1; 0 -free-> 1 -free-> 2 costs 0.
    const depths = clickDepth(input([[[2, 0], [1, 1]], [[2, 1]], []], [0]));
    expect([...depths.depth]).toEqual([0, 0, 0]);
    expect(shortestPath(depths, 2)).toEqual([0, 1, 2]);
  });
});
