import { rules } from '../rules/registry.js';
import type { AnyRule } from '../rules/create-rule.js';
import type { Finding, Result, RuleLevel, Severity } from '../types.js';
import { HOMEPAGE, ruleDocsUrl, VERSION } from '../version.js';
import { stableIds } from './fingerprint.js';
import { jsonChunks } from './json-chunks.js';
import { locationOf, type ReportContext } from './report-context.js';

/** The SARIF schema URI the report names in `$schema`. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** SARIF levels of linkgraph's severities. */
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warn: 'warning', info: 'note' };

/**
 * The SARIF 2.1.0 report (GitHub code scanning and other SARIF viewers):
 * one run whose driver lists each rule that reported, with its description, rationale,
 * help URI (the README section) and default level; one result per finding
 * at its source line when known, else in the built file, with paths
 * relative to the project root and a `linkgraph/v1` partial fingerprint
 * that survives moved lines. The run's `properties.suppressed` counts the
 * findings that ignores and the baseline kept out.
 */
export function formatSarif(result: Result, context: ReportContext = {}): string {
  return `${JSON.stringify(sarifLog(result, context), null, 2)}\n`;
}

/** {@link formatSarif} in pieces, one per result, for writing as it is made. */
export function* formatSarifChunks(result: Result, context: ReportContext = {}): Generator<string> {
  // Log, runs, the run, its results, each result: four levels opened.
  yield* jsonChunks(sarifLog(result, context), 4);
  yield '\n';
}

function sarifLog(result: Result, context: ReportContext): object {
  const registry: readonly AnyRule[] = Object.values(rules);
  // The rules that reported, in registry order (then any the registry does not know): the
  // result does not say which rules ran, and listing only these keeps the log small.
  const reported = new Set(result.findings.map((finding) => finding.ruleId));
  const ids = registry.map((rule) => rule.meta.id).filter((id) => reported.has(id));
  for (const id of [...reported].sort()) if (!ids.includes(id)) ids.push(id);
  const descriptors = ids.map((id) => {
    const rule = registry.find((candidate) => candidate.meta.id === id);
    const description = nonEmpty(rule?.meta.description, `Findings of \`${id}\`.`);
    const rationale = nonEmpty(rule?.meta.rationale, description);
    const level: RuleLevel = rule?.meta.defaultLevel ?? 'warn';
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase()),
      shortDescription: { text: description },
      fullDescription: { text: rationale },
      help: { text: `${description} ${rationale} See ${ruleDocsUrl(id)}`, markdown: `${description}\n\n${rationale}\n\n[Documentation](${ruleDocsUrl(id)})` },
      helpUri: ruleDocsUrl(id),
      defaultConfiguration: level === 'off' ? { enabled: false, level: 'warning' } : { level: LEVEL[level] },
    };
  });
  const fingerprints = stableIds(result.findings);
  const results = result.findings.map((finding, index) => ({
    ruleId: finding.ruleId,
    ruleIndex: ids.indexOf(finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: nonEmpty(finding.message, finding.ruleId) },
    locations: [{ physicalLocation: physicalLocation(finding, context) }],
    partialFingerprints: { 'linkgraph/v1': fingerprints[index]! },
    properties: properties(finding),
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'linkgraph',
            semanticVersion: VERSION,
            informationUri: HOMEPAGE,
            rules: descriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.warnings.map((warning) => ({ level: 'warning', message: { text: nonEmpty(warning, 'warning') } })),
          },
        ],
        results,
        // Findings kept out by ignores and the baseline are counted, not listed: SARIF would list them with
        // `suppressions`, but GitHub code scanning ignores that property and would open an alert for each.
        properties: { suppressed: result.summary.suppressed },
      },
    ],
  };
}

/** Where a result sits: the source line when known, else the built file (line 1 for page-level findings). */
function physicalLocation(finding: Finding, context: ReportContext): object {
  const where = locationOf(finding, context);
  const region: Record<string, number> = { startLine: where.line ?? 1 };
  if (where.column !== undefined) region['startColumn'] = where.column;
  const end = finding.origin ? (finding.origin.endLine === undefined ? undefined : { line: finding.origin.endLine, column: finding.origin.endColumn }) : finding.position.known ? finding.position.end : undefined;
  if (end && where.line !== undefined && end.line >= where.line) {
    region['endLine'] = end.line;
    if (end.column !== undefined && (end.line > where.line || end.column >= (where.column ?? 1))) region['endColumn'] = end.column;
  }
  return { artifactLocation: { uri: nonEmpty(encodeUri(where.file), 'index.html') }, region };
}

/** The finding's page and link, for viewers that show a property bag. */
function properties(finding: Finding): Record<string, unknown> {
  const bag: Record<string, unknown> = { page: finding.page };
  if (finding.href !== undefined) bag['href'] = finding.href;
  if (finding.target !== undefined) bag['target'] = finding.target;
  if (finding.text !== undefined) bag['anchorText'] = finding.text;
  if (finding.suggestions && finding.suggestions.length > 0) bag['suggestions'] = finding.suggestions;
  return bag;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function encodeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF rejects empty strings in required fields; fall back to something true. */
function nonEmpty(value: string | undefined, fallback: string): string {
  return value === undefined || value.trim() === '' ? fallback : value;
}
