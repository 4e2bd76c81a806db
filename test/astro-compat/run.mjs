// `npm run test:astro-compat`: install linkgraph (packed from this checkout)
// next to astro 6 and astro 5 in throwaway projects, build the content
// collection fixture with each, and compare the findings and their Markdown
// source lines with astro 7's (test/astro/collection.test.ts). Needs the npm
// registry; run by .ci/run after `npm test`.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = path.join(repo, 'node_modules/.cache/linkgraph-astro-compat');
const versions = (process.env.ASTRO_VERSIONS ?? '^6.4.0 ^5.0.0').split(/\s+/).filter(Boolean);
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

await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }).trim().split('\n').at(-1);
let failed = false;
for (const version of versions) {
  const project = path.join(work, `astro-${version.replace(/[^\d.]/g, '')}`);
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'astro-compat', private: true, type: 'module' }));
  await cp(path.join(repo, 'test/fixtures/astro/collection/src'), path.join(project, 'src'), { recursive: true });
  await writeFile(path.join(project, 'build.mjs'), buildScript);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `astro@${version}`, path.join(work, tarball)], { cwd: project, stdio: 'inherit' });
  const installed = JSON.parse(await readFile(path.join(project, 'node_modules/astro/package.json'), 'utf8')).version;
  execFileSync(process.execPath, ['build.mjs'], { cwd: project, stdio: 'inherit' });
  const report = JSON.parse(await readFile(path.join(project, 'report.json'), 'utf8'));
  const lines = report.findings.map((finding) => `${finding.source ? `${finding.source.file}:${finding.source.line}:${finding.source.column}` : finding.file} ${finding.ruleId} ${finding.message}`);
  const ok = JSON.stringify(lines) === JSON.stringify(expected);
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} astro ${installed}`);
  if (!ok) console.log(`  expected:\n    ${expected.join('\n    ')}\n  got:\n    ${lines.join('\n    ')}`);
}
process.exitCode = failed ? 1 : 0;
