// `npm run test:astro-compat`: install linkgraph (packed from this checkout)
// next to astro 6, astro 5 and the oldest astro 7 whose Markdown positions
// differ (7.1.6, with its own Satteri 0.3.5 and MDX 7.0.5, which give UTF-8
// byte offsets) in throwaway projects, build the content collection fixture
// with each (and, where MDX is installed, the fixture with text beyond ASCII
// before its links), and compare the findings and their Markdown source
// lines with the current astro 7's (test/astro/collection.test.ts,
// test/astro/unicode.test.ts). Needs the npm registry; run by .ci/run.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = path.join(repo, 'node_modules/.cache/linkgraph-astro-compat');
const versions = (process.env.ASTRO_VERSIONS ?? '^6.4.0 ^5.0.0 7.1.6').split(/\s+/).filter(Boolean);
/** Packages a version is installed with (an astro 7 minor pins its own Satteri; MDX must match it). */
const companions = { '7.1.6': ['@astrojs/mdx@7.0.5'] };
/** Findings of the unicode fixture, as test/astro/unicode.test.ts expects them. */
const expectedUnicode = JSON.parse(await readFile(path.join(repo, 'test/fixtures/astro/unicode/expected.json'), 'utf8'));
const expected = [
  'src/content/blog/first.md:11:47 broken-internal-link Link to `/blog/third/` has no page in the output; did you mean `/blog/first/`?',
  'src/content/blog/first.md:13:12 broken-fragment Fragment `#nowhere` has no matching `id` on `/blog/second/`',
  'src/content/blog/second.md:6:57 broken-internal-link Link to `/img/none.png` has no file in the output',
];

// The project's build script: the integration must fail the build with an AstroError and write the report.
const buildScript = `import { build } from 'astro';
import linkgraph from 'linkgraph/astro';
let error;
try {
  await build({ root: process.cwd(), configFile: false, logLevel: 'error', integrations: [linkgraph({ reports: { json: 'report.json' } })] });
} catch (caught) {
  error = caught;
}
if (error?.name !== 'AstroUserError') throw new Error('expected the build to fail with an AstroError, got ' + String(error));
// No source-position attribute may be left in the output, in any spelling.
const { readdir, readFile } = await import('node:fs/promises');
for (const file of await readdir('dist', { recursive: true })) {
  if (/\\.(html|xml|json)$/.test(file) && /data-?linkgraph-?src/i.test(await readFile('dist/' + file, 'utf8'))) throw new Error('dist/' + file + ' still has a source-position attribute');
}
`;

// The unicode fixture's build: MDX on, findings below failOn, orphans off (its pages link nothing).
const unicodeScript = `import { build } from 'astro';
import mdx from '@astrojs/mdx';
import linkgraph from 'linkgraph/astro';
await build({ root: process.cwd(), configFile: false, logLevel: 'error', integrations: [mdx(), linkgraph({ failOn: 'never', rules: { 'orphan-page': 'off' }, reports: { json: 'report.json' } })] });
`;

/** The report's findings as the tests print them. */
async function findingLines(project) {
  const report = JSON.parse(await readFile(path.join(project, 'report.json'), 'utf8'));
  return report.findings.map((finding) => `${finding.source ? `${finding.source.file}:${finding.source.line}:${finding.source.column}` : finding.file} ${finding.ruleId} ${finding.message}`);
}

/** Compare, print, and note a failure. */
function compare(label, lines, wanted) {
  const ok = JSON.stringify(lines) === JSON.stringify(wanted);
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) console.log(`  expected:\n    ${wanted.join('\n    ')}\n  got:\n    ${lines.join('\n    ')}`);
}

let failed = false;
await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }).trim().split('\n').at(-1);
for (const version of versions) {
  const project = path.join(work, `astro-${version.replace(/[^\d.]/g, '')}`);
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'astro-compat', private: true, type: 'module' }));
  await cp(path.join(repo, 'test/fixtures/astro/collection/src'), path.join(project, 'src'), { recursive: true });
  await writeFile(path.join(project, 'build.mjs'), buildScript);
  const extra = companions[version] ?? [];
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `astro@${version}`, ...extra, path.join(work, tarball)], { cwd: project, stdio: 'inherit' });
  const installed = JSON.parse(await readFile(path.join(project, 'node_modules/astro/package.json'), 'utf8')).version;
  execFileSync(process.execPath, ['build.mjs'], { cwd: project, stdio: 'inherit' });
  compare(`astro ${installed}`, await findingLines(project), expected);
  if (extra.some((name) => name.startsWith('@astrojs/mdx@'))) {
    const unicode = path.join(work, `unicode-${version.replace(/[^\d.]/g, '')}`);
    await mkdir(unicode, { recursive: true });
    await cp(path.join(project, 'package.json'), path.join(unicode, 'package.json'));
    await cp(path.join(repo, 'test/fixtures/astro/unicode/src'), path.join(unicode, 'src'), { recursive: true });
    await writeFile(path.join(unicode, 'build.mjs'), unicodeScript);
    // The same installed packages, without a second install.
    await symlink(path.join(project, 'node_modules'), path.join(unicode, 'node_modules'));
    execFileSync(process.execPath, ['build.mjs'], { cwd: unicode, stdio: 'inherit' });
    const satteri = JSON.parse(await readFile(path.join(project, 'node_modules/@astrojs/markdown-satteri/package.json'), 'utf8')).version;
    compare(`astro ${installed} (Satteri ${satteri}): positions after text beyond ASCII`, await findingLines(unicode), expectedUnicode);
  }
}
process.exitCode = failed ? 1 : 0;
