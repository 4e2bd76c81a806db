import { describe, expect, it } from 'vitest';
import { createExternalChecker } from '../../src/external/create-checker.js';
import type { ExternalChecker, ExternalRequest, ExternalStatus } from '../../src/engine/external-stage.js';
import { resolveOptions } from '../../src/options.js';
import { page, ruleLines, runSite } from '../helpers/run-site.js';
import { rulesOff } from '../helpers/rules-off.js';
import { reply, startServer } from '../helpers/http-server.js';

/** The outbound stage as plain data: statuses by URL; records what it was asked. */
function stage(statuses: Record<string, ExternalStatus>, asked: ExternalRequest[][] = []): ExternalChecker {
  return async (requests) => {
    asked.push([...requests]);
    return { checked: true, statuses: new Map(Object.entries(statuses)) };
  };
}

const A = 'https://docs.vendor.dev/guide';
const site = (body: string) => ({ 'index.html': page(body) });

describe('broken-external-link', () => {
  it.each([
    ['a 404', { state: 'broken', status: 404, reason: 'not found (404)' }, ['index.html:1:67 broken-external-link External link to `https://docs.vendor.dev/guide` is broken: not found (404)']],
    ['a DNS failure', { state: 'broken', reason: 'host name does not resolve (ENOTFOUND)' }, ['index.html:1:67 broken-external-link External link to `https://docs.vendor.dev/guide` is broken: host name does not resolve (ENOTFOUND)']],
    ['ok', { state: 'ok', status: 200 }, []],
    ['unverifiable', { state: 'unverifiable', status: 999, reason: 'x' }, []],
    ['redirected', { state: 'redirected', status: 301, location: 'https://b.dev/' }, []],
  ] as const)('%s', async (_name, status, expected) => {
    expect(await ruleLines('broken-external-link', site(`<a href="${A}">guide</a>`), {}, { external: stage({ [A]: status }) })).toEqual(expected);
  });

  it('is an error by default, a warning while within the grace period', async () => {
    const result = await runSite(site(`<a href="${A}">a</a><a href="${A}#x">b</a>`), {}, { external: stage({ [A]: { state: 'broken', status: 404, reason: 'not found (404)', pending: { runs: 1, since: '2026-11-20T10:00:00.000Z' } } }) });
    const findings = result.findings.filter((finding) => finding.ruleId === 'broken-external-link');
    expect(findings.map((finding) => [finding.severity, finding.message])).toEqual([
      ['warn', 'External link to `https://docs.vendor.dev/guide` is broken: not found (404) (failing in 1 run since 2026-11-20; within the grace period, so a warning for now)'],
      ['warn', 'External link to `https://docs.vendor.dev/guide` is broken: not found (404) (failing in 1 run since 2026-11-20; within the grace period, so a warning for now)'],
    ]);
    const plain = await runSite(site(`<a href="${A}">a</a>`), {}, { external: stage({ [A]: { state: 'broken', status: 404, reason: 'not found (404)' } }) });
    expect(plain.findings.map((finding) => finding.severity)).toEqual(['error']);
    expect(plain.failed).toBe(true);
  });

  it('reports nothing when the outbound check did not run, and says why', async () => {
    const offline: ExternalChecker = async () => ({ checked: false, reason: 'offline mode', statuses: new Map() });
    const result = await runSite(site(`<a href="${A}">a</a>`), {}, { external: offline });
    expect(result.findings).toEqual([]);
    expect(result.summary.external).toEqual({ checked: false, reason: 'offline mode' });
  });

  it('does not ask about connection hints (preconnect, dns-prefetch)', async () => {
    const asked: ExternalRequest[][] = [];
    await runSite({ 'index.html': page(`<a href="${A}">a</a>`, '<link rel="preconnect" href="https://fonts.cdn.dev"><link rel="dns-prefetch" href="https://x.cdn.dev">') }, {}, { external: stage({}, asked) });
    expect(asked).toEqual([[{ url: A, fragments: [] }]]);
  });
});

describe('unverifiable-external-link', () => {
  it.each([
    ['bot protection', { state: 'unverifiable', status: 403, reason: 'blocked by bot protection (403 with `cf-mitigated`)' }, ['index.html:1:67 unverifiable-external-link External link to `https://docs.vendor.dev/guide` could not be verified: blocked by bot protection (403 with `cf-mitigated`)']],
    ['a timeout', { state: 'unverifiable', reason: 'no response headers in time after 3 attempts' }, ['index.html:1:67 unverifiable-external-link External link to `https://docs.vendor.dev/guide` could not be verified: no response headers in time after 3 attempts']],
    ['broken', { state: 'broken', status: 404, reason: 'x' }, []],
    ['excluded', { state: 'excluded', reason: 'x' }, []],
  ] as const)('%s', async (_name, status, expected) => {
    expect(await ruleLines('unverifiable-external-link', site(`<a href="${A}">guide</a>`), {}, { external: stage({ [A]: status }) })).toEqual(expected);
  });
});

describe('broken-external-fragment', () => {
  const ids = new Set(['install', 'usage']);
  it.each([
    ['a missing id, with a suggestion', `${A}#instal`, { state: 'ok', status: 200, ids }, ['index.html:1:67 broken-external-fragment Fragment `#instal` has no matching `id` on `https://docs.vendor.dev/guide`; did you mean `#install`?']],
    ['a missing id', `${A}#zzz`, { state: 'ok', status: 200, ids }, ['index.html:1:67 broken-external-fragment Fragment `#zzz` has no matching `id` on `https://docs.vendor.dev/guide`']],
    ['a present id', `${A}#usage`, { state: 'ok', status: 200, ids }, []],
    ['#top', `${A}#top`, { state: 'ok', status: 200, ids }, []],
    ['a text fragment', `${A}#:~:text=hello`, { state: 'ok', status: 200, ids }, []],
    ['ids unknown (not HTML, or too large)', `${A}#zzz`, { state: 'ok', status: 200 }, []],
    ['on a redirected page', `${A}#zzz`, { state: 'redirected', status: 301, location: 'https://b.dev/', ids }, ['index.html:1:67 broken-external-fragment Fragment `#zzz` has no matching `id` on `https://docs.vendor.dev/guide`']],
  ] as const)('%s', async (_name, href, status, expected) => {
    expect(await ruleLines('broken-external-fragment', site(`<a href="${href}">guide</a>`), {}, { external: stage({ [A]: status }) })).toEqual(expected);
  });
});

describe('link-to-redirect', () => {
  it.each([
    ['an external 301', `<a href="${A}#s">x</a>`, { state: 'redirected', status: 301, location: 'https://docs.vendor.dev/guide/' }, ['index.html:1:67 link-to-redirect External link to `https://docs.vendor.dev/guide` is permanently redirected (301) to `https://docs.vendor.dev/guide/`; link to `https://docs.vendor.dev/guide/#s` instead']],
    ['an external ok', `<a href="${A}">x</a>`, { state: 'ok', status: 200 }, []],
  ] as const)('%s', async (_name, body, status, expected) => {
    expect(await ruleLines('link-to-redirect', site(body), {}, { external: stage({ [A]: status }) })).toEqual(expected);
  });

  it.each([
    [
      'a redirect page (meta refresh)',
      { 'index.html': page('<a href="/old/#part">old</a>'), 'old/index.html': page('', '<meta http-equiv="refresh" content="0; url=/new/">'), 'new/index.html': page('new') },
      {},
      ['index.html:1:67 link-to-redirect Link to `/old/` goes through a redirect page to `/new/`; link to `/new/#part` instead'],
    ],
    [
      'a chain of redirect pages',
      { 'index.html': page('<a href="/a/">a</a>'), 'a/index.html': page('', '<meta http-equiv="refresh" content="0;url=../b/">'), 'b/index.html': page('', '<meta http-equiv="refresh" content="0; url=/c/">'), 'c/index.html': page('c') },
      {},
      ['index.html:1:67 link-to-redirect Link to `/a/` goes through a redirect page to `/c/`; link to `/c/` instead'],
    ],
    [
      'a configured redirect',
      { 'index.html': page('<a href="/blog/">blog</a>'), 'posts/index.html': page('posts') },
      { redirects: { '/blog/': '/posts/' } },
      ['index.html:1:67 link-to-redirect Link to `/blog/` goes through a configured redirect to `/posts/`; link to `/posts/` instead'],
    ],
    [
      'a redirect page to another site',
      { 'index.html': page('<a href="/gh/">gh</a>'), 'gh/index.html': page('', '<meta http-equiv="refresh" content="0; url=https://code.host.dev/org">') },
      {},
      ['index.html:1:67 link-to-redirect Link to `/gh/` goes through a redirect page to `https://code.host.dev/org`; link to `https://code.host.dev/org` instead'],
    ],
    ['a plain page', { 'index.html': page('<a href="/new/">new</a>'), 'new/index.html': page('new') }, {}, []],
    [
      'a redirect loop, which reaches no page',
      { 'index.html': page('<a href="/a/">a</a>'), 'a/index.html': page('', '<meta http-equiv="refresh" content="0; url=/b/">'), 'b/index.html': page('', '<meta http-equiv="refresh" content="0; url=/a/">') },
      {},
      ['index.html:1:67 link-to-redirect Link to `/a/` reaches no page: its redirects go round in a loop (`/a/` → `/b/` → `/a/`)'],
    ],
  ] as const)('internal: %s', async (_name, files, options, expected) => {
    expect(await ruleLines('link-to-redirect', files, options)).toEqual(expected);
  });
});

describe('the engine with the real checker', () => {
  it('requests each unique URL once, whatever the number of links and fragments on it', async () => {
    const server = await startServer({ '/doc': reply(200, { 'content-type': 'text/html' }, '<h2 id="a"></h2>'), '/plain': reply(200) });
    try {
      const doc = `${server.origin}/doc`;
      const files = {
        'index.html': page(`<a href="${doc}">1</a><a href="${doc}#a">2</a><a href="${doc}#b">3</a><a href="${server.origin}/plain">4</a>`),
        'other/index.html': page(`<a href="${doc}#a">5</a><img src="${server.origin}/plain"><a href="${server.origin}/plain">6</a>`),
      };
      const options = resolveOptions({ external: { enabled: true, cache: false, interval: 0 } }).external;
      // The local servers stand in for other hosts, so the loopback addresses are not the defect here.
      const result = await runSite(files, { rules: { ...rulesOff(), 'broken-external-fragment': 'warn', 'broken-external-link': 'error' } }, { external: createExternalChecker(options, { env: {} }) });
      expect(server.log.sort()).toEqual(['GET /doc', 'HEAD /plain']);
      expect(result.summary.external).toEqual({ checked: true });
      expect(result.findings.map((finding) => `${finding.ruleId} ${finding.message}`)).toEqual([`broken-external-fragment Fragment \`#b\` has no matching \`id\` on \`${doc}\``]);
    } finally {
      await server.close();
    }
  });
});
