/**
 * Click depth: the fewest clicks from the nearest entry point, by a
 * level-by-level 0-1 breadth-first search over a compressed adjacency.
 * Pure and allocation-light (typed arrays), for 100k pages and 10M links.
 */

/** A directed graph as compressed rows, with a cost flag per edge. */
export interface DepthInput {
  /** Number of nodes (pages). */
  nodeCount: number;
  /** Out-edges of node `n` are `targets[offsets[n] .. offsets[n + 1]]`; length `nodeCount + 1`. */
  offsets: Int32Array;
  /** Target node of each edge. */
  targets: Int32Array;
  /**
   * `1` where following the edge costs no click (a pagination step, an
   * `hreflang` alternate); `0` for an ordinary link. Same length as `targets`.
   */
  free: Uint8Array;
  /** Start nodes, at depth 0. */
  entries: readonly number[];
}

/** Depth and shortest-path tree of every node. */
export interface Depths {
  /** Clicks from the nearest entry; `-1` when unreachable. */
  depth: Int32Array;
  /** Previous node on one shortest path; `-1` for entries and unreachable nodes. */
  parent: Int32Array;
}

const UNSEEN = 0x7fffffff;

/**
 * Shortest click distance from any entry to every node.
 *
 * Each level is a queue that grows while it is drained: a free edge adds its
 * target to the current level, an ordinary edge to the next. A node whose
 * depth dropped after it was queued is skipped when met again (stale entry).
 * Ties keep the first path found, so the result follows edge order and is
 * deterministic.
 */
export function clickDepth(input: DepthInput): Depths {
  const { nodeCount, offsets, targets, free } = input;
  const depth = new Int32Array(nodeCount).fill(UNSEEN);
  const parent = new Int32Array(nodeCount).fill(-1);
  let current: number[] = [];
  for (const entry of input.entries) {
    if (entry < 0 || entry >= nodeCount || depth[entry] === 0) continue;
    depth[entry] = 0;
    current.push(entry);
  }
  for (let level = 0; current.length > 0; level++) {
    const next: number[] = [];
    for (let i = 0; i < current.length; i++) {
      const node = current[i]!;
      if (depth[node] !== level) continue;
      for (let edge = offsets[node]!, end = offsets[node + 1]!; edge < end; edge++) {
        const target = targets[edge]!;
        const cost = free[edge] === 1 ? 0 : 1;
        if (level + cost >= depth[target]!) continue;
        depth[target] = level + cost;
        parent[target] = node;
        (cost === 0 ? current : next).push(target);
      }
    }
    current = next;
  }
  for (let node = 0; node < nodeCount; node++) if (depth[node] === UNSEEN) depth[node] = -1;
  return { depth, parent };
}

/**
 * One shortest path from an entry to `node`, entry first, or `[]` when the
 * node is unreachable.
 */
export function shortestPath(depths: Depths, node: number): number[] {
  if (depths.depth[node] === undefined || depths.depth[node] === -1) return [];
  const path: number[] = [];
  for (let at = node; at !== -1; at = depths.parent[at]!) path.push(at);
  return path.reverse();
}
