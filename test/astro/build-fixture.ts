import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import type { AstroInlineConfig } from 'astro';
import linkgraph, { type AstroOptions } from '../../src/astro/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/astro/', import.meta.url));
/**
 * Builds go inside the repository's node_modules, not the system temp
 * directory: server builds import their own chunks, which must resolve
 * `astro` and its dependencies.
 */
const BUILDS = fileURLToPath(new URL('../../node_modules/.cache/linkgraph-astro/', import.meta.url));

/** One finding of the JSON report, as the tests compare it. */
export interface ReportFinding {
  ruleId: string;
  page: string;
  target: string | null;
  file: string;
  line: number | null;
  column: number | null;
  source: { file: string; line: number; column: number } | null;
  message: string;
}

/** What building a fixture gives: the outcome, the JSON report and the output directory. */
export interface FixtureBuild {
  /** The error `build()` rejected with, if any. */
  error: unknown;
  report: { summary: { failed: boolean; pages: number }; findings: ReportFinding[] };
  outDir: string;
  /** Remove the temporary output. */
  cleanup: () => Promise<void>;
}

/**
 * Build `test/fixtures/astro/<name>` with Astro's own `build()` and the
 * integration, into a temporary directory, and read the JSON report.
 */
export async function buildFixture(
  name: string,
  options: AstroOptions = {},
  config: AstroInlineConfig = {},
): Promise<FixtureBuild> {
  await mkdir(BUILDS, { recursive: true });
  const temp = await mkdtemp(path.join(BUILDS, `${name}-`));
  const root = path.join(FIXTURES, name);
  const reportFile = path.join(temp, 'report.json');
  const outDir = path.join(temp, 'dist');
  let error: unknown;
  try {
    await build({
      root,
      configFile: false,
      logLevel: 'error',
      outDir,
      cacheDir: path.join(temp, 'cache'),
      ...config,
      integrations: [...(config.integrations ?? []), linkgraph({ ...options, reports: { json: reportFile } })],
    });
  } catch (caught) {
    error = caught;
  }
  let report: FixtureBuild['report'];
  try {
    report = JSON.parse(await readFile(reportFile, 'utf8')) as FixtureBuild['report'];
  } catch {
    throw error ?? new Error(`No report was written for fixture \`${name}\``);
  }
  return { error, report, outDir, cleanup: () => rm(temp, { recursive: true, force: true }) };
}

/** A finding as one line: `source-or-built-location rule-id message`. */
export function findingLine(finding: ReportFinding): string {
  const where = finding.source
    ? `${finding.source.file}:${finding.source.line}:${finding.source.column}`
    : `${finding.file.replace(/^.*\/dist\//, 'dist/')}${finding.line === null ? '' : `:${finding.line}:${finding.column}`}`;
  return `${where} ${finding.ruleId} ${finding.message}`;
}

/** Files of the build output that still carry a source-position attribute. */
export async function filesWithOrigins(outDir: string): Promise<string[]> {
  const files = (await readdir(outDir, { recursive: true })).filter((file) => /\.(?:html|xml|json)$/.test(file));
  const tagged: string[] = [];
  // Any spelling: the attribute, or a property name an image component wrote out as it was.
  for (const file of files) if (/data-?linkgraph-?src/i.test(await readFile(path.join(outDir, file), 'utf8'))) tagged.push(file);
  return tagged;
}

/** Every output file, sorted, `/` separators. */
export async function outputFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true });
  const files: string[] = [];
  for (const entry of entries) if ((await stat(path.join(outDir, entry))).isFile()) files.push(entry.split(path.sep).join('/'));
  return files.sort();
}
