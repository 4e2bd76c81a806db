import { fingerprintOf } from '../engine/baseline.js';
import type { Finding } from '../types.js';

/**
 * A short stable hash of a string (cyrb53: 53 bits, as 14 hex digits).
 * Pure and dependency-free, so that reports need no crypto module.
 */
export function hash53(value: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2_654_435_761);
    h2 = Math.imul(h2 ^ code, 1_597_334_677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507) ^ Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507) ^ Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
  return (4_294_967_296 * (2_097_151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * One stable identity per finding: the hash of its baseline fingerprint
 * (rule, page, target, anchor text; no line numbers) and its occurrence
 * number among findings that share it, `hash:n` as GitHub's own
 * fingerprints are written.
 */
export function stableIds(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = hash53(fingerprintOf(finding));
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return `${key}:${occurrence}`;
  });
}
