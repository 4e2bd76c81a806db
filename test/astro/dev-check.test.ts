import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevCheck, type DevCheck } from '../../src/astro/dev-check.js';
import { pageFileOf, requestPathOf, type PageFormat } from '../../src/astro/dev-site.js';
import { devRequester } from '../../src/astro/toolbar-server.js';
import { resolveOptions, type Options } from '../../src/options.js';
import { rules, type RuleId } from '../../src/rules/registry.js';
import { urlOfFile } from '../../src/site/site-model.js';
import { reply, startServer, type Handler, type TestServer } from '../helpers/http-server.js';
import { page, runSite } from '../helpers/run-site.js';

/**
 * The dev check against the build check: a literal site served by a real
 * HTTP server on 127.0.0.1 as a dev server serves it (a page at `/a/` and
 * `/a`, 404 for what is missing, a redirect answered as a redirect), and
 * each page checked one at a time must give the findings of the page-level
 * rules that the whole-site check of the same files gives on that page.
 */
const SITE: Record<string, string> = {
  'index.html': page(
    `<nav><a href="/">Home</a><a href="/guide/">Guide</a></nav>
<main><p>Read <a href="/guide/">the guide</a>, its <a href="/guide/#install">install step</a> and <a href="/guide/#instal">setup</a>.</p>
<p><a href="/guid/">The guide again</a>, <a href="/moved/">moved</a> and <a href="/start/">start</a>.</p>
<p><a href="http://localhost:3000/">local</a>, <a href="/guide/">click here</a>, <a href="/about/"></a></p>
<img src="/img/logo.svg" alt="Logo"><img src="/img/none.png" alt="Gone" srcset="/img/logo.svg 1x, /img/none.png 2x">
<p id="top-note"><a href="#top-note">this note</a> and <a href="#nowhere">nowhere</a></p></main>`,
  ),
  'guide/index.html': page('<main><h2 id="install">Install</h2><p>Back <a href="/">home</a>, or see <a href="/about/">about us</a>.</p></main>'),
  'about/index.html': page('<main><p>About. <a href="/guide/#install">Install</a>, <a href="/nope/">nowhere</a>, <a href="/guidanc/">guidance</a>.</p></main>'),
  'start/index.html': '<!doctype html><html lang="en"><head><title>Redirecting</title><meta http-equiv="refresh" content="0;url=/guide/"><meta name="robots" content="noindex"></head><body><a href="/guide/">Redirecting to /guide/</a></body></html>',
  'img/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
};

/** Build and dev see the same configured redirect: the build in its options, dev in the server's answer. */
const OPTIONS: Options = { redirects: { '/moved/': '/guide/' } };

/** Routes of a dev server for the literal site: each page at both slash forms, assets with their type. */
function routesOf(files: Record<string, string>): Record<string, Handler> {
  const routes: Record<string, Handler> = {};
  for (const [file, body] of Object.entries(files)) {
    const html = file.endsWith('.html');
    const handler = reply(200, { 'content-type': html ? 'text/html; charset=utf-8' : 'image/svg+xml' }, body);
    if (!html) routes[`/${file}`] = handler;
    else {
      const url = urlOfFile(file, '/', 'ignore');
      routes[url] = handler;
      if (url !== '/') routes[url.replace(/\/$/, '')] = handler;
    }
  }
  routes['/moved/'] = reply(301, { location: '/guide/' });
  return routes;
}

/** A finding as the test compares it. */
const shown = (finding: { ruleId: string; message: string; href?: string | undefined }): string => `${finding.ruleId} ${finding.href ?? '-'} ${finding.message}`;

describe('the dev check', () => {
  let server: TestServer;
  let requester: ReturnType<typeof devRequester>;
  let dev: DevCheck;
  const known = Object.keys(SITE).filter((file) => file.endsWith('.html')).map((file) => urlOfFile(file, '/', 'ignore'));
  beforeAll(async () => {
    server = await startServer(routesOf(SITE));
    requester = devRequester(() => server.origin);
    dev = createDevCheck({
      request: requester.request,
      options: () => resolveOptions(OPTIONS),
      format: 'directory',
      root: process.cwd(),
      cacheDir: process.cwd(),
      knownPages: async () => known,
    });
  });
  afterAll(async () => {
    await requester.close();
    await server.close();
  });

  it.each(known)('finds on %s what the build finds there with the rules that judge one page', async (url) => {
    const build = await runSite(SITE, OPTIONS);
    const file = Object.keys(SITE).find((candidate) => urlOfFile(candidate, '/', 'ignore') === url)!;
    const expected = build.findings.filter((finding) => finding.file === file && rules[finding.ruleId as RuleId].meta.scope === 'page').map(shown);
    const checked = await dev.checkPage(url);
    if (checked.state !== 'checked') throw new Error(checked.reason);
    expect(checked.findings.map(shown)).toEqual(expected);
  });

  it('finds something on the home page, so that the comparison means something', async () => {
    const checked = await dev.checkPage('/');
    if (checked.state !== 'checked') throw new Error(checked.reason);
    expect(new Set(checked.findings.map((finding) => finding.ruleId))).toEqual(
      new Set(['broken-internal-link', 'broken-fragment', 'link-to-redirect', 'localhost-link', 'generic-anchor', 'empty-anchor']),
    );
  });

  it('asks the dev server about each linked path once, until told that a source changed', async () => {
    const fresh = createDevCheck({ request: requester.request, options: () => resolveOptions(OPTIONS), format: 'directory', root: process.cwd(), cacheDir: process.cwd() });
    const before = server.hits('/guide/');
    await fresh.checkPage('/');
    await fresh.checkPage('/about/');
    // The home page links to `/guide/` five times and the about page once: one request for all.
    expect(server.hits('/guide/') - before).toBe(1);
    fresh.invalidate();
    await fresh.checkPage('/about/');
    expect(server.hits('/guide/') - before).toBe(2);
  });

  it('does not suggest a page it knows of when the dev server says it is gone', async () => {
    // The last build had `/guidance/`; it is gone since, and the closest match to `/guidanc/` no more.
    const stale = createDevCheck({
      request: requester.request,
      options: () => resolveOptions(OPTIONS),
      format: 'directory',
      root: process.cwd(),
      cacheDir: process.cwd(),
      knownPages: async () => [...known, '/guidance/'],
    });
    const checked = await stale.checkPage('/about/');
    if (checked.state !== 'checked') throw new Error(checked.reason);
    const build = await runSite(SITE, OPTIONS);
    const expected = build.findings.filter((finding) => finding.file === 'about/index.html' && finding.href === '/guidanc/').map(shown);
    expect(checked.findings.filter((finding) => finding.href === '/guidanc/').map(shown)).toEqual(expected);
    expect(expected).toHaveLength(1);
    expect(server.hits('/guidance/')).toBe(1);
  });

  it('gives the key that finds each link\'s element, counting an element once', async () => {
    const checked = await dev.checkPage('/');
    if (checked.state !== 'checked') throw new Error(checked.reason);
    const keys = checked.findings.map((finding) => `${finding.ruleId} ${JSON.stringify(finding.element)}`);
    expect(keys).toContain('generic-anchor {"tag":"a","attribute":"href","value":"/guide/","occurrence":2}');
    expect(keys).toContain('broken-internal-link {"tag":"img","attribute":"src","value":"/img/none.png","occurrence":0}');
    expect(keys).toContain('broken-internal-link {"tag":"img","attribute":"srcset","value":"/img/none.png","occurrence":0}');
  });

  it('says why a page cannot be checked', async () => {
    expect(await dev.checkPage('/missing/')).toEqual({ state: 'failed', reason: '`/missing/` answered 404 in the dev server: no page to check' });
    expect(await dev.checkPage('/img/logo.svg')).toEqual({ state: 'failed', reason: '`/img/logo.svg` is `image/svg+xml`: not an HTML page' });
    // Only the dev server is ever asked, whatever path an app sends.
    expect(await dev.checkPage('//127.0.0.2/')).toEqual({ state: 'failed', reason: '`//127.0.0.2/` could not be requested from the dev server: `//127.0.0.2/` is not a path on the dev server' });
  });

  it('notes a linked path the dev server fails on, and does not judge links to it', async () => {
    const failing = await startServer({ ...routesOf(SITE), '/guide/': reply(500, { 'content-type': 'text/html' }, 'render error') });
    const local = devRequester(() => failing.origin);
    try {
      const check = createDevCheck({ request: local.request, options: () => resolveOptions(OPTIONS), format: 'directory', root: process.cwd(), cacheDir: process.cwd() });
      const checked = await check.checkPage('/about/');
      if (checked.state !== 'checked') throw new Error(checked.reason);
      expect(checked.notes).toEqual(['`/guide/` answered 500: links to it were not checked']);
      expect(checked.findings.map(shown).filter((line) => line.includes('/nope/'))).toEqual(['broken-internal-link /nope/ Link to `/nope/` has no page in the output']);
    expect(checked.findings.filter((finding) => finding.href?.startsWith('/guide/'))).toEqual([]);
    } finally {
      await local.close();
      await failing.close();
    }
  });
});

describe('paths in the dev check', () => {
  it.each([
    ['', 'directory', 'index.html'],
    ['guide/', 'directory', 'guide/index.html'],
    ['guide', 'directory', 'guide/index.html'],
    ['guide/', 'file', 'guide.html'],
    ['guide', 'preserve', 'guide.html'],
    ['guide/', 'preserve', 'guide/index.html'],
    ['old.html', 'directory', 'old.html'],
  ] as [string, PageFormat, string][])('the page at %j has the output file of %s: %s', (sitePath, format, file) => {
    expect(pageFileOf(sitePath, format)).toBe(file);
  });

  it.each([
    ['guide', '', {}, '/guide'],
    ['guide', '', { trailingSlash: 'always' }, '/guide/'],
    ['guide/', '?a=1', { trailingSlash: 'never' }, '/guide?a=1'],
    ['img/logo.svg', '', { trailingSlash: 'always' }, '/img/logo.svg'],
    ['café/', '', { base: '/docs' }, '/docs/caf%C3%A9/'],
  ] as [string, string, Options, string][])('asks for %j%s under %j at %s', (sitePath, query, options, path) => {
    expect(requestPathOf(sitePath, query, resolveOptions(options))).toBe(path);
  });
});
