import { spawn } from 'node:child_process';
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';
import { tempSite } from './helpers/temp-site.js';

/**
 * A corpus of hostile and broken inputs, beyond the cases other tests pin
 * down one by one: each is generated here, run through the real CLI with
 * every report format, and must end with no crash (no stack trace, an exit
 * code of 0, 1 or 2), no hang (a bounded time) and, where the input hides a
 * defect or could not be checked, no silent pass (exit 0 with nothing said).
 */
const page = (body: string, head = ''): string => `<!doctype html><html lang="en"><head><title>t</title>${head}</head><body><main>${body}</main></body></html>`;
const home = page('<a href="/a/">a</a>');

interface Case {
  files: Record<string, string | Uint8Array>;
  /** Extra set-up on the site directory (symlinks). */
  setup?: (dir: string) => Promise<void>;
  /** The input hides a defect or a page that cannot be checked: the run must not pass silently (exit 0 with no finding). */
  mustFail: boolean;
}

const random = (length: number, seed: number): Uint8Array => {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
};

const CASES: Record<string, Case> = {
  'an empty page file': { files: { 'index.html': home, 'a/index.html': '' }, mustFail: false },
  'random bytes as a page': { files: { 'index.html': home, 'a/index.html': random(64 * 1024, 7) }, mustFail: false },
  'NUL bytes inside markup': { files: { 'index.html': page('<a href="/a/\u0000x">a</a><a href="/missing/\u0000">m</a>'), 'a/index.html': page('') }, mustFail: true },
  'an unclosed comment swallowing the page': { files: { 'index.html': page('<!-- <a href="/missing/">m</a>'), 'a/index.html': page('') }, mustFail: true },
  'an unclosed script': { files: { 'index.html': page('<script>var a = "<a href=/missing/>";'), 'a/index.html': page('') }, mustFail: true },
  'a 4 MB href': { files: { 'index.html': page(`<a href="/${'x'.repeat(4 * 1024 * 1024)}">long</a>`) }, mustFail: true },
  '50,000 links on one page': { files: { 'index.html': page(Array.from({ length: 50_000 }, (_, n) => `<a href="/p${n % 7}/">p</a>`).join('')) }, mustFail: true },
  'bad percent escapes and control characters in hrefs': {
    files: { 'index.html': page('<a href="/%zz/">z</a><a href="/%00/">n</a><a href="/a%2F..%2F..%2Fetc/">e</a><a href="/\u001b[2J/">esc</a><a href="%E0%A4%A">cut</a>') },
    mustFail: true,
  },
  'a base href to javascript: and data:': { files: { 'index.html': page('<a href="a/">a</a>', '<base href="javascript:alert(1)//">'), 'b.html': page('<a href="x">x</a>', '<base href="data:text/html,x">') }, mustFail: true },
  'malformed URLs of every kind': {
    files: { 'index.html': page('<a href="http://[::1">v6</a><a href="http://exa mple.com/">sp</a><a href="https://xn--.com/">idn</a><a href="http://999.999.999.999/">ip</a><a href="//">empty</a><a href="mailto:">m</a><img srcset=",,, 2x, x 3y">') },
    mustFail: true,
  },
  'a meta refresh loop': { files: { 'index.html': home, 'a/index.html': page('', '<meta http-equiv="refresh" content="0; url=/b/">'), 'b/index.html': page('', '<meta http-equiv="refresh" content="0; url=/a/">') }, mustFail: true },
  'canonical and hreflang loops': {
    files: {
      'index.html': page('<a href="/a/">a</a><a href="/b/">b</a>'),
      'a/index.html': page('', '<link rel="canonical" href="/b/"><link rel="alternate" hreflang="fr" href="/b/">'),
      'b/index.html': page('', '<link rel="canonical" href="/a/"><link rel="alternate" hreflang="en" href="/a/">'),
    },
    mustFail: true,
  },
  'a sitemap with an entity bomb': {
    files: {
      'index.html': home,
      'a/index.html': page(''),
      'sitemap.xml': `<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.com/&e;&e;&e;&e;&e;</loc></url></urlset>`,
    },
    mustFail: false,
  },
  'a sitemap that is not XML': { files: { 'index.html': home, 'a/index.html': page(''), 'sitemap.xml': random(4096, 3) }, mustFail: false },
  'a directory named like a page': { files: { 'index.html': page('<a href="/x.html">x</a>'), 'x.html/inner.txt': 'not a page' }, mustFail: true },
  'a symlink loop of directories': {
    files: { 'index.html': home, 'a/index.html': page('') },
    setup: async (dir) => {
      await mkdir(path.join(dir, 'loop'));
      await symlink('..', path.join(dir, 'loop', 'up'));
      await symlink(path.join(dir, 'loop'), path.join(dir, 'loop', 'self'));
    },
    mustFail: false,
  },
  'a dangling symlink as a page': { files: { 'index.html': page('<a href="/gone.html">g</a>') }, setup: (dir) => symlink('nowhere.html', path.join(dir, 'gone.html')), mustFail: true },
  'file names with control characters and workflow-command text': {
    files: { 'index.html': page('<a href="/::error::x.html">e</a><a href="/%1B%5D0;title%07.html">t</a>'), '::error::x.html': page('<a href="/nope/">n</a>'), '\u001b]0;title\u0007.html': page('') },
    mustFail: true,
  },
  'a page of 20,000 nested tables and lists': { files: { 'index.html': page(`${'<table><tr><td><ul><li>'.repeat(5000)}<a href="/missing/">m</a>`) }, mustFail: true },
  'ids and anchors in the thousands, duplicated': {
    files: { 'index.html': page(`${Array.from({ length: 20_000 }, (_, n) => `<h2 id="s${n % 100}">x</h2><a name="s${n % 100}"></a>`).join('')}<a href="#nowhere">n</a>`) },
    mustFail: true,
  },
  'only assets, no page at all': { files: { 'style.css': 'body{}', 'img/a.png': random(100, 1) }, mustFail: true },
};

const sites: string[] = [];
afterAll(() => Promise.all(sites.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Run the CLI with every report format written to files, with a time limit. */
function run(dir: string): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; ms: number }> {
  const out = path.join(dir, '..', `${path.basename(dir)}-reports`);
  const formats = ['json', 'sarif', 'github', 'markdown', 'junit', 'html'].flatMap((format) => ['--format', `${format}=${path.join(out, `report.${format}`)}`]);
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'check', dir, '--format', 'text', ...formats], { env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

describe('hostile and broken inputs', () => {
  it.each(Object.entries(CASES))('%s: no crash, no hang, no silent pass', async (_, hostile) => {
    const dir = await tempSite(hostile.files);
    sites.push(dir, `${dir}-reports`);
    await hostile.setup?.(dir);
    const { code, signal, stdout, stderr, ms } = await run(dir);
    expect(signal, 'killed after 60 s: a hang').toBeNull();
    expect([0, 1, 2]).toContain(code);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(ms).toBeLessThan(60_000);
    // No raw control character of site text reaches the terminal.
    expect(stdout.replace(/[\n\t]/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    if (hostile.mustFail) expect(code !== 0 || !stdout.includes('✔ no problems'), `a silent pass:\n${stdout}\n${stderr}`).toBe(true);
  }, 90_000);
});
