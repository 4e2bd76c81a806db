import { describe, expect, it, vi } from 'vitest';
import { classifyError, classifyResponse } from '../../src/external/classify.js';
import { decodeHtml } from '../../src/external/decode-html.js';
import { parseDuration } from '../../src/external/duration.js';
import { createExclusion, isPrivateHost, isReservedName } from '../../src/external/exclude.js';
import { OriginGate, Semaphore } from '../../src/external/gate.js';
import { collectIds } from '../../src/external/html-ids.js';
import { summaryLine, createProgress, type ExternalEvent } from '../../src/external/progress.js';
import { decodersFor } from '../../src/external/read-body.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, requestedWait } from '../../src/external/retry-policy.js';
import { isLocalHost } from '../../src/rules/util/link-url.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const URL_ = 'https://host.example/a/b';

describe('classifyResponse', () => {
  it.each([
    ['HEAD', 200, {}, { kind: 'ok' }],
    ['GET', 204, {}, { kind: 'ok' }],
    ['HEAD', 301, { location: '/c' }, { kind: 'redirect', location: 'https://host.example/c', permanent: true }],
    ['HEAD', 308, { location: 'https://other.example/' }, { kind: 'redirect', location: 'https://other.example/', permanent: true }],
    ['HEAD', 302, { location: 'c' }, { kind: 'redirect', location: 'https://host.example/a/c', permanent: false }],
    ['HEAD', 307, { location: '/c' }, { kind: 'redirect', location: 'https://host.example/c', permanent: false }],
    ['HEAD', 302, {}, { kind: 'broken', reason: 'redirect (302) without a `Location`' }],
    ['HEAD', 405, {}, { kind: 'get' }],
    ['HEAD', 501, {}, { kind: 'get' }],
    ['HEAD', 404, {}, { kind: 'get' }],
    ['HEAD', 403, {}, { kind: 'get' }],
    ['GET', 404, {}, { kind: 'broken', reason: 'not found (404)' }],
    ['GET', 410, {}, { kind: 'broken', reason: 'gone (410)' }],
    ['GET', 400, {}, { kind: 'broken', reason: 'status 400' }],
    ['GET', 403, {}, { kind: 'unverifiable', reason: 'access denied (403)' }],
    ['HEAD', 403, { 'cf-mitigated': 'challenge' }, { kind: 'unverifiable', reason: 'blocked by bot protection (403 with `cf-mitigated`)' }],
    ['HEAD', 999, {}, { kind: 'unverifiable', reason: 'blocked by bot protection (status 999)' }],
    ['GET', 500, {}, { kind: 'retry', reason: 'server error (500)', unverifiable: true }],
    ['GET', 503, { 'retry-after': '2' }, { kind: 'retry', wait: 2000, reason: 'server error (503)', unverifiable: true }],
    ['GET', 429, { 'retry-after': '3' }, { kind: 'retry', wait: 3000, reason: 'rate limited (429)', unverifiable: true }],
    ['GET', 408, {}, { kind: 'retry', reason: 'request timeout (408)', unverifiable: true }],
    ['HEAD', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 10) }, { kind: 'retry', wait: 10_000, reason: 'rate limited (403)', unverifiable: true }],
  ] as const)('%s %i %j', (method, status, headers, verdict) => {
    expect(classifyResponse(method, URL_, status, headers, NOW)).toEqual(verdict);
  });
});

describe('classifyError', () => {
  const coded = (code: string, cause?: Error): Error => Object.assign(new Error(`failed ${code}`, cause ? { cause } : {}), { code });
  it.each([
    [coded('ENOTFOUND'), 'dns', false],
    [coded('EAI_AGAIN'), 'dns', true],
    [coded('ECONNREFUSED'), 'refused', false],
    [coded('UND_ERR_CONNECT_TIMEOUT'), 'timeout', true],
    [coded('UND_ERR_HEADERS_TIMEOUT'), 'timeout', true],
    [coded('ECONNRESET'), 'reset', true],
    [coded('UND_ERR_SOCKET'), 'reset', true],
    [coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls', false],
    [coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls', false],
    [coded('ENETUNREACH'), 'unreachable', false],
    [Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'timeout', true],
    [coded('UND_ERR_ABORTED', coded('ECONNREFUSED')), 'refused', false],
    [new Error('weird'), 'other', false],
  ])('%s', (error, kind, retryable) => {
    expect(classifyError(error)).toMatchObject({ kind, retryable });
  });
});

describe('retry policy', () => {
  it('retries 408, 429 and 5xx but 501', () => {
    expect([200, 404, 408, 429, 500, 501, 502, 503, 599].filter(isRetryableStatus)).toEqual([408, 429, 500, 502, 503, 599]);
  });
  it('doubles the delay with jitter in its upper half, capped', () => {
    expect(backoffDelay(1, 1000, 0)).toBe(500);
    expect(backoffDelay(1, 1000, 0.999)).toBe(1000);
    expect(backoffDelay(3, 1000, 0)).toBe(2000);
    expect(backoffDelay(3, 1000, 0.5)).toBe(3000);
    expect(backoffDelay(20, 1000, 1, 30_000)).toBe(30_000);
  });
  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
  it('reads rate-limit reset headers when the quota is used up', () => {
    expect(requestedWait(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 42) }, NOW)).toBe(42_000);
    expect(requestedWait(200, { 'ratelimit-remaining': '0', 'ratelimit-reset': '7' }, NOW)).toBe(7000);
    expect(requestedWait(429, { 'ratelimit-reset': '5' }, NOW)).toBe(5000);
    expect(requestedWait(200, { 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': '5' }, NOW)).toBeUndefined();
    expect(requestedWait(429, {}, NOW)).toBeUndefined();
  });
});

describe('exclusion', () => {
  it('skips RFC 2606 names by default, and only them', () => {
    const excluded = createExclusion();
    expect(excluded('https://example.com/x')).toContain('RFC 2606');
    expect(excluded('https://www.example.org/')).toContain('RFC 2606');
    expect(excluded('http://site.test/')).toContain('RFC 2606');
    expect(excluded('http://a.localhost:3000/')).toContain('RFC 2606');
    expect(excluded('https://x.invalid/')).toContain('RFC 2606');
    expect(excluded('https://notexample.com/')).toBeUndefined();
    expect(excluded('https://example.community/')).toBeUndefined();
    expect(excluded('http://127.0.0.1/')).toBeUndefined();
    expect(createExclusion({ reserved: false })('https://example.com/')).toBeUndefined();
  });
  it.each([
    ['http://10.1.2.3/', true],
    ['http://192.168.0.1:8080/', true],
    ['http://100.64.0.1/', true],
    ['http://169.254.169.254/latest/', true],
    ['http://0.0.0.0/', true],
    ['http://[::1]/', true],
    ['http://[::]/', true],
    ['http://[fe80::1]/', true],
    ['http://[fd12:3456::1]/', true],
    ['http://[::ffff:127.0.0.1]/', true],
    ['http://[::ffff:7f00:1]/', true],
    ['http://[0:0:0:0:0:ffff:a00:1]/', true],
    ['http://[::ffff:192.168.1.1]:8080/', true],
    ['http://0x7f.1/', true],
    ['http://8.8.8.8/', false],
    ['http://172.32.0.1/', false],
    ['http://[::ffff:8.8.8.8]/', false],
    ['http://[2606:4700::1111]/', false],
    ['http://10.vendor.dev/', false],
  ])('with private networks skipped, %s is skipped: %s', (url, skipped) => {
    expect(createExclusion({ privateNetworks: true })(url) !== undefined).toBe(skipped);
    expect(createExclusion()(url)).toBeUndefined();
  });
  it('judges hosts by their literal form', () => {
    expect(isPrivateHost('172.16.0.1')).toBe(true);
    expect(isPrivateHost('fd12:3456::1')).toBe(true);
    expect(isPrivateHost('[::ffff:7f00:1]')).toBe(true);
    expect(isPrivateHost('APP.LOCALHOST')).toBe(true);
    expect(isPrivateHost('127.1')).toBe(false);
    expect(isReservedName('EXAMPLE.NET.')).toBe(true);
  });
  it('everything localhost-link calls the author\'s machine is a private address', () => {
    const local = ['http://localhost/', 'http://a.localhost/', 'http://127.8.9.10/', 'http://0.0.0.0/', 'http://[::1]/', 'http://[::]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:0.0.0.0]/'];
    for (const url of local) expect([url, isLocalHost(new URL(url))]).toEqual([url, true]);
    for (const url of local) expect([url, isPrivateHost(new URL(url).hostname)]).toEqual([url, true]);
  });
  it('matches user globs, prefixes and RegExps', () => {
    const excluded = createExclusion({ patterns: ['https://twitter.com/**', 'https://github.com/org/', /linkedin\.com/] });
    expect(excluded('https://twitter.com/someone')).toBe('matches the exclude pattern `https://twitter.com/**`');
    expect(excluded('https://github.com/org/repo/edit/main/x.md')).toContain('https://github.com/org/');
    expect(excluded('https://www.linkedin.com/in/x')).toContain('/linkedin\\.com/');
    expect(excluded('https://github.com/other/')).toBeUndefined();
  });
});

describe('collectIds', () => {
  it('finds ids and a[name], skips comments and scripts, decodes entities', () => {
    const ids = collectIds(`<h2 id="intro">x</h2><a name='old'></a><div data-id="no" id=bare></div><!-- <p id="hidden"> --><script>var s = '<p id="js">';</script><p id="a&amp;b"></p><span name="not-anchor"></span><h3 id="user-content-install"></h3>`);
    expect([...ids].sort()).toEqual(['a&b', 'bare', 'install', 'intro', 'old', 'user-content-install']);
  });
});

describe('decodeHtml', () => {
  const html = '<h2 id="café">Café</h2>';
  const utf8 = Buffer.from(html);
  const latin1 = (text: string) => Buffer.from(text, 'latin1');
  const utf16le = Buffer.from(html, 'utf16le');
  const utf16be = Buffer.from(html, 'utf16le').swap16();
  const bytes = (...parts: (Buffer | number[])[]) => Buffer.concat(parts.map((part) => Buffer.from(part)));
  it.each([
    ['UTF-8 without a declaration', utf8, undefined, html],
    ['a UTF-8 BOM, over a latin1 Content-Type', bytes([0xef, 0xbb, 0xbf], utf8), 'text/html; charset=iso-8859-1', html],
    ['a UTF-16LE BOM', bytes([0xff, 0xfe], utf16le), 'text/html', html],
    ['a UTF-16BE BOM, over a UTF-8 Content-Type', bytes([0xfe, 0xff], utf16be), 'text/html; charset=utf-8', html],
    ['`charset=utf-16` (little-endian) in Content-Type', utf16le, 'text/html; charset=utf-16', html],
    ['a quoted label in Content-Type, any case', utf16be, 'text/html; Charset="UTF-16BE"', html],
    ['Content-Type over `<meta charset>`', latin1(`<meta charset="utf-8">${html}`), 'text/html;charset=windows-1252', `<meta charset="utf-8">${html}`],
    ['`<meta charset>` in the first 1024 bytes', latin1(`<meta charset=windows-1252>${html}`), 'text/html', `<meta charset=windows-1252>${html}`],
    ['`<meta http-equiv>` with a charset in its content', latin1(`<META content="text/html; charset=ISO-8859-1" http-equiv="Content-Type">${html}`), undefined, html],
    ['an unknown label in Content-Type, then `<meta>`', latin1(`<meta charset="latin1">${html}`), 'text/html; charset=bogus', html],
    ['Shift_JIS by `<meta>`', bytes(Buffer.from('<meta charset="shift_jis"><h2 id="'), [0x96, 0xda, 0x8e, 0x9f], Buffer.from('">')), undefined, '<h2 id="目次">'],
    ['a `<meta>` saying UTF-16 means UTF-8', Buffer.from(`<meta charset="utf-16">${html}`), undefined, html],
    ['a `<meta>` in a comment is no declaration', latin1(`<!-- <meta charset="latin1"> -->${html}`), undefined, 'caf\uFFFD'],
    ['a `<meta>` after 1024 bytes is no declaration', latin1(`${' '.repeat(1024)}<meta charset="latin1">${html}`), undefined, 'caf\uFFFD'],
    ['a `<meta>` of another name is no declaration', latin1(`<meta name="charset" content="charset=latin1">${html}`), undefined, 'caf\uFFFD'],
  ])('%s', (_, body, contentType, text) => {
    expect(decodeHtml(body, contentType)).toContain(text);
  });
});

describe('decodersFor', () => {
  it.each([
    [undefined, 0],
    ['identity', 0],
    ['gzip', 1],
    ['GZip, br', 2],
    ['deflate,,x-gzip', 2],
    ['compress', undefined],
    ['gzip, zip', undefined],
    ['gzip, gzip, gzip, gzip, gzip, gzip', undefined],
  ])('%s', (contentEncoding, count) => {
    expect(decodersFor(contentEncoding)?.length).toBe(count);
  });
});

describe('parseDuration', () => {
  it.each([
    [1500, 1500],
    ['500ms', 500],
    ['30s', 30_000],
    ['10m', 600_000],
    ['12h', 43_200_000],
    ['1d', 86_400_000],
    ['1.5h', 5_400_000],
    ['soon', undefined],
    [-1, undefined],
  ])('%s', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });
});

describe('gates', () => {
  it('a semaphore admits `limit` at once, in order', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    await semaphore.acquire();
    await semaphore.acquire();
    const third = semaphore.acquire().then(() => order.push(3));
    const fourth = semaphore.acquire().then(() => order.push(4));
    semaphore.release();
    await third;
    semaphore.release();
    await fourth;
    expect(order).toEqual([3, 4]);
  });
  it('an origin gate spaces starts by its interval and holds them while paused', async () => {
    // On a fake clock: a loaded machine delays the callbacks that record the starts, not the gate.
    vi.useFakeTimers();
    try {
      const gate = new OriginGate(5, 30);
      const starts: number[] = [];
      const t0 = Date.now();
      const started = Promise.all([0, 1, 2].map(() => gate.acquire().then(() => starts.push(Date.now() - t0))));
      await vi.advanceTimersByTimeAsync(100);
      await started;
      expect(starts).toEqual([0, 30, 60]);
      const until = Date.now() + 100;
      expect(gate.pause(until)).toBe(100);
      // A pause already that long is not lengthened, and says so.
      expect(gate.pause(until - 50)).toBe(0);
      expect(gate.pause(until)).toBe(0);
      const before = Date.now();
      let waited: number | undefined;
      const acquired = gate.acquire().then(() => (waited = Date.now() - before));
      await vi.advanceTimersByTimeAsync(99);
      expect(waited).toBeUndefined();
      await vi.advanceTimersByTimeAsync(50);
      await acquired;
      expect(waited).toBe(100);
    } finally {
      vi.useRealTimers();
    }
  });
  it('an origin gate never exceeds its limit', async () => {
    const gate = new OriginGate(2, 0);
    let active = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        await gate.acquire();
        max = Math.max(max, ++active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active--;
        gate.release();
      }),
    );
    expect(max).toBe(2);
  });
});

describe('progress', () => {
  it('throttles progress events, first after one interval, and closes them when it began', () => {
    const events: ExternalEvent[] = [];
    let clock = 0;
    const progress = createProgress(4, (event) => events.push(event), 1000, () => clock);
    progress(1);
    clock = 500;
    progress(2);
    clock = 1200;
    progress(3);
    clock = 1300;
    progress(4);
    expect(events.map((event) => event.message)).toEqual(['external links: 3/4 checked', 'external links: 4/4 checked']);
    const quiet: ExternalEvent[] = [];
    const short = createProgress(2, (event) => quiet.push(event), 1000, () => 0);
    short(1);
    short(2);
    expect(quiet).toEqual([]);
  });
  it('closes with counts and time', () => {
    expect(
      summaryLine(
        [
          { state: 'ok', status: 200 },
          { state: 'ok', status: 200, cached: true },
          { state: 'broken', status: 404, reason: 'x' },
          { state: 'excluded', reason: 'y' },
        ],
        2345,
      ),
    ).toBe('external links: 4 URLs in 2.3 s: 2 ok, 1 broken, 1 excluded; 1 from cache');
  });
});
