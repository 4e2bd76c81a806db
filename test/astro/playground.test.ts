import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/rules/registry.js';
import { chromiumMissing, launchChromium } from '../helpers/chromium.js';
import { findingLine, type ReportFinding } from './build-fixture.js';

const PLAYGROUND = fileURLToPath(new URL('../../playground/', import.meta.url));
// Inside the repository, so that the copy resolves `astro` and `linkgraph/astro` (built by `npm test`).
const BUILDS = fileURLToPath(new URL('../../node_modules/.cache/linkgraph-astro/', import.meta.url));

/** A `Deliberate defect (rule-id)` comment in the playground's sources. */
interface Defect {
  file: string;
  line: number;
  ruleId: string;
  /** The line after the comment holds the link (Markdown and MDX), so the finding's source is there. */
  linkLine?: number;
}

async function defects(): Promise<Defect[]> {
  const found: Defect[] = [];
  for (const file of (await readdir(path.join(PLAYGROUND, 'src'), { recursive: true })).sort()) {
    const relative = `src/${file.split(path.sep).join('/')}`;
    if (!/\.(md|mdx|astro)$/.test(relative)) continue;
    const lines = (await readFile(path.join(PLAYGROUND, relative), 'utf8')).split('\n');
    lines.forEach((text, index) => {
      const match = /Deliberate defect \(([a-z-]+)\)/.exec(text);
      if (!match) return;
      const next = lines[index + 1] ?? '';
      const defect: Defect = { file: relative, line: index + 1, ruleId: match[1]! };
      if (/\]\(|href=/.test(next) && /\.mdx?$/.test(relative)) defect.linkLine = index + 2;
      found.push(defect);
    });
  }
  return found;
}

/** `src/content/guides/a.md` -> `/guides/a/`; `src/pages/b.astro` -> `/b/`. */
function pageOf(file: string): string {
  return file.replace(/^src\/content\//, '/').replace(/^src\/pages\//, '/').replace(/\.(md|mdx|astro)$/, '/');
}

/** Build a copy of the playground (optionally edited) and read its JSON report. */
async function buildCopy(edit?: (root: string) => Promise<void>): Promise<{ error: unknown; findings: ReportFinding[]; root: string }> {
  await mkdir(BUILDS, { recursive: true });
  const root = await mkdtemp(path.join(BUILDS, 'playground-'));
  await cp(PLAYGROUND, root, { recursive: true, filter: (source) => !/[/\\](dist|\.astro|\.linkgraph|node_modules)$/.test(source) });
  await edit?.(root);
  let error: unknown;
  try {
    await build({ root, logLevel: 'error' });
  } catch (caught) {
    error = caught;
  }
  const report = JSON.parse(await readFile(path.join(root, '.linkgraph/report.json'), 'utf8')) as { findings: ReportFinding[] };
  return { error, findings: report.findings, root };
}

describe('the playground', () => {
  const roots: string[] = [];
  afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));
  let built: Awaited<ReturnType<typeof buildCopy>>;
  beforeAll(async () => {
    built = await buildCopy();
    roots.push(built.root);
  });

  it('fails the build on its deliberate defects', () => {
    expect(built.error).toBeDefined();
  });

  it('reports every deliberate defect whose rule exists, at the line after its comment', async () => {
    const marked = await defects();
    expect(marked.map((defect) => defect.ruleId).sort()).toEqual(
      ['broken-fragment', 'broken-internal-link', 'broken-internal-link', 'generic-anchor', 'link-to-redirect', 'orphan-page', 'overused-anchor'],
    );
    const checked = marked.filter((defect) => (ruleIds as readonly string[]).includes(defect.ruleId));
    expect(checked).toHaveLength(marked.length);
    for (const defect of checked) {
      const matches = built.findings.filter((finding) => finding.ruleId === defect.ruleId);
      if (defect.linkLine !== undefined) {
        expect(matches.map((finding) => `${finding.source?.file}:${finding.source?.line}`), `${defect.file}:${defect.line}`).toContain(`${defect.file}:${defect.linkLine}`);
      } else {
        const page = pageOf(defect.file);
        expect(matches.some((finding) => finding.page === page || finding.target?.startsWith(page)), `${defect.file}:${defect.line}`).toBe(true);
      }
    }
  });

  it('suggests the page that mentions the orphan, with the sentence', () => {
    const orphan = built.findings.filter((finding) => finding.ruleId === 'orphan-page');
    expect(orphan.map((finding) => finding.message)).toEqual(['No other page links to `/old-pricing/`; `/faq/` mentions “Pricing (2023)” without a link']);
  });

  it('writes every report format', async () => {
    const files = ['report.json', 'report.sarif', 'report.md', 'junit.xml', 'annotations.txt', 'report.html'];
    for (const file of files) expect((await readFile(path.join(built.root, '.linkgraph', file), 'utf8')).length, file).toBeGreaterThan(100);
  });

  it.skipIf(chromiumMissing)('opens its HTML report in Chromium with the orphan page highlighted', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(pathToFileURL(path.join(built.root, '.linkgraph', 'report.html')).href);
      await page.waitForSelector('#graph[data-layout="done"]', { timeout: 60_000 });
      expect(await page.locator('#page-rows tr', { hasText: '/old-pricing/' }).locator('.badge').allTextContents()).toEqual(['orphan']);
      await mkdir(path.resolve(import.meta.dirname, '../../test-results'), { recursive: true });
      await page.screenshot({ path: path.resolve(import.meta.dirname, '../../test-results/playground-report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('reports the broken links and fragments exactly, at their Markdown lines', () => {
    const broken = built.findings.filter((finding) => finding.ruleId === 'broken-internal-link' || finding.ruleId === 'broken-fragment');
    expect(broken.map(findingLine)).toEqual([
      'src/content/guides/configuration.md:15:42 broken-internal-link Link to `/guides/deploy/` has no page in the output; did you mean `/guides/deploying/`?',
      'src/content/guides/deploying.md:9:1 broken-internal-link Link to `/images/deploy-pipeline.png` has no file in the output',
      'src/content/guides/getting-started.md:19:14 broken-fragment Fragment `#option` has no matching `id` on `/guides/configuration/`; did you mean `#options`?',
    ]);
  });

  it('passes once the defects are fixed (a copy)', async () => {
    const fixed = await buildCopy(async (root) => {
      const fix = async (file: string, from: string | RegExp, to: string): Promise<void> => {
        const absolute = path.join(root, file);
        const text = await readFile(absolute, 'utf8');
        const next = text.replace(from, to);
        if (next === text) throw new Error(`Nothing to fix in ${file}: ${String(from)}`);
        await writeFile(absolute, next);
      };
      await fix('src/content/guides/configuration.md', '(/guides/deploy/)', '(/guides/deploying/)');
      await fix('src/content/guides/configuration.md', 'the [getting started guide]', 'the [first guide]');
      await fix('src/content/guides/getting-started.md', '#option)', '#options)');
      await fix('src/content/guides/deploying.md', /!\[The deploy pipeline\]\(\/images\/deploy-pipeline\.png\)\n/, '');
      await fix('src/content/guides/deploying.md', '(/start/)', '(/guides/getting-started/)');
      await fix('src/content/guides/deploying.md', 'the [getting started guide]', 'the [introduction]');
      await fix('src/pages/changelog.mdx', '>click here<', '>the upgrade notes<');
      await fix('src/pages/faq.astro', 'our pricing (2023) said the same', 'our <a href="/old-pricing/">pricing (2023)</a> said the same');
      await fix('src/pages/about.astro', '>getting started guide<', '>five-minute tour<');
    });
    roots.push(fixed.root);
    expect(fixed.findings.map(findingLine)).toEqual([]);
    expect(fixed.error).toBeUndefined();
  });
});
