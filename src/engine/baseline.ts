import type { BaselineEntry, BaselineOutcome, Finding } from '../types.js';

/** Version of the baseline file format; bumped only when an entry changes meaning. */
export const BASELINE_VERSION = 1;

/** A baseline: the findings a project accepts for now, in a file meant to be committed. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

/** A baseline file that cannot be used: the message names the file and what was expected. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/**
 * What identifies a finding across runs: rule, page, target and anchor
 * text. Line and column are left out on purpose, so that editing the page
 * above a link does not turn an accepted finding into a new one.
 */
export function fingerprintOf(finding: Finding): string {
  return [finding.ruleId, finding.page, targetOf(finding), finding.text ?? ''].join('\u0000');
}

/**
 * Record findings as a baseline: one entry per fingerprint, with a count
 * for findings that share one, sorted by page, rule, target and text.
 */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    const key = fingerprintOf(finding);
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else byKey.set(key, { ruleId: finding.ruleId, page: finding.page, target: targetOf(finding), text: finding.text ?? '', count: 1, message: finding.message });
  }
  return { version: BASELINE_VERSION, entries: sortEntries([...byKey.values()]) };
}

/**
 * Split findings into those a baseline accepts and those it does not. Each
 * entry accepts up to `count` findings of its fingerprint, in the order
 * given (the engine's sorted order), so one more copy of an accepted link
 * is new.
 *
 * @returns the findings not in the baseline, and the outcome: how many
 *   matched, and which entries (with the count left over) no longer occur.
 */
export function matchBaseline(findings: readonly Finding[], baseline: Baseline): { fresh: Finding[]; outcome: BaselineOutcome } {
  const left = new Map<string, number>();
  for (const entry of baseline.entries) {
    const key = entryKey(entry);
    left.set(key, (left.get(key) ?? 0) + entry.count);
  }
  const fresh: Finding[] = [];
  let matched = 0;
  for (const finding of findings) {
    const key = fingerprintOf(finding);
    const remaining = left.get(key) ?? 0;
    if (remaining > 0) {
      left.set(key, remaining - 1);
      matched++;
    } else {
      fresh.push(finding);
    }
  }
  const stale: BaselineEntry[] = [];
  const seen = new Set<string>();
  for (const entry of baseline.entries) {
    const key = entryKey(entry);
    const remaining = left.get(key) ?? 0;
    if (remaining <= 0 || seen.has(key)) continue;
    seen.add(key);
    stale.push({ ...entry, count: remaining });
  }
  return { fresh, outcome: { matched, stale: sortEntries(stale) } };
}

/** The baseline file's text: stable JSON, one entry per line group, ending in a newline. */
export function stringifyBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: baseline.version, entries: baseline.entries.map(({ ruleId, page, target, text, count, message }) => ({ ruleId, page, target, text, count, message })) }, null, 2)}\n`;
}

/**
 * Read a baseline from its parsed JSON.
 *
 * @param file the file's name, for messages.
 * @throws {BaselineError} naming the file and the first bad field.
 */
export function parseBaseline(value: unknown, file: string): Baseline {
  if (!isObject(value)) throw new BaselineError(`${file}: expected a JSON object with \`version\` and \`entries\``);
  if (value['version'] !== BASELINE_VERSION) {
    throw new BaselineError(`${file}: expected \`version\` ${BASELINE_VERSION}, found \`${JSON.stringify(value['version'])}\`; record it again with \`linkgraph baseline\``);
  }
  const entries = value['entries'];
  if (!Array.isArray(entries)) throw new BaselineError(`${file}: expected \`entries\` to be an array`);
  return {
    version: BASELINE_VERSION,
    entries: entries.map((entry: unknown, index) => {
      const where = `${file}: \`entries[${index}]\``;
      if (!isObject(entry)) throw new BaselineError(`${where} expected an object`);
      const text = (key: string, required: boolean): string => {
        const field = entry[key];
        if (typeof field === 'string') return field;
        if (field === undefined && !required) return '';
        throw new BaselineError(`${where}.${key} expected a string, found \`${JSON.stringify(field)}\``);
      };
      const count = entry['count'] ?? 1;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
        throw new BaselineError(`${where}.count expected a positive integer, found \`${JSON.stringify(count)}\``);
      }
      return { ruleId: text('ruleId', true), page: text('page', true), target: text('target', false), text: text('text', false), count, message: text('message', false) };
    }),
  };
}

function targetOf(finding: Finding): string {
  return finding.target ?? finding.href ?? '';
}

function entryKey(entry: BaselineEntry): string {
  return [entry.ruleId, entry.page, entry.target, entry.text].join('\u0000');
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort((a, b) => compare(a.page, b.page) || compare(a.ruleId, b.ruleId) || compare(a.target, b.target) || compare(a.text, b.text));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
