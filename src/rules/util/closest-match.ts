/**
 * Candidates of one length, sorted (an implicit trie): the unit the search
 * walks.
 */
interface Bucket {
  /** Candidates in code-unit order. */
  sorted: readonly string[];
  /** `order[i]`: position in the caller's list of `sorted[i]`. */
  order: Int32Array;
  /** `prefix[i]`: length of the common prefix of `sorted[i - 1]` and `sorted[i]` (0 for the first). */
  prefix: Int32Array;
}

/**
 * Per candidate list, built once: the candidates by length, and the first
 * index of each lower-cased candidate.
 */
interface CandidateIndex {
  buckets: Map<number, Bucket>;
  lower: Map<string, number>;
}

const indexes = new WeakMap<readonly string[], CandidateIndex>();

/**
 * Most edits a suggestion may be away. A typo, a missing or extra letter,
 * a renamed version segment are a few edits; a URL ten edits away is another
 * page, not the one meant, and naming it would mislead.
 */
const MAX_EDITS = 5;

/**
 * The candidate closest to `value` by edit distance, when it is close enough
 * to be a likely typo: the same letters in another case, or at most a third
 * of the length and at most five edits away (none for very short values,
 * where any match is noise). Ties go to the earliest candidate.
 *
 * Exact, but not a scan: only candidates whose length is within the limit
 * of the value's can be within it, and those of each length are searched
 * as a trie (sorted, so that neighbours share prefixes), one row of the
 * edit-distance table per trie level, within the best distance found of
 * the diagonal; a prefix whose row already exceeds that distance is skipped
 * with every candidate under it. A broken link on a site of 100,000 pages
 * visits the few URLs of about its length that share its beginning, not
 * all of them, so the cost grows with the site far slower than linearly.
 *
 * @returns the candidate, or undefined when none is close.
 */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value === '') return undefined;
  let index = indexes.get(candidates);
  if (index === undefined) {
    index = indexCandidates(candidates);
    indexes.set(candidates, index);
  }
  const sameLetters = index.lower.get(value.toLowerCase());
  if (sameLetters !== undefined) return candidates[sameLetters];
  const limit = Math.min(MAX_EDITS, Math.max(value.length >= 4 ? 1 : 0, Math.floor(value.length / 3)));
  const found = search(index, value, limit);
  return found === -1 ? undefined : candidates[found];
}

function indexCandidates(candidates: readonly string[]): CandidateIndex {
  const lower = new Map<string, number>();
  const byLength = new Map<number, number[]>();
  candidates.forEach((candidate, position) => {
    const key = candidate.toLowerCase();
    if (!lower.has(key)) lower.set(key, position);
    let list = byLength.get(candidate.length);
    if (list === undefined) byLength.set(candidate.length, (list = []));
    list.push(position);
  });
  const buckets = new Map<number, Bucket>();
  for (const [length, positions] of byLength) {
    const order = Int32Array.from(positions).sort((a, b) => {
      const x = candidates[a]!;
      const y = candidates[b]!;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    const sorted = Array.from(order, (position) => candidates[position]!);
    const prefix = new Int32Array(sorted.length);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      const current = sorted[i]!;
      let common = 0;
      while (common < length && previous.charCodeAt(common) === current.charCodeAt(common)) common++;
      prefix[i] = common;
    }
    buckets.set(length, { sorted, order, prefix });
  }
  return { buckets, lower };
}

/** A distance beyond any limit, for cells outside the band searched. */
const FAR = 1 << 20;

/**
 * The caller's position of the candidate at the least edit distance from
 * `value`, at most `limit`; the smallest position among ties; -1 when none.
 * Lengths nearest the value's are searched first: the closer a match found
 * early, the narrower the band and the more is skipped.
 */
function search(index: CandidateIndex, value: string, limit: number): number {
  const lengths: number[] = [];
  for (let offset = 0; offset <= limit; offset++) {
    for (const length of offset === 0 ? [value.length] : [value.length - offset, value.length + offset]) if (index.buckets.has(length)) lengths.push(length);
  }
  // No candidate of a length within reach (a 4 MB href): nothing to search, nothing to allocate.
  if (lengths.length === 0) return -1;
  const width = value.length + 1;
  // rows[depth * width + j]: distance between the current candidate's first `depth` characters and value's first `j`.
  const rows = new Int32Array((Math.max(...lengths) + 1) * width);
  for (let j = 0; j < width; j++) rows[j] = j;
  const found = { best: limit, position: -1 };
  for (const length of lengths) if (Math.abs(length - value.length) <= found.best) searchBucket(index.buckets.get(length)!, value, rows, found);
  return found.position;
}

/** Search one bucket's trie, improving `found` (the best distance and the smallest position at it). */
function searchBucket(bucket: Bucket, value: string, rows: Int32Array, found: { best: number; position: number }): void {
  const { sorted, order, prefix } = bucket;
  const width = value.length + 1;
  let best = found.best;
  // Rows 0..valid hold the current trie path.
  let valid = 0;
  let i = 0;
  while (i < sorted.length) {
    const candidate = sorted[i]!;
    let depth = Math.min(valid, prefix[i]!);
    let pruned = false;
    while (depth < candidate.length) {
      const code = candidate.charCodeAt(depth);
      const above = depth * width;
      const row = above + width;
      const r = depth + 1;
      // Only cells within `best` of the diagonal can be within `best`: the rest of the row is left
      // out, and the cells beside the band read as too far.
      const low = Math.max(1, r - best);
      const high = Math.min(width - 1, r + best);
      rows[row] = r;
      if (low > 1) rows[row + low - 1] = FAR;
      if (high + 1 < width) rows[row + high + 1] = FAR;
      let rowMin = low === 1 ? r : FAR;
      for (let j = low; j <= high; j++) {
        const cost = rows[above + j - 1]! + (value.charCodeAt(j - 1) === code ? 0 : 1);
        const cell = Math.min(cost, rows[above + j]! + 1, rows[row + j - 1]! + 1);
        rows[row + j] = cell;
        if (cell < rowMin) rowMin = cell;
      }
      depth++;
      if (rowMin > best) {
        // No candidate under this prefix can come within `best`: skip them all.
        valid = depth - 1;
        i++;
        while (i < sorted.length && prefix[i]! >= depth) i++;
        pruned = true;
        break;
      }
    }
    if (pruned) continue;
    valid = candidate.length;
    const distance = rows[candidate.length * width + value.length]!;
    const position = order[i]!;
    if (distance < best || (distance === best && (found.position === -1 || position < found.position))) {
      best = distance;
      found.best = distance;
      found.position = position;
    }
    i++;
  }
}
