// linkgraph next to remark-validate-links on one folder of Markdown (not a test).
//
//   npm run bench:unified
//
// Both run as remark-cli runs them (unified-engine, one file set, remark-gfm
// and remark-frontmatter before them) on a copy of bench/unified-corpus/docs
// (fastify's docs as its npm package ships them) into which probes are
// injected: for each class of link the issue lists, a defect and, where one
// exists, a link of the same class that works. A finding on a probe's line
// counts as found (defect) or as a false positive (working link). Then the
// corpus itself: every finding of either tool, by kind, and whether the other
// tool has one at the same place.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import remarkValidateLinks from 'remark-validate-links';
import { unified, type PluggableList } from 'unified';
import { engine } from 'unified-engine';
import type { VFile } from 'vfile';
import remarkLinkgraph from '../src/remark/index.js';

const here = import.meta.dirname;
const work = path.join(here, '.out/unified-compare');

/** One probe: a line of Markdown in a probe file, its class, and whether it is a defect. */
interface Probe {
  kind: string;
  defect: boolean;
  file: string;
  markdown: string;
}

/** The probes, by file; each file's probe lines follow a heading and a blank line. */
const probes: Probe[] = [
  { kind: 'missing file', defect: true, file: 'docs/Probes.md', markdown: '[x](No-Such-Page.md)' },
  { kind: 'missing file', defect: false, file: 'docs/Probes.md', markdown: '[x](Guides/Testing.md)' },
  { kind: 'bad cross-file heading', defect: true, file: 'docs/Probes.md', markdown: '[x](Reference/Server.md#no-such-heading)' },
  { kind: 'bad cross-file heading', defect: false, file: 'docs/Probes.md', markdown: '[x](Reference/Server.md#bodylimit)' },
  { kind: 'bad same-file heading', defect: true, file: 'docs/Probes.md', markdown: '[x](#no-such-section)' },
  { kind: 'bad same-file heading', defect: false, file: 'docs/Probes.md', markdown: '[x](#probe-section-two)' },
  { kind: 'wrong case', defect: true, file: 'docs/Probes.md', markdown: '[x](reference/server.md)' },
  { kind: 'wrong case', defect: false, file: 'docs/Probes.md', markdown: '[x](Reference/Server.md)' },
  { kind: 'subfolder', defect: true, file: 'docs/Probes.md', markdown: '[x](probes/Missing.md)' },
  { kind: 'subfolder', defect: false, file: 'docs/Probes.md', markdown: '[x](probes/Nested.md#nested-section)' },
  { kind: 'missing image', defect: true, file: 'docs/Probes.md', markdown: '![x](resources/no-such-image.png)' },
  { kind: 'missing image', defect: false, file: 'docs/Probes.md', markdown: '![x](resources/encapsulation_context.svg)' },
  { kind: 'missing reference definition', defect: true, file: 'docs/Probes.md', markdown: '[x][no-such-definition]' },
  { kind: 'missing reference definition', defect: false, file: 'docs/Probes.md', markdown: '[x][testing]' },
  { kind: 'raw HTML link', defect: true, file: 'docs/Probes.md', markdown: '<a href="No-Such-Raw.md">x</a>' },
  { kind: 'raw HTML link', defect: false, file: 'docs/Probes.md', markdown: '<a href="Guides/Testing.md">x</a>' },
  { kind: 'raw `<a name>` anchor', defect: true, file: 'docs/Probes.md', markdown: '[x](#no-such-raw-anchor)' },
  { kind: 'raw `<a name>` anchor', defect: false, file: 'docs/Probes.md', markdown: '[x](#raw-anchor)' },
  { kind: '`../` path', defect: true, file: 'docs/probes/Nested.md', markdown: '[x](../Reference/No-Such.md)' },
  { kind: '`../` path', defect: false, file: 'docs/probes/Nested.md', markdown: '[x](../Reference/Server.md#bodylimit)' },
  { kind: 'non-Markdown file', defect: true, file: 'docs/Probes.md', markdown: '[x](resources/no-such.drawio)' },
  { kind: 'non-Markdown file', defect: false, file: 'docs/Probes.md', markdown: '[x](resources/encapsulation_context.drawio)' },
  { kind: 'folder', defect: true, file: 'docs/Probes.md', markdown: '[x](No-Such-Folder/)' },
  { kind: 'folder', defect: false, file: 'docs/Probes.md', markdown: '[x](Reference/)' },
];

/** Extra lines of each probe file (headings, the anchor, the definition), before and after the probes. */
const frame: Record<string, { head: string; tail: string }> = {
  'docs/Probes.md': {
    head: '# Probes\n\n[Back to the docs](index.md) and [the nested page](probes/Nested.md).\n\n',
    tail: '\n## Probe section two\n\n<a name="raw-anchor"></a>\n\nText.\n\n[testing]: Guides/Testing.md\n',
  },
  'docs/probes/Nested.md': {
    head: '# Nested\n\n[Up](../Probes.md)\n\n## Nested section\n\n',
    tail: '',
  },
};

/** linkgraph's options: the docs' home page is `docs/index.md`, the entry point of its link graph. */
const LINKGRAPH = { entries: ['/docs/'] };

type Finding = { file: string; line: number; column: number; rule: string; reason: string };

/** Run one tool over `files` in `cwd` as remark-cli would; every message of every file. */
function runTool(cwd: string, plugins: PluggableList): Promise<Finding[]> {
  return new Promise((resolve, reject) => {
    engine(
      {
        processor: unified().use(remarkParse).use(remarkStringify),
        cwd,
        files: ['docs'],
        extensions: ['md'],
        plugins,
        out: false,
        output: false,
        quiet: true,
        silent: true,
        streamError: new PassThrough(),
        detectConfig: false,
        detectIgnore: false,
      },
      (error, _code, context) => {
        if (error) return reject(error);
        const files = (context?.files ?? []) as VFile[];
        resolve(
          files.flatMap((file) =>
            file.messages.map((message) => ({
              file: path.relative(cwd, path.resolve(file.cwd, file.path)).split(path.sep).join('/'),
              line: message.line ?? 0,
              column: message.column ?? 0,
              rule: message.ruleId ?? '',
              reason: message.reason,
            })),
          ),
        );
      },
    );
  });
}

await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });
await cp(path.join(here, 'unified-corpus/docs'), path.join(work, 'docs'), { recursive: true });
const corpusRun = {
  rvl: await runTool(work, [remarkGfm, remarkFrontmatter, [remarkValidateLinks, { repository: false }]]),
  linkgraph: await runTool(work, [remarkGfm, remarkFrontmatter, [remarkLinkgraph, LINKGRAPH]]),
};

// Probes: each on a line of its own, its line noted.
const where = new Map<Probe, { file: string; line: number }>();
for (const [file, { head, tail }] of Object.entries(frame)) {
  let text = head;
  for (const probe of probes.filter((candidate) => candidate.file === file)) {
    where.set(probe, { file, line: text.split('\n').length });
    text += `${probe.markdown}\n\n`;
  }
  await mkdir(path.dirname(path.join(work, file)), { recursive: true });
  await writeFile(path.join(work, file), text + tail);
}
// The probe pages are linked from the docs home, so they are no orphans.
await writeFile(path.join(work, 'docs/index.md'), `${await readFile(path.join(work, 'docs/index.md'), 'utf8')}\n[Probes](Probes.md)\n`);
const probeRun = {
  rvl: await runTool(work, [remarkGfm, remarkFrontmatter, [remarkValidateLinks, { repository: false }]]),
  linkgraph: await runTool(work, [remarkGfm, remarkFrontmatter, [remarkLinkgraph, LINKGRAPH]]),
};

const on = (findings: readonly Finding[], place: { file: string; line: number }): Finding[] => findings.filter((finding) => finding.file === place.file && finding.line === place.line);
const kinds = [...new Set(probes.map((probe) => probe.kind))];
const rows = kinds.map((kind) => {
  const cell = (tool: 'rvl' | 'linkgraph', defect: boolean): string => {
    const list = probes.filter((probe) => probe.kind === kind && probe.defect === defect);
    if (list.length === 0) return '-';
    const hits = list.filter((probe) => on(probeRun[tool], where.get(probe)!).length > 0).length;
    return defect ? `${hits}/${list.length}` : String(hits);
  };
  return [kind, cell('rvl', true), cell('linkgraph', true), cell('rvl', false), cell('linkgraph', false)];
});

console.log('## Injected probes\n');
console.log('| class | found by remark-validate-links | found by linkgraph | false positives of remark-validate-links | false positives of linkgraph |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

// The corpus as shipped: each tool's link findings, keyed by the link (source file, target file,
// fragment), since remark-validate-links reports a reference link at its definition and linkgraph
// at each use; and linkgraph's findings of the other rules (the link graph) by rule.
/** `file -> target#fragment` of a finding about a link, as both tools' messages name it; undefined for other findings. */
const linkKey = (finding: Finding): string | undefined => {
  const dir = path.posix.dirname(finding.file);
  const rvl = /^Cannot find (?:heading for `#([^`]*)`(?: in `([^`]*)`)?|file `([^`]*)`)/.exec(finding.reason);
  if (rvl) {
    const [, hash, inFile, file] = rvl;
    const target = file ?? inFile;
    return `${finding.file} -> ${target === undefined ? finding.file : path.posix.join(dir, target)}#${(hash ?? '').toLowerCase()}`;
  }
  const fragment = /^Fragment `#([^`]*)` has no matching `id` on (?:this page|`([^`]*)`)/.exec(finding.reason);
  if (fragment) {
    const [, hash, url] = fragment;
    const target = url === undefined ? finding.file : url.endsWith('/') ? `${url.slice(1)}index.md` : `${url.slice(1)}.md`;
    return `${finding.file} -> ${target}#${hash!.toLowerCase()}`;
  }
  const link = /^Link to `\/([^`]*)` has no (?:page|file)/.exec(finding.reason);
  return link ? `${finding.file} -> ${link[1]}#` : undefined;
};
const keys = (findings: readonly Finding[]): Set<string> => new Set(findings.map(linkKey).filter((key) => key !== undefined));
const rvlLinks = keys(corpusRun.rvl);
const linkgraphLinks = keys(corpusRun.linkgraph);
const both = [...rvlLinks].filter((key) => linkgraphLinks.has(key));
console.log('\n## The corpus (fastify docs, as in its npm package)\n');
console.log('| | remark-validate-links | linkgraph |');
console.log('| --- | --- | --- |');
console.log(`| broken links and fragments (distinct links) | ${rvlLinks.size} | ${linkgraphLinks.size} |`);
console.log(`| of them found by both | ${both.length} | ${both.length} |`);
const others = new Map<string, number>();
for (const finding of corpusRun.linkgraph) if (linkKey(finding) === undefined) others.set(finding.rule || '(note)', (others.get(finding.rule || '(note)') ?? 0) + 1);
for (const [rule, count] of [...others].sort()) console.log(`| \`${rule}\` | - | ${count} |`);
const only = (from: Set<string>, other: Set<string>): string[] => [...from].filter((key) => !other.has(key)).sort();
/** Whether the target file has the fragment as an `id` or `name` in raw HTML (`<a id="x">`), where a tool that reads only Markdown cannot see it. */
const inRawHtml = async (key: string): Promise<boolean> => {
  const [, target, hash] = /-> ([^#]*)#(.*)$/.exec(key)!;
  if (hash === '') return false;
  const text = await readFile(path.join(work, target!), 'utf8').catch(() => '');
  return new RegExp(`\\b(?:id|name)=["']${hash!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`, 'i').test(text);
};
for (const [tool, list] of [
  ['remark-validate-links only', only(rvlLinks, linkgraphLinks)],
  ['linkgraph only', only(linkgraphLinks, rvlLinks)],
] as const) {
  const raw = (await Promise.all(list.map(inRawHtml))).filter(Boolean).length;
  console.log(`\n${tool}: ${list.length}, of which ${raw} name an \`id\` or \`name\` in the target's raw HTML (false positives)`);
  if (process.argv.includes('--list')) for (const key of list) console.log(`- ${key}`);
}
