import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/sarif.js';
import type { Result } from '../../src/types.js';
import { reportOptions, reportResult, reportSite } from '../helpers/report-fixture.js';
import { page, runSite } from '../helpers/run-site.js';

// A copy of the OASIS schema (draft-04), kept in the repo so the test does not depend on shared/.
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
// Both packages are CommonJS with a `default` export; require gives the class and plugin as typed.
const require = createRequire(import.meta.url);
const Ajv = (require('ajv-draft-04') as typeof import('ajv-draft-04')).default;
const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[]; partialFingerprints: Record<string, string> }[];
  }[];
}

function parse(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

describe('sarif report', () => {
  it('is valid against the SARIF 2.1.0 schema', async () => {
    const log = JSON.parse(formatSarif(await reportResult(), { siteDir: 'dist' })) as unknown;
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is valid with no findings, and the schema check can fail', async () => {
    const empty: Result = { ...(await reportResult()), findings: [], warnings: [] };
    expect(validate(JSON.parse(formatSarif(empty, {})))).toBe(true);
    // The validator does reject a broken log: a result without a message.
    const broken = JSON.parse(formatSarif(await reportResult(), {})) as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0]!.results[0]!['message'];
    expect(validate(broken)).toBe(false);
  });

  it('points at source lines and built files relative to the project root', async () => {
    const log = parse(formatSarif(await reportResult(), { siteDir: 'dist' }));
    const uris = log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('src/content/blog/first-post.md');
    expect(uris).toContain('dist/index.html');
    expect(uris.every((uri) => !uri.startsWith('/') && uri !== '')).toBe(true);
    const source = log.runs[0]!.results.find((result) => result.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('.md'))!;
    expect(source.locations[0]!.physicalLocation.region).toEqual({ startLine: 12, startColumn: 3, endLine: 12, endColumn: 30 });
  });

  it('describes each reported rule, and indexes results into that list', async () => {
    const log = parse(formatSarif(await reportResult(), {}));
    const { rules } = log.runs[0]!.tool.driver;
    expect(rules.map((rule) => rule.id)).toEqual(['broken-internal-link', 'broken-fragment']);
    expect(rules[1]!.helpUri).toMatch(/\/docs\/rules\/broken-fragment\.md$/);
    for (const result of log.runs[0]!.results) expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(log.runs[0]!.results.map((result) => result.level)).toContain('warning');
  });

  it('gives fingerprints that ignore lines and count duplicates', async () => {
    const result = await reportResult();
    const before = parse(formatSarif(result, {})).runs[0]!.results.map((entry) => entry.partialFingerprints['linkgraph/v1']);
    expect(new Set(before).size).toBe(before.length);
    // The same finding on another line keeps its fingerprint.
    const moved: Result = { ...result, findings: result.findings.map((finding) => ({ ...finding, position: { known: true, start: { line: 40, column: 9 } } })) };
    const after = parse(formatSarif(moved, {})).runs[0]!.results.map((entry) => entry.partialFingerprints['linkgraph/v1']);
    expect(after).toEqual(before);
    // The duplicate `/missing/` link on /blog/ gets occurrence 1 and 2 of one hash.
    const duplicates = before.filter((id) => id!.endsWith(':2'));
    expect(duplicates).toHaveLength(1);
    expect(before).toContain(duplicates[0]!.replace(/:2$/, ':1'));
  });

  it('counts the findings ignores and the baseline kept out in the run, and lists none of them', async () => {
    const site = { ...reportSite, 'drafts/index.html': page('<a href="/nope/">n</a><a href="/also-nope/">n</a>') };
    const result = await runSite(site, { ...reportOptions, ignore: { pages: ['/drafts/**'] } });
    expect(result.summary.suppressed).toBe(2);
    const log = JSON.parse(formatSarif(result, {})) as SarifLog & { runs: { properties: Record<string, unknown> }[] };
    expect(log.runs[0]!.properties).toEqual({ suppressed: 2 });
    expect(log.runs[0]!.results.map((entry) => entry.locations[0]!.physicalLocation.artifactLocation.uri)).not.toContain('drafts/index.html');
    expect(validate(log)).toBe(true);
    const clean = JSON.parse(formatSarif(await reportResult(), {})) as { runs: { properties: Record<string, unknown> }[] };
    expect(clean.runs[0]!.properties).toEqual({ suppressed: 0 });
  });
});
