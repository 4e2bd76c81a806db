/**
 * PageRank over a compressed adjacency, and the 0-100 log-scale score
 * linkgraph reports as a page's internal link score.
 */

/** A directed graph as compressed rows. */
export interface RankInput {
  /** Number of nodes. */
  nodeCount: number;
  /** Out-edges of node `n` are `targets[offsets[n] .. offsets[n + 1]]`; length `nodeCount + 1`. */
  offsets: Int32Array;
  /** Target node of each edge (no duplicates within a row, no self-loops). */
  targets: Int32Array;
  /** Probability of following a link rather than jumping. Default 0.85. */
  damping?: number;
  /** Stop when the L1 change of one iteration is below this. Default 1e-10. */
  tolerance?: number;
  /** Upper bound on iterations. Default 100. */
  maxIterations?: number;
}

/**
 * PageRank by power iteration: `r'(v) = (1 - d) / N + d * (Σ r(u) / out(u)
 * over links u -> v + D / N)`, where `D` is the rank of nodes without
 * out-links (spread evenly, so ranks always sum to 1).
 *
 * @returns one rank per node, summing to 1 (empty for an empty graph).
 */
export function pageRank(input: RankInput): Float64Array {
  const { nodeCount: n, offsets, targets } = input;
  const damping = input.damping ?? 0.85;
  const tolerance = input.tolerance ?? 1e-10;
  const maxIterations = input.maxIterations ?? 100;
  let rank = new Float64Array(n).fill(n === 0 ? 0 : 1 / n);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations && n > 0; iteration++) {
    let dangling = 0;
    for (let node = 0; node < n; node++) if (offsets[node + 1] === offsets[node]) dangling += rank[node]!;
    next.fill((1 - damping) / n + (damping * dangling) / n);
    for (let node = 0; node < n; node++) {
      const start = offsets[node]!;
      const end = offsets[node + 1]!;
      if (start === end) continue;
      const share = (damping * rank[node]!) / (end - start);
      for (let edge = start; edge < end; edge++) next[targets[edge]!]! += share;
    }
    let change = 0;
    for (let node = 0; node < n; node++) change += Math.abs(next[node]! - rank[node]!);
    [rank, next] = [next, rank];
    if (change < tolerance) break;
  }
  return rank;
}

/**
 * Ranks on a 0-100 log scale: `round(100 * ln(r / min) / ln(max / min))`,
 * with `min` and `max` the lowest and highest rank of the set. The best
 * linked page scores 100, the least linked 0; a set whose ranks are all
 * equal scores 100 throughout.
 */
export function linkScores(ranks: Float64Array): Float64Array {
  const scores = new Float64Array(ranks.length);
  if (ranks.length === 0) return scores;
  let min = Infinity;
  let max = 0;
  for (const rank of ranks) {
    if (rank < min) min = rank;
    if (rank > max) max = rank;
  }
  const span = Math.log(max / min);
  for (let i = 0; i < ranks.length; i++) {
    scores[i] = !(span > 1e-9) ? 100 : Math.round((100 * Math.log(ranks[i]! / min)) / span);
  }
  return scores;
}
