import { describe, expect, it } from 'vitest';
import { linkScores, pageRank } from '../../src/graph/page-rank.js';

/** Compressed rows from an adjacency list. */
function csr(adjacency: number[][]): { nodeCount: number; offsets: Int32Array; targets: Int32Array } {
  const offsets = new Int32Array(adjacency.length + 1);
  adjacency.forEach((row, node) => (offsets[node + 1] = offsets[node]! + row.length));
  return { nodeCount: adjacency.length, offsets, targets: Int32Array.from(adjacency.flat()) };
}

describe('pageRank', () => {
  it('matches a three-page graph solved by hand', () => {
    // A -> B, A -> C, B -> C, C -> A; d = 0.85, N = 3, so (1 - d) / N = 0.05:
    //   A = 0.05 + 0.85 C
    //   B = 0.05 + 0.85 A / 2                  = 0.05 + 0.425 A
    //   C = 0.05 + 0.85 (A / 2 + B)            = 0.0925 + 0.78625 A
    //   A = 0.05 + 0.85 (0.0925 + 0.78625 A)   => A = 0.128625 / 0.3316875
    const a = 0.128625 / 0.3316875;
    const b = 0.05 + 0.425 * a;
    const c = 0.0925 + 0.78625 * a;
    const ranks = pageRank(csr([[1, 2], [2], [0]]));
    expect(a + b + c).toBeCloseTo(1, 12);
    expect(ranks[0]).toBeCloseTo(a, 9);
    expect(ranks[1]).toBeCloseTo(b, 9);
    expect(ranks[2]).toBeCloseTo(c, 9);
  });

  it('spreads the rank of a page without links evenly', () => {
    // A -> B; B has no out-links, so its rank is spread over A and B:
    //   A = 0.075 + 0.85 B / 2,  B = 0.075 + 0.85 (A + B / 2),  A + B = 1
    //   => A = 0.5 / 1.425
    const ranks = pageRank(csr([[1], []]));
    expect(ranks[0]).toBeCloseTo(0.5 / 1.425, 9);
    expect(ranks[1]).toBeCloseTo(1 - 0.5 / 1.425, 9);
  });

  it('takes the damping factor as an option', () => {
    const ranks = pageRank({ ...csr([[1], []]), damping: 0.5 });
    // A = 0.25 + 0.5 B / 2, B = 1 - A => A = 0.5 / 1.25
    expect(ranks[0]).toBeCloseTo(0.4, 9);
  });

  it('returns nothing for an empty graph', () => {
    expect(pageRank(csr([]))).toHaveLength(0);
  });
});

describe('linkScores', () => {
  it('puts ranks on a 0-100 log scale between the lowest and the highest', () => {
    const scores = linkScores(Float64Array.from([0.1, 0.2, 0.4, 0.3]));
    // ln(0.2 / 0.1) / ln(0.4 / 0.1) = 0.5; ln(3) / ln(4) = 0.792...
    expect([...scores]).toEqual([0, 50, 100, 79]);
  });

  it('gives 100 to every page when all ranks are equal', () => {
    expect([...linkScores(Float64Array.from([0.5, 0.5]))]).toEqual([100, 100]);
  });
});
