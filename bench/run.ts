/**
 * The benchmark: generate seeded sites, run linkgraph's CLI and the peers
 * that install here on the same sites in the same run, and print wall
 * time, peak memory and recall per defect class, the read/parse floor, and
 * the 1k -> 10k -> 100k slope. Then linkgraph alone, with every rule on,
 * against its floors on a defect-heavy generated site (a fifth of its pages
 * orphans, tens of thousands of broken links) and on each site of the
 * real-site corpus (corpus/README.md), with the slowest rule's share of the
 * run.
 *
 * Usage: npm run bench -- [--sizes 1000,10000,100000] [--runs 3] [--peer-runs 1]
 *                          [--timeout 300] [--peers linkinator,hyperlink,blc,html-proofer]
 *                          [--heavy 10000] [--real all|<id>,<id>] [--compare <dist dir>]
 *
 * `--sizes ''`, `--heavy ''` or `--real ''` leaves that part out;
 * `--compare bench/.out/base-dist` adds a row for another build of
 * linkgraph (a copy of an older `dist/`), run in the same rounds.
 *
 * Everything runs offline: sites are generated locally, peers that need an
 * HTTP server get one on 127.0.0.1, and the sites have no external links.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, readdirSync, mkdirSync, rmSync, writeFileSync, createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DEFECT_CLASSES, GENERATOR_VERSION, generateSite, type DefectClass, type GroundTruth, type SiteShape } from './generate-site.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITES = path.join(ROOT, 'bench', '.sites');
const OUT = path.join(ROOT, 'bench', '.out');
const NODE = process.execPath;
const BIN = path.join(ROOT, 'node_modules', '.bin');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    runs: { type: 'string', default: '3' },
    'peer-runs': { type: 'string', default: '1' },
    timeout: { type: 'string', default: '300' },
    peers: { type: 'string', default: 'linkinator,hyperlink,blc,html-proofer' },
    'peer-max': { type: 'string', default: '10000' },
    'big-runs': { type: 'string', default: '1' },
    'own-timeout': { type: 'string', default: '1800' },
    seed: { type: 'string', default: '1' },
    heavy: { type: 'string', default: '10000' },
    real: { type: 'string', default: 'all' },
    compare: { type: 'string' },
  },
});
const numbers = (list: string): number[] => list.split(',').filter(Boolean).map(Number);
const sizes = numbers(values.sizes);
const heavySizes = numbers(values.heavy);
/** Another build's `dist/` directory, measured beside this one. */
const compareDist = values.compare === undefined ? undefined : path.resolve(values.compare);
const runs = Number(values.runs);
const peerRuns = Number(values['peer-runs']);
const timeoutMs = Number(values.timeout) * 1000;
const peerMax = Number(values['peer-max']);
const bigRuns = Number(values['big-runs']);
/** linkgraph and the floors get a long timeout: their time is what is measured. */
const ownTimeoutMs = Number(values['own-timeout']) * 1000;
const seed = Number(values.seed);
const selectedPeers = new Set(values.peers.split(',').filter(Boolean));
mkdirSync(SITES, { recursive: true });
mkdirSync(OUT, { recursive: true });

/** One measured run of a child process. */
interface Measurement {
  wallMs: number;
  /** Peak resident set size of the child, in KiB (GNU time `%M`). */
  maxRssKb: number;
  /** CPU time of the child and its threads (user + system): steadier than wall time on a loaded machine. */
  cpuMs: number;
  code: number | null;
  timedOut: boolean;
  stdoutFile: string;
  stderr: string;
}

/** Run a command under GNU time, stdout to a file, with a timeout. */
async function measure(name: string, command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Measurement> {
  // Tool names hold spaces, commas and, for another build, a path.
  const file = name.replace(/[^\w.-]+/g, '_');
  const stdoutFile = path.join(OUT, `${file}.out`);
  const timeFile = path.join(OUT, `${file}.time`);
  const fd = openSync(stdoutFile, 'w');
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, command, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', fd, 'pipe'],
    // Its own process group, so that a timeout ends the tool and every process it started.
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 200_000) stderr += chunk.toString();
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, options.timeoutMs ?? timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  closeSync(fd);
  let maxRssKb = 0;
  let cpuMs = 0;
  try {
    const [rss = '0', user = '0', system = '0'] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ');
    maxRssKb = Number(rss) || 0;
    cpuMs = ((Number(user) || 0) + (Number(system) || 0)) * 1000;
  } catch {
    // Killed before GNU time wrote its report.
  }
  return { wallMs, maxRssKb, cpuMs, code, timedOut, stdoutFile, stderr };
}

/** Markers of link defects found in a text: the generator makes each unique. */
const MARKER = /(missing-page|gone-here|gone-there|absent-srcset|absent-src)-\d+(?!\d)/g;
function markersIn(text: string): Set<string> {
  return new Set(text.match(MARKER) ?? []);
}

/** What a tool found, as a set of defect keys (markers for links, files for pages). */
type Found = { markers: Set<string>; pages: Map<DefectClass, Set<string>>; exact?: number; findings?: number };

interface Tool {
  name: string;
  /** Classes this tool has a check for; others print `—`. */
  supports: (defectClass: DefectClass) => boolean | 'n/a (rule not present)' | 'off';
  run: (site: Site, label: string) => Promise<Measurement>;
  found: (measurement: Measurement, site: Site) => Found;
}

interface Site {
  pages: number;
  dir: string;
  truth: GroundTruth;
  url?: string;
}

// linkgraph: which defect class each rule reports, and whether the rule is present in the build.
const RULE_OF: Record<DefectClass, string> = {
  'broken-page-link': 'broken-internal-link',
  'broken-fragment-same-page': 'broken-fragment',
  'broken-fragment-cross-page': 'broken-fragment',
  'missing-image-src': 'broken-internal-link',
  'missing-image-srcset': 'broken-internal-link',
  'orphan-page': 'orphan-page',
  'unreachable-page': 'unreachable-page',
};
const registry = (await import(path.join(ROOT, 'dist', 'rules', 'registry.js'))) as { ruleIds: string[]; rules: Record<string, { meta: { defaultLevel: string } }> };
const ruleIds = new Set(registry.ruleIds);

interface JsonFinding {
  ruleId: string;
  file: string;
  href?: string;
  line: number | null;
  column: number | null;
}

/** The rules of a check of link defects alone: every graph and anchor rule off. */
const LINK_RULES = new Set(['broken-internal-link', 'broken-fragment']);
/** A config file with every rule but {@link LINK_RULES} off, for the "link rules only" variant. */
const linkRulesConfig = path.join(OUT, 'link-rules-only.json');
mkdirSync(OUT, { recursive: true });
writeFileSync(linkRulesConfig, `${JSON.stringify({ rules: Object.fromEntries([...ruleIds].filter((id) => !LINK_RULES.has(id)).map((id) => [id, 'off'])) }, null, 1)}\n`);

/** A config file turning every rule on, those off by default at `warn`; `extra` is merged in. */
function allRulesConfig(name: string, extra: Record<string, unknown> = {}): string {
  const file = path.join(OUT, `${name}.json`);
  const { rules: extraRules, ...rest } = extra as { rules?: Record<string, unknown> };
  writeFileSync(file, `${JSON.stringify({ ...rest, rules: { ...Object.fromEntries([...ruleIds].map((id) => [id, registry.rules[id]!.meta.defaultLevel === 'off' ? 'warn' : registry.rules[id]!.meta.defaultLevel])), ...extraRules } }, null, 1)}\n`);
  return file;
}

/** How a linkgraph row is run. */
interface LinkgraphVariant {
  /** LINKGRAPH_THREADS (default: a worker per core unless the machine is saturated). */
  threads?: number;
  /** Every rule but the link rules off. */
  linkRulesOnly?: boolean;
  /** A config file (flags of the variant come after it). */
  config?: string;
  /** The row's name after `linkgraph` (default: from the threads and rules). */
  label?: string;
  /** Another build's `dist/` (default this one's). */
  dist?: string;
}

/**
 * linkgraph's CLI, with LINKGRAPH_TIMING=1 (its step times, on stderr, give
 * the slowest rule's share of the run).
 */
const linkgraphTool = (variant: LinkgraphVariant = {}): Tool => {
  const { threads, linkRulesOnly = false } = variant;
  const described = [variant.label, linkRulesOnly ? 'link rules only' : undefined, threads === undefined ? undefined : `${threads} thread${threads === 1 ? '' : 's'}`].filter(Boolean);
  const name = `${variant.dist === undefined ? 'linkgraph' : `linkgraph (${path.relative(ROOT, variant.dist)})`}${described.length > 0 ? `, ${described.join(', ')}` : ''}`;
  const config = linkRulesOnly ? linkRulesConfig : variant.config;
  return {
    name,
    supports: (defectClass) => (!ruleIds.has(RULE_OF[defectClass]) ? 'n/a (rule not present)' : linkRulesOnly && !LINK_RULES.has(RULE_OF[defectClass]) ? 'off' : true),
    run: (site, label) =>
      measure(label, NODE, [path.join(variant.dist ?? path.join(ROOT, 'dist'), 'cli', 'bin.js'), 'check', site.dir, '--format', 'json', '--fail-on', 'never', ...(config === undefined ? [] : ['--config', config])], {
        timeoutMs: ownTimeoutMs,
        env: { LINKGRAPH_TIMING: '1', ...(threads === undefined ? {} : { LINKGRAPH_THREADS: String(threads) }) },
      }),
    found: (measurement, site) => {
      const findings = (JSON.parse(readFileSync(measurement.stdoutFile, 'utf8')) as { findings: JsonFinding[] }).findings;
      const markers = new Set<string>();
      const pages = new Map<DefectClass, Set<string>>();
      const at = new Set<string>();
      // The JSON report names files as the CLI was given them (relative to the working directory).
      const prefix = `${path.relative(ROOT, site.dir).split(path.sep).join('/')}/`;
      for (const raw of findings) {
        const finding = { ...raw, file: raw.file.startsWith(prefix) ? raw.file.slice(prefix.length) : raw.file };
        for (const marker of markersIn(finding.href ?? '')) markers.add(marker);
        if (finding.line !== null) at.add(`${finding.file}:${finding.line}:${finding.column}:${finding.href}`);
        for (const defectClass of ['orphan-page', 'unreachable-page'] as const) {
          if (finding.ruleId === RULE_OF[defectClass]) pages.set(defectClass, (pages.get(defectClass) ?? new Set()).add(finding.file));
        }
      }
      // Positions must be exact: count link defects reported at their element's line and column.
      const exact = site.truth.defects.filter((defect) => defect.line !== undefined && at.has(`${defect.file}:${defect.line}:${defect.column}:${defect.href}`)).length;
      return { markers, pages, exact, findings: findings.length };
    },
  };
};

const noPageRules = (defectClass: DefectClass): boolean => defectClass !== 'orphan-page' && defectClass !== 'unreachable-page';

const peers: Tool[] = [
  {
    name: 'linkinator',
    supports: noPageRules,
    run: (site, label) => measure(label, path.join(BIN, 'linkinator'), [site.dir, '--recurse', '--check-fragments', '--format', 'json', '--concurrency', '100', '--timeout', '20000']),
    found: (measurement) => {
      const text = readFileSync(measurement.stdoutFile, 'utf8');
      const markers = new Set<string>();
      try {
        const report = JSON.parse(text) as { links: { state: string }[] };
        for (const link of report.links) if (link.state === 'BROKEN') for (const marker of markersIn(JSON.stringify(link))) markers.add(marker);
      } catch {
        // Killed mid-report: nothing to count.
      }
      return { markers, pages: new Map() };
    },
  },
  {
    name: 'hyperlink',
    supports: noPageRules,
    run: (site, label) => measure(label, path.join(BIN, 'hyperlink'), ['--root', site.dir, path.join(site.dir, 'index.html'), '--recursive', '--internal']),
    found: (measurement) => {
      // TAP: a failure is a `not ok` line and its indented YAML block.
      const markers = new Set<string>();
      let failing = false;
      for (const line of readFileSync(measurement.stdoutFile, 'utf8').split('\n')) {
        if (/^not ok/.test(line)) failing = true;
        else if (/^ok /.test(line)) failing = false;
        if (failing) for (const marker of markersIn(line)) markers.add(marker);
      }
      return { markers, pages: new Map() };
    },
  },
  {
    name: 'broken-link-checker',
    supports: (defectClass) => noPageRules(defectClass) && !defectClass.startsWith('broken-fragment'),
    run: (site, label) => measure(label, path.join(BIN, 'blc'), [site.url!, '--recursive', '--exclude-external', '--filter-level', '1', '--host-requests', '16']),
    found: (measurement) => {
      const markers = new Set<string>();
      for (const line of readFileSync(measurement.stdoutFile, 'utf8').split('\n')) if (line.includes('BROKEN')) for (const marker of markersIn(line)) markers.add(marker);
      return { markers, pages: new Map() };
    },
  },
  {
    name: 'html-proofer',
    supports: noPageRules,
    run: (site, label) => measure(label, 'htmlproofer', [site.dir, '--disable-external', '--allow-hash-href']),
    found: (measurement) => {
      // html-proofer prints only failures, on stderr.
      const text = `${readFileSync(measurement.stdoutFile, 'utf8')}\n${measurement.stderr}`;
      return { markers: markersIn(text), pages: new Map() };
    },
  },
];

/** Make sure html-proofer is installed (benchmarks are not CI; Debian's package). */
function ensureHtmlProofer(): boolean {
  if (spawnSync('htmlproofer', ['--version']).status === 0) return true;
  process.stderr.write('bench: installing ruby-html-proofer with apt-get…\n');
  spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', 'ruby-html-proofer'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return spawnSync('htmlproofer', ['--version']).status === 0;
}

/**
 * The defect-heavy site of `pages` pages: a fifth of them orphans (a site
 * after a migration), and two in five articles with a broken link of each
 * class (at 10,000 pages: 2,000 orphans, 20,000 broken links).
 */
const heavyShape = (pages: number): SiteShape => ({ orphans: Math.round(pages / 5), defectsPerClass: Math.round((pages * 2) / 5) });

async function ensureSite(pages: number, shape?: SiteShape): Promise<Site> {
  const shaped = shape === undefined ? '' : `-o${shape.orphans}-d${shape.defectsPerClass}`;
  const dir = path.join(SITES, `site-${pages}${shaped}-s${seed}-v${GENERATOR_VERSION}`);
  const truthFile = `${dir}.truth.json`;
  if (!existsSync(truthFile)) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`bench: generating ${pages} pages${shaped}…\n`);
    const truth = await generateSite(dir, pages, seed, shape);
    writeFileSync(truthFile, JSON.stringify(truth, null, 1));
  }
  return { pages, dir, truth: JSON.parse(readFileSync(truthFile, 'utf8')) as GroundTruth };
}

/** A static file server on 127.0.0.1, as a static host serves a built site. */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    let file = path.join(dir, pathname);
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    let size: number;
    try {
      const info = statSync(file);
      if (info.isDirectory()) {
        response.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      size = info.size;
    } catch {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><title>Not found</title>');
      return;
    }
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.png') || file.endsWith('.ico') ? 'image/png' : file.endsWith('.css') ? 'text/css' : 'application/javascript';
    response.writeHead(200, { 'content-type': type, 'content-length': size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const median = (list: number[]): number => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const seconds = (ms: number): string => (ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);
const mib = (kb: number): string => `${Math.round(kb / 1024)} MiB`;
const load = (): string => os.loadavg().map((value) => value.toFixed(2)).join(' ');

interface Row {
  tool: string;
  wallMs: number;
  cpuMs: number;
  maxRssKb: number;
  timedOut: boolean;
  failed?: string;
  recall: Partial<Record<DefectClass, string>>;
  exact?: string;
  runs: number;
  /** Each run's wall time, in the order run: interleaved rows compare run by run. */
  wallsMs: number[];
  /** Each run's CPU time, likewise. */
  cpusMs: number[];
  /** Findings in the last run's report (linkgraph). */
  findings?: number;
  /** The slowest rule of each run (LINKGRAPH_TIMING), with its share of the run's steps. */
  slowest: { rule: string; ms: number; share: number }[];
}

/** The slowest rule in a run's LINKGRAPH_TIMING table, and its share of the steps' total. */
function slowestRule(stderr: string): { rule: string; ms: number; share: number } | undefined {
  let slowest: { rule: string; ms: number } | undefined;
  let total: number | undefined;
  for (const line of stderr.split('\n')) {
    const step = /^rule (\S+)\s+([\d.]+) ms/.exec(line);
    if (step && (slowest === undefined || Number(step[2]) > slowest.ms)) slowest = { rule: step[1]!, ms: Number(step[2]) };
    const sum = /^total\s+([\d.]+) ms/.exec(line);
    if (sum) total = Number(sum[1]);
  }
  return slowest && total ? { ...slowest, share: slowest.ms / total } : undefined;
}

function recallOf(tool: Tool, found: Found, truth: GroundTruth): Row['recall'] {
  const recall: Row['recall'] = {};
  for (const defectClass of DEFECT_CLASSES) {
    const supported = tool.supports(defectClass);
    if (supported !== true) {
      recall[defectClass] = supported === false ? '—' : supported;
      continue;
    }
    const expected = truth.defects.filter((defect) => defect.class === defectClass);
    const hits = expected.filter((defect) => (defect.marker ? found.markers.has(defect.marker) : found.pages.get(defectClass)?.has(defect.file))).length;
    recall[defectClass] = `${hits}/${expected.length}`;
  }
  return recall;
}

async function runTool(tool: Tool, site: Site, times: number): Promise<Row> {
  return (await runInterleaved([tool], site, times))[0]!;
}

/**
 * Run each tool `times` times, round by round (run 1 of every tool, then
 * run 2, ...), so that a machine whose speed drifts over minutes slows every
 * tool alike rather than the one that happened to run in the slow minute.
 */
async function runInterleaved(tools: readonly Tool[], site: Site, times: number): Promise<Row[]> {
  const all: Measurement[][] = tools.map(() => []);
  for (let i = 0; i < times; i++) {
    for (const [index, tool] of tools.entries()) {
      const measurements = all[index]!;
      if (measurements.at(-1)?.timedOut) continue;
      const measurement = await tool.run(site, `${tool.name}-${site.pages}-${i}`);
      measurements.push(measurement);
      process.stderr.write(`bench: ${tool.name} ${site.pages} pages run ${i + 1}: ${measurement.timedOut ? 'timeout' : seconds(measurement.wallMs)}, CPU ${seconds(measurement.cpuMs)}, ${mib(measurement.maxRssKb)} (load ${load()})\n`);
    }
  }
  return tools.map((tool, index) => rowOf(tool, site, all[index]!));
}

function rowOf(tool: Tool, site: Site, measurements: readonly Measurement[]): Row {
  const last = measurements.at(-1)!;
  if (last.timedOut) return { tool: tool.name, wallMs: Infinity, cpuMs: last.cpuMs, maxRssKb: last.maxRssKb, timedOut: true, recall: {}, runs: measurements.length, wallsMs: [], cpusMs: [], slowest: [] };
  const found = tool.found(last, site);
  const row: Row = {
    tool: tool.name,
    wallMs: median(measurements.map((m) => m.wallMs)),
    cpuMs: median(measurements.map((m) => m.cpuMs)),
    maxRssKb: median(measurements.map((m) => m.maxRssKb)),
    timedOut: false,
    recall: recallOf(tool, found, site.truth),
    runs: measurements.length,
    wallsMs: measurements.map((m) => m.wallMs),
    cpusMs: measurements.map((m) => m.cpuMs),
    slowest: measurements.map((m) => slowestRule(m.stderr)).filter((found) => found !== undefined),
  };
  if (found.findings !== undefined) row.findings = found.findings;
  const linkDefects = site.truth.defects.filter((defect) => defect.line !== undefined).length;
  if (found.exact !== undefined) row.exact = `${found.exact}/${linkDefects}`;
  if (found.markers.size === 0 && last.code !== 0 && last.code !== 1) row.failed = `exit ${last.code}: ${last.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  return row;
}

/** The floor as a tool: read every page, and parse each with `mode`'s parser (see bench/floor.ts). */
function floorTool(mode: string): Tool {
  return {
    name: `floor: ${mode === 'read' ? 'read every file' : `read + ${mode}`}`,
    supports: () => false,
    run: (s, label) => measure(label, NODE, [path.join(ROOT, 'bench', 'floor.ts'), s.dir, mode], { timeoutMs: ownTimeoutMs }),
    found: () => ({ markers: new Set(), pages: new Map() }),
  };
}

// ---------------------------------------------------------------------------

if (!existsSync(path.join(ROOT, 'dist', 'cli', 'bin.js'))) throw new Error('bench: run `npm run build` first (the bench script does)');
if (selectedPeers.has('html-proofer') && !ensureHtmlProofer()) {
  process.stderr.write('bench: html-proofer is not available; skipping it\n');
  selectedPeers.delete('html-proofer');
}
const toolPeers = peers.filter((peer) => selectedPeers.has(peer.name) || (peer.name === 'broken-link-checker' && selectedPeers.has('blc')));

const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
const lines: string[] = [];
const print = (line = ''): void => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
print(`Machine: ${machine}`);
print(`Load average at start: ${load()}`);
print(`Command: npm run bench -- --sizes ${values.sizes} --runs ${runs} --big-runs ${bigRuns} --peer-runs ${peerRuns} --timeout ${values.timeout} --heavy ${values.heavy} --real ${values.real}${values.compare === undefined ? '' : ` --compare ${values.compare}`}`);

const linkgraphTimes = new Map<number, number>();
const floorTimes = new Map<number, number>();
/** One line per site for the closing table of ratios. */
const summary: string[] = [];
for (const pages of sizes) {
  const freeGiB = os.freemem() / 2 ** 30;
  if (pages >= 100_000 && freeGiB < 6) {
    print(`\n## ${pages} pages: skipped (${freeGiB.toFixed(1)} GiB free memory)`);
    continue;
  }
  const site = await ensureSite(pages);
  const times = pages >= 100_000 ? bigRuns : runs;
  // linkgraph's variants and the floors, interleaved run by run: their ratios are what the targets are about.
  const variants = pages < 100_000 ? [linkgraphTool(), linkgraphTool({ threads: 1 }), linkgraphTool({ threads: 2 }), linkgraphTool({ linkRulesOnly: true }), everyRuleTool('every-rule')] : [linkgraphTool(), linkgraphTool({ linkRulesOnly: true })];
  if (compareDist !== undefined) variants.push(linkgraphTool({ dist: compareDist }));
  // parse5 and hast show what the reference parser costs; at 100,000 pages only the floor itself is measured.
  const floors = (pages >= 100_000 ? ['read', 'htmlparser2'] : ['read', 'htmlparser2', 'parse5', 'hast']).map(floorTool);
  const measuredRows = await runInterleaved([...variants, ...floors], site, times);
  const rows = measuredRows.slice(0, variants.length);
  const floorRows = measuredRows.slice(variants.length);
  for (const row of floorRows) row.recall = {};
  linkgraphTimes.set(pages, rows[0]!.wallMs);
  floorTimes.set(pages, floorRows[1]!.wallMs);
  const peerRows: Row[] = [];
  if (pages <= peerMax) {
    for (const peer of toolPeers) {
      let server: Awaited<ReturnType<typeof serve>> | undefined;
      if (peer.name === 'broken-link-checker') {
        server = await serve(site.dir);
        site.url = server.url;
      }
      try {
        peerRows.push(await runTool(peer, site, peerRuns));
      } finally {
        await server?.close();
      }
    }
  }

  const defectCounts = DEFECT_CLASSES.map((defectClass) => `${defectClass} ${site.truth.defects.filter((d) => d.class === defectClass).length}`).join(', ');
  print(`\n## ${pages} pages (${site.truth.files} files, ${(site.truth.bytes / 2 ** 20).toFixed(0)} MiB; seeded: ${defectCounts}); load average ${load()}`);
  print();
  print(`| tool | wall time (median) | CPU time | peak RSS | ${DEFECT_CLASSES.join(' | ')} | positions exact |`);
  print(`|---|---:|---:|---:|${DEFECT_CLASSES.map(() => '---').join('|')}|---|`);
  for (const row of [...rows, ...peerRows]) {
    const time = row.timedOut ? `> ${Math.round(timeoutMs / 1000)} s` : `${seconds(row.wallMs)}${row.runs > 1 ? ` (${row.runs} runs)` : ''}`;
    const recall = DEFECT_CLASSES.map((defectClass) => row.recall[defectClass] ?? (row.timedOut ? '—' : '')).join(' | ');
    print(`| ${row.tool}${row.failed ? ` (${row.failed})` : ''} | ${time} | ${row.timedOut ? '—' : seconds(row.cpuMs)} | ${row.timedOut ? '—' : mib(row.maxRssKb)} | ${recall} | ${row.exact ?? ''} |`);
  }
  for (const row of floorRows) print(`| ${row.tool} | ${seconds(row.wallMs)} (${row.runs} run${row.runs === 1 ? '' : 's'}) | ${seconds(row.cpuMs)} | ${mib(row.maxRssKb)} | ${DEFECT_CLASSES.map(() => '').join(' | ')} | |`);
  const own = rows[0]!;
  const finished = peerRows.filter((row) => !row.timedOut && !row.failed);
  const fastest = finished.sort((a, b) => a.wallMs - b.wallMs)[0];
  const timedOut = peerRows.filter((row) => row.timedOut).map((row) => row.tool);
  print();
  if (fastest) print(`linkgraph / fastest peer (${fastest.tool}): ${(own.wallMs / fastest.wallMs).toFixed(3)}x (${(fastest.wallMs / own.wallMs).toFixed(1)} times faster)${timedOut.length ? `; timed out: ${timedOut.join(', ')}` : ''}`);
  else if (peerRows.length > 0) print(`linkgraph / fastest peer: every peer timed out or failed (timed out: ${timedOut.join(', ') || 'none'})`);
  else print('peers: not run at this size (see --peer-max)');
  print(`linkgraph / read floor: ${(own.wallMs / floorRows[0]!.wallMs).toFixed(2)}x wall; linkgraph / read + htmlparser2 floor: ${(own.wallMs / floorRows[1]!.wallMs).toFixed(2)}x wall, ${(own.cpuMs / floorRows[1]!.cpuMs).toFixed(2)}x CPU ${rows.slice(1).map((row) => `; ${row.tool}: ${(row.wallMs / floorRows[1]!.wallMs).toFixed(2)}x wall`).join('')}`);
  if (own.runs > 1) print(`linkgraph / read + htmlparser2 floor, run by run (each linkgraph run against the floor run beside it, which the machine's drift slows alike): ${runRatios(rows, floorRows[1]!)}`);
  const everyRule = rows.find((row) => row.tool.includes('every rule on'));
  if (everyRule) summary.push(`| generated, ${pages} pages | ${pages} | ${(site.truth.bytes / 2 ** 20).toFixed(0)} | ${everyRule.findings ?? ''} | ${pairedRatio(everyRule, floorRows[1]!, 'wallsMs')} | ${pairedRatio(rows[1]!, floorRows[1]!, 'cpusMs')} | ${pairedRatio(rows[3]!, floorRows[1]!, 'wallsMs')} | ${slowestOf(everyRule)} |`);
}

/** Each variant's wall time over the floor's, run by run, and their median. */
function runRatios(variants: readonly Row[], floor: Row): string {
  return variants
    .map((row) => {
      const ratios = row.wallsMs.map((ms, run) => ms / floor.wallsMs[run]!);
      return `${row.tool} ${median(ratios).toFixed(2)}x (${ratios.map((ratio) => ratio.toFixed(2)).join(', ')})`;
    })
    .join('; ');
}

const measured = [...linkgraphTimes.keys()].sort((a, b) => a - b);
if (measured.length > 1) {
  print();
  const steps = measured.slice(1).map((pages, index) => {
    const previous = measured[index]!;
    const ratio = linkgraphTimes.get(pages)! / linkgraphTimes.get(previous)!;
    const floorRatio = floorTimes.get(pages)! / floorTimes.get(previous)!;
    return `${previous} → ${pages} pages (${pages / previous}x): linkgraph ${ratio.toFixed(1)}x time, floor ${floorRatio.toFixed(1)}x`;
  });
  print(`Slope: ${steps.join('; ')}`);
  const perPage = measured.map((pages) => `${pages}: ${((linkgraphTimes.get(pages)! / pages) * 1000).toFixed(0)} µs/page`).join(', ');
  print(`Per page: ${perPage}`);
}
/** The median of the run-by-run ratios of a row's times to the floor row's times beside them, with their spread. */
function pairedRatio(row: Row, floor: Row, of: 'wallsMs' | 'cpusMs'): string {
  const ratios = row[of].map((ms, run) => ms / floor[of][run]!);
  if (ratios.length === 0) return '—';
  const sorted = [...ratios].sort((a, b) => a - b);
  return `${median(ratios).toFixed(2)}x${ratios.length > 1 ? ` (${sorted[0]!.toFixed(2)}-${sorted.at(-1)!.toFixed(2)})` : ''}`;
}

/** The slowest rule over a row's runs: the median share, and the rule most often slowest. */
function slowestOf(row: Row): string {
  if (row.slowest.length === 0) return '';
  const counts = new Map<string, number>();
  for (const { rule } of row.slowest) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  const rule = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return `${rule} ${(median(row.slowest.map((s) => s.share)) * 100).toFixed(1)}% (${Math.round(median(row.slowest.map((s) => s.ms)))} ms)`;
}

/**
 * Measure linkgraph's variants and the read and read + htmlparser2 floors on
 * one site, interleaved, and print their rows; the first variant is the one
 * the targets are about.
 */
async function benchAgainstFloor(title: string, site: Site, variants: readonly Tool[], withRecall: boolean): Promise<{ own: Row; floor: Row; rows: Row[] }> {
  const floors = ['read', 'htmlparser2'].map(floorTool);
  const measuredRows = await runInterleaved([...variants, ...floors], site, runs);
  const rows = measuredRows.slice(0, variants.length);
  const floorRows = measuredRows.slice(variants.length);
  const floor = floorRows[1]!;
  print(`\n## ${title}; load average ${load()}`);
  print();
  const recallHead = withRecall ? ` ${DEFECT_CLASSES.join(' | ')} |` : '';
  print(`| tool | wall time (median) | CPU time | peak RSS | / floor, wall | / floor, CPU | findings | slowest rule (share of steps) |${recallHead}`);
  print(`|---|---:|---:|---:|---:|---:|---:|---|${withRecall ? DEFECT_CLASSES.map(() => '---|').join('') : ''}`);
  for (const row of rows) {
    const time = row.timedOut ? `> ${Math.round(ownTimeoutMs / 1000)} s` : `${seconds(row.wallMs)} (${row.runs} run${row.runs === 1 ? '' : 's'})`;
    const recall = withRecall ? ` ${DEFECT_CLASSES.map((defectClass) => row.recall[defectClass] ?? '').join(' | ')} |` : '';
    print(`| ${row.tool}${row.failed ? ` (${row.failed})` : ''} | ${time} | ${seconds(row.cpuMs)} | ${mib(row.maxRssKb)} | ${pairedRatio(row, floor, 'wallsMs')} | ${pairedRatio(row, floor, 'cpusMs')} | ${row.findings ?? ''} | ${slowestOf(row)} |${recall}`);
  }
  for (const row of floorRows) print(`| ${row.tool} | ${seconds(row.wallMs)} (${row.runs} run${row.runs === 1 ? '' : 's'}) | ${seconds(row.cpuMs)} | ${mib(row.maxRssKb)} | | | | |${withRecall ? DEFECT_CLASSES.map(() => ' |').join('') : ''}`);
  return { own: rows[0]!, floor, rows };
}

/** Every rule on (those off by default at `warn`), with `options` of the site. */
function everyRuleTool(configName: string, options: Record<string, unknown> = {}, threads?: number): Tool {
  return linkgraphTool({ config: allRulesConfig(configName, options), label: 'every rule on', ...(threads === undefined ? {} : { threads }) });
}

/** Every rule but the link rules off, with `options` of the site. */
function linkRulesTool(configName: string, options: Record<string, unknown>): Tool {
  const file = path.join(OUT, `${configName}.json`);
  const { rules, ...rest } = options as { rules?: Record<string, unknown> };
  void rules;
  writeFileSync(file, `${JSON.stringify({ ...rest, rules: Object.fromEntries([...ruleIds].filter((id) => !LINK_RULES.has(id)).map((id) => [id, 'off'])) }, null, 1)}\n`);
  return linkgraphTool({ config: file, label: 'link rules only' });
}

for (const pages of heavySizes) {
  const shape = heavyShape(pages);
  const site = await ensureSite(pages, shape);
  const variants = [everyRuleTool('every-rule'), everyRuleTool('every-rule', {}, 1), linkgraphTool({ label: 'default rules' }), linkgraphTool({ linkRulesOnly: true })];
  if (compareDist !== undefined) variants.push(linkgraphTool({ dist: compareDist, config: allRulesConfig('every-rule'), label: 'every rule on' }));
  const defectCounts = DEFECT_CLASSES.map((defectClass) => `${defectClass} ${site.truth.defects.filter((d) => d.class === defectClass).length}`).join(', ');
  const { own, floor, rows } = await benchAgainstFloor(
    `Defect-heavy site: ${pages} pages (${(site.truth.bytes / 2 ** 20).toFixed(0)} MiB; seeded: ${defectCounts})`,
    site,
    variants,
    true,
  );
  summary.push(`| defect-heavy, ${pages} pages | ${pages} | ${(site.truth.bytes / 2 ** 20).toFixed(0)} | ${own.findings ?? ''} | ${pairedRatio(own, floor, 'wallsMs')} | ${pairedRatio(rows[1]!, floor, 'cpusMs')} | ${pairedRatio(rows[3]!, floor, 'wallsMs')} | ${slowestOf(own)} |`);
}

interface CorpusSite {
  id: string;
  pages: number;
  dir: string;
  options: Record<string, unknown>;
}
const corpusSites: CorpusSite[] = [];
if (values.real !== '') {
  const unpacked = spawnSync(NODE, ['--experimental-transform-types', '--no-warnings=ExperimentalWarning', '--import', './bench/ts-resolve.mjs', 'bench/unpack-corpus.ts', values.real], { cwd: ROOT, encoding: 'utf8' });
  if (unpacked.status !== 0) throw new Error(`bench: cannot unpack the corpus: ${unpacked.stderr}`);
  corpusSites.push(...(JSON.parse(unpacked.stdout) as CorpusSite[]));
}
for (const corpusSite of corpusSites) {
  let bytes = 0;
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.html')) bytes += statSync(full).size;
    }
  };
  walk(corpusSite.dir);
  const site: Site = { pages: corpusSite.pages, dir: corpusSite.dir, truth: { pages: corpusSite.pages, seed: 0, files: 0, bytes, defects: [] } };
  // Small sites are read in one thread whatever the machine: no thread variants.
  const variants = [everyRuleTool(`every-rule-${corpusSite.id}`, corpusSite.options), linkRulesTool(`link-rules-${corpusSite.id}`, corpusSite.options)];
  if (compareDist !== undefined) variants.push(linkgraphTool({ dist: compareDist, config: allRulesConfig(`every-rule-${corpusSite.id}`, corpusSite.options), label: 'every rule on' }));
  const { own, floor, rows } = await benchAgainstFloor(`Real site \`${corpusSite.id}\`: ${corpusSite.pages} pages (${(bytes / 2 ** 20).toFixed(1)} MiB of HTML)`, site, variants, false);
  summary.push(`| ${corpusSite.id} | ${corpusSite.pages} | ${(bytes / 2 ** 20).toFixed(1)} | ${own.findings ?? ''} | ${pairedRatio(own, floor, 'wallsMs')} | ${pairedRatio(own, floor, 'cpusMs')} | ${pairedRatio(rows[1]!, floor, 'wallsMs')} | ${slowestOf(own)} |`);
}
if (summary.length > 0) {
  print('\n## Every rule on, against the one-thread read + htmlparser2 floor (targets: within 3x, link rules within 2x, slowest rule under 10% of the steps)');
  print();
  print('| site | pages | MiB of HTML | findings | every rule on / floor, wall | one thread / floor, CPU | link rules only / floor, wall | slowest rule (share of steps) |');
  print('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const line of summary) print(line);
  print('\nRatios are the median of run-by-run ratios (each run against the floor run beside it), with their range.');
}
print(`Load average at end: ${load()}`);
writeFileSync(path.join(OUT, 'results.md'), `${lines.join('\n')}\n`);
