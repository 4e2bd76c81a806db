import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { page } from '../helpers/run-site.js';
import { tempSite } from '../helpers/temp-site.js';

const clean = {
  'index.html': page('<nav><a href="/">Home</a><a href="/about/">About</a></nav><p><a href="/about/#team">the team</a></p>'),
  'about/index.html': page('<h2 id="team">Team</h2><a href="/">Home</a>'),
};

describe('linkgraph check', () => {
  it('exits 0 on a clean site and prints a summary', async () => {
    const dir = await tempSite(clean);
    const { code, stdout, stderr } = await runCli(['check', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ no problems \(0 errors, 0 warnings, 0 info\) in 2 pages, 4 links\n$/);
  });

  it('exits 1 with findings grouped by page as file:line:col severity message rule', async () => {
    const dir = await tempSite({ ...clean, 'about/index.html': page('<h2 id="teams">Team</h2><a href="/contakt/">Contact</a>') });
    const { code, stdout } = await runCli(['check', '.'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        '/about/',
        '  about/index.html:1:91  error  Link to `/contakt/` has no page in the output  broken-internal-link',
        '',
        '/',
        '  index.html:1:128  error  Fragment `#team` has no matching `id` on `/about/`; did you mean `#teams`?  broken-fragment',
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 info) in 2 pages, 4 links',
        '',
      ].join('\n'),
    );
  });

  it('honours --fail-on and a config file, with flags over the config', async () => {
    const dir = await tempSite({ ...clean, 'index.html': page('<a href="/about/#nope">x</a>') });
    await writeFile(path.join(dir, 'linkgraph.config.json'), JSON.stringify({ rules: { 'broken-fragment': 'warn' } }));
    expect((await runCli(['check', '.'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['check', '.', '--fail-on', 'warn'], { cwd: dir })).code).toBe(1);
    const js = path.join(dir, 'custom.config.mjs');
    await writeFile(js, "export default { rules: { 'broken-fragment': 'off' } };");
    const { code, stdout } = await runCli(['check', '.', '-c', 'custom.config.mjs', '--fail-on', 'warn'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('✔ no problems');
  });

  it('writes JSON to stdout or to a file, several formats at once', async () => {
    const dir = await tempSite({ ...clean, 'index.html': page('<p><a href="/about/">About us</a> <a href="/missing/">m</a></p>') });
    const json = await runCli(['check', dir, '--format', 'json']);
    const report = JSON.parse(json.stdout) as { version: number; summary: { errors: number }; findings: { ruleId: string; line: number; href: string }[]; pages: { url: string }[] };
    expect(report.version).toBe(1);
    expect(report.summary.errors).toBe(1);
    expect(report.findings.map((finding) => [finding.ruleId, finding.line, finding.href])).toEqual([['broken-internal-link', 1, '/missing/']]);
    expect(report.pages.map((entry) => entry.url)).toEqual(['/about/', '/']);
    const both = await runCli(['check', '.', '--format', 'text', '--format', 'json=out/report.json'], { cwd: dir });
    expect(both.stdout).toContain('broken-internal-link');
    expect(both.stderr).toContain('wrote the json report to out/report.json');
    expect(JSON.parse(await readFile(path.join(dir, 'out/report.json'), 'utf8'))).toMatchObject({ version: 1 });
  });

  it.each([
    [['check'], /missing <dir>/],
    [['lint', 'dist'], /unknown command `lint`; expected `check`/],
    [['check', 'dist', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['check', 'dist', '--format', 'yaml'], /unknown format `yaml` in `--format`; expected one of `text`, `json`/],
    [['check', 'dist', '--trailing-slash', 'sometimes'], /`--trailing-slash` expected one of `ignore`, `always` or `never`, received `sometimes`/],
    [['check', 'dist', '--site', 'not a url'], /`--site`/],
    [['check', 'does-not-exist'], /Cannot read site directory `does-not-exist`: it does not exist/],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const cwd = await tempSite({ 'dist/index.html': page('') });
    const { code, stderr } = await runCli(args, { cwd });
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('exits 2 on a broken config file, naming it', async () => {
    const dir = await tempSite({ 'index.html': page(''), 'linkgraph.config.json': '{ "rules": ' });
    const bad = await runCli(['check', '.'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Config file `linkgraph.config.json` is not valid JSON/);
    await writeFile(path.join(dir, 'linkgraph.config.json'), '{ "rules": { "no-such-rule": "warn" } }');
    const unknown = await runCli(['check', '.'], { cwd: dir });
    expect(unknown.stderr).toMatch(/unknown rule `no-such-rule` in `rules`/);
    await writeFile(path.join(dir, 'linkgraph.config.json'), '{ "failOn": "sometimes" }');
    const wrong = await runCli(['check', '.'], { cwd: dir });
    expect(wrong.stderr).toContain('linkgraph.config.json: `failOn` expected one of `error`, `warn`, `info` or `never`, received `sometimes`');
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a bad duration and a bad severity, by their full paths and the values expected',
      { external: { timeouts: { request: 'forever' } }, rules: { 'broken-fragment': 'loud' } },
      [
        'linkgraph.config.json: `rules.broken-fragment` expected `off`, `info`, `warn` or `error` (or `[level, { ...options }]`), received `loud`',
        'linkgraph.config.json: `external.timeouts.request` expected a duration such as `500ms`, `30s`, `12h`, `1d` or a number of milliseconds, received `forever`',
      ],
    ],
    ['a negative duration', { external: { retryDelay: '-1s' } }, ['`external.retryDelay` expected a duration such as `500ms`, `30s`, `12h`, `1d` or a number of milliseconds, received `-1s`']],
    ['an unknown rule in `ignore.rules`', { ignore: { rules: ['broken-internal-lnk'] } }, ['unknown rule `broken-internal-lnk` in `ignore.rules[0]`; did you mean `broken-internal-link`?']],
    ['a content selector that cannot be matched', { contentSelector: 'main :hover' }, ['`contentSelector` expected a CSS selector, received `main :hover` (Unknown pseudo-selector `hover`)']],
  ])('exits 2 on %s, before reading any page', async (_name, config, messages) => {
    const dir = await tempSite({ 'index.html': page('<a href="/gone/">g</a>'), 'linkgraph.config.json': JSON.stringify(config) });
    const { code, stdout, stderr } = await runCli(['check', '.'], { cwd: dir });
    expect(code).toBe(2);
    for (const message of messages) expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('exits 2 on a content selector flag no page could be matched against, naming the flag', async () => {
    const dir = await tempSite({ 'index.html': page('<a href="/gone/">g</a>') });
    const { code, stdout, stderr } = await runCli(['check', dir, '--content-selector', '::::']);
    expect(stderr).toBe('linkgraph: `--content-selector` expected a CSS selector, received `::::` (Expected pseudo-element name. Pos: 2.)\n');
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('reads a JSON config saved with a byte order mark', async () => {
    const dir = await tempSite({ 'index.html': page('<a href="/gone/">g</a>'), 'linkgraph.config.json': '\uFEFF{ "failOn": "never" }' });
    const { code, stdout, stderr } = await runCli(['check', '.'], { cwd: dir });
    expect(stderr).toBe('');
    expect(stdout).toContain('Link to `/gone/` has no page in the output');
    expect(code).toBe(0);
  });

  it('prints the time of each step with LINKGRAPH_TIMING=1, and nothing of it without', async () => {
    const dir = await tempSite({ ...clean, 'index.html': page('<a href="/about/">About us</a> <a href="/missing/">m</a>') });
    const timed = await runCli(['check', dir, '--format', 'json'], { env: { LINKGRAPH_TIMING: '1' } });
    expect(timed.code).toBe(1);
    expect(JSON.parse(timed.stdout).findings.length).toBeGreaterThan(0);
    const lines = timed.stderr.split('\n');
    expect(lines).toContain('linkgraph: time per step');
    for (const step of ['list files', 'read and collect pages', 'graph', 'rule broken-internal-link', 'report json', 'total']) {
      expect(lines.some((line) => new RegExp(`^${step} +\\d+\\.\\d ms`).test(line)), step).toBe(true);
    }
    // Each step with the heap after it and the peak resident memory so far.
    expect(lines).toContainEqual(expect.stringMatching(/^graph +\d+\.\d ms +\d+\.\d% +\d+ MiB +\d+ MiB$/));
    const plain = await runCli(['check', dir, '--format', 'json']);
    expect(plain.stderr).not.toContain('time per step');
  });

  it('prints complete help and the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--site', '--base', '--trailing-slash', '--fail-on', '--format', '--output', '--config', 'Exit codes', 'LINKGRAPH_TIMING', 'LINKGRAPH_THREADS']) expect(help.stdout).toContain(flag);
    expect((await runCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('bad input', () => {
  it('fails a run over a folder without a single page: it checked nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'linkgraph-empty-'));
    const { code, stdout, stderr } = await runCli(['check', dir]);
    expect(code).toBe(2);
    expect(stdout).toContain('in 0 pages, 0 links');
    expect(stderr).toContain(`holds no HTML page: nothing was checked; expected a built site's output directory (such as \`dist\`)`);
  });

  it('survives a page that is not UTF-8, a 5 MB page and malformed HTML', async () => {
    const big = page(`<h1 id="end">x</h1>${'<p>lorem ipsum dolor sit amet</p>\n'.repeat(160_000)}<a href="/nope/">n</a>`);
    const dir = await tempSite({
      'index.html': page('<a href="/latin/">l</a><a href="/big/#end">b</a><a href="/broken/">m</a>'),
      'latin/index.html': Uint8Array.from([...Buffer.from('<title>Caf'), 0xe9, ...Buffer.from('</title><a href="/caf\u00e9/">x</a>')]),
      'big/index.html': big,
      'broken/index.html': '<div><a href="/missing/"<p>unclosed <b><i></b></div></span><a href=/x/>',
    });
    expect(big.length).toBeGreaterThan(5_000_000);
    const { code, stdout } = await runCli(['check', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('warning  `latin/index.html` is not valid UTF-8; bytes that are not were read as U+FFFD');
    expect(stdout).toMatch(/big\/index.html:160001:\d+ {2}error {2}Link to `\/nope\/`/);
    expect(stdout).toContain('Link to `/x/` has no page in the output');
    expect(stdout).toContain('in 4 pages');
  });

  it('never follows a symlink out of the site', async () => {
    const outside = await tempSite({ 'secret/index.html': page('<a href="/leak/">leak</a>') });
    const dir = await tempSite({ 'index.html': page('<a href="/secret/">s</a><a href="/inner/">i</a>'), 'real/index.html': page('') });
    await symlink(path.join(outside, 'secret'), path.join(dir, 'secret'));
    await symlink(path.join(dir, 'real'), path.join(dir, 'inner'));
    const { code, stdout } = await runCli(['check', dir]);
    expect(stdout).toContain('Skipped `secret`: a symlink to a directory outside the site directory');
    expect(stdout).not.toContain('/leak/');
    expect(stdout).toContain('Link to `/secret/` has no page in the output');
    expect(stdout).not.toContain('Link to `/inner/`');
    expect(code).toBe(1);
  });

  it('counts a symlink to a file outside the site as there, and never reads it', async () => {
    // As Debian's documentation packages link a shared jQuery to /usr/share/javascript.
    const outside = await tempSite({ 'jquery.js': '', 'page.html': page('<a href="/leak/">leak</a>') });
    const dir = await tempSite({ 'index.html': page('<script src="/_static/jquery.js"></script><a href="/shared.html">s</a>') });
    await mkdir(path.join(dir, '_static'));
    await symlink(path.join(outside, 'jquery.js'), path.join(dir, '_static', 'jquery.js'));
    await symlink(path.join(outside, 'page.html'), path.join(dir, 'shared.html'));
    const { stdout } = await runCli(['check', dir, '--format', 'json']);
    const report = JSON.parse(stdout) as { findings: { message: string }[]; summary: { pages: number } };
    expect(report.findings.map((finding) => finding.message).join('\n')).not.toContain('jquery.js');
    expect(stdout).not.toContain('/leak/');
    expect(report.summary.pages).toBe(1);
  });

  it('takes a symlink to a page of the site as another name of that page', async () => {
    // As Debian's FAQ links `faq.html` to `faq.en.html`, and its pages link either name.
    const dir = await tempSite({ 'index.html': page('<a href="faq.en.html">FAQ</a> <a href="faq.html#q">Q</a>'), 'faq.en.html': page('<h2 id="q">Q</h2>') });
    await symlink('faq.en.html', path.join(dir, 'faq.html'));
    const { stdout } = await runCli(['check', dir, '--format', 'json']);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; page: string }[]; summary: { pages: number } };
    expect(report.summary.pages).toBe(2);
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.page}`)).toEqual([]);
  });

  it('gives hostile hrefs a clear finding or none, and reads nothing outside the site', async () => {
    const dir = await tempSite({
      'index.html': page('<a href="javascript:alert(1)">j</a><img src="data:image/png;base64,AAAA"><a href="//elsewhere.example/">e</a><a href="../../../../etc/passwd">p</a><a href="http://[::1">bad</a>'),
    });
    const { stdout } = await runCli(['check', dir, '--format', 'json']);
    const report = JSON.parse(stdout) as { findings: { href: string; message: string }[] };
    expect(report.findings.map((finding) => `${finding.href} ${finding.message}`)).toEqual([
      'javascript:alert(1) `javascript:` href is not a URL a crawler can follow; expected the target URL in `href` (script can still handle the click), or a `<button>` for an action',
      '../../../../etc/passwd Link to `/etc/passwd` has no page in the output',
      'http://[::1 `href` `http://[::1` is not a valid URL, so crawlers cannot follow it; expected a URL',
    ]);
  });

  it('fails a run in which no page could be read, naming each file', async () => {
    // A file name that is not UTF-8 is listed with U+FFFD in place of the byte, a name no file has.
    const dir = await tempSite({});
    await writeFile(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.html')]), page('<a href="/gone/">g</a>'));
    const { code, stdout } = await runCli(['check', '.', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(stdout) as { findings: { ruleId: string; file: string; severity: string; message: string }[]; summary: { pages: number } };
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'unreadable-page', file: 'caf\uFFFD.html', severity: 'error', message: "`caf\uFFFD.html` cannot be read: ENOENT: no such file or directory, open 'caf\uFFFD.html'; none of its links were checked" }),
    ]);
    expect(report.summary.pages).toBe(0);
    expect(code).toBe(1);
  });

  it('checks the links of pages nested far deeper than a browser builds', async () => {
    // Hostile pages: 5,000 unclosed <div>s, 40,000 unclosed <span><b><i>, and 5,000 well-formed <div>s.
    const deep = (open: string, close: string, target: string) => page(`${open}<a href="/${target}/">${target}</a>${close}`);
    const dir = await tempSite({
      'index.html': page('<a href="/divs/">d</a> <a href="/formatting/">f</a> <a href="/closed/">c</a>'),
      'divs/index.html': deep('<div>'.repeat(5000), '', 'gone-divs'),
      'formatting/index.html': deep('<span><b><i>'.repeat(40_000), '', 'gone-formatting'),
      'closed/index.html': deep('<div>'.repeat(5000), '</div>'.repeat(5000), 'gone-closed'),
    });
    const { code, stdout } = await runCli(['check', dir, '--format', 'json']);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; page: string; href?: string }[]; warnings: string[]; summary: { pages: number } };
    expect(report.findings.filter((finding) => finding.ruleId === 'broken-internal-link').map((finding) => `${finding.page} ${finding.href}`)).toEqual([
      '/closed/ /gone-closed/',
      '/divs/ /gone-divs/',
      '/formatting/ /gone-formatting/',
    ]);
    expect(report.findings.filter((finding) => finding.ruleId === 'unreadable-page')).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.summary.pages).toBe(4);
    expect(code).toBe(1);
  });

  it('keeps going when a page cannot be read', async () => {
    const dir = await tempSite({ 'index.html': page('<a href="/locked/">l</a><a href="/gone/">g</a>'), 'locked/index.html': page('') });
    await mkdir(path.join(dir, 'locked.html'));
    const { stdout } = await runCli(['check', dir]);
    expect(stdout).toContain('Link to `/gone/`');
    expect(stdout).toContain('in 2 pages');
  });
});
