import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string) => ({ 'index.html': page(body), 'about/index.html': page('about'), 'logo.png': 'png' });

describe('localhost-link', () => {
  it.each([
    ['relative and public links', '<a href="/about/">a</a><a href="https://example.org/">x</a><a href="https://localhost.example.org/">x</a>'],
    ['hosts that only look local', '<a href="http://127.example.org/">x</a><a href="http://mylocalhost/">x</a><a href="http://10.0.0.1/">x</a>'],
    ['a public IPv4 address written as IPv6', '<a href="http://[::ffff:8.8.8.8]/">x</a><a href="http://[::ffff:a00:1]/">x</a>'],
  ])('valid: %s', async (_, body) => {
    expect(await ruleLines('localhost-link', site(body))).toEqual([]);
  });

  it('valid: relative links on a site whose origin is localhost', async () => {
    expect(await ruleLines('localhost-link', site('<a href="/about/">a</a>'), { site: 'http://localhost:4321' })).toEqual([]);
  });

  it.each([
    ['a dev server URL of a page that exists', '<a href="http://localhost:4321/about/">a</a>', ['index.html:1:67 localhost-link Link to `http://localhost:4321/about/` points at `localhost:4321`, the author\'s machine; expected a URL that works for visitors; did you mean `/about/`?']],
    ['127.0.0.0/8, an image', '<img src="http://127.1.2.3:8080/logo.png">', ['index.html:1:67 localhost-link Link to `http://127.1.2.3:8080/logo.png` points at `127.1.2.3:8080`, the author\'s machine; expected a URL that works for visitors; did you mean `/logo.png`?']],
    ['[::1] and 0.0.0.0', '<a href="http://[::1]/x">x</a><a href="https://0.0.0.0/">y</a>', [
      'index.html:1:67 localhost-link Link to `http://[::1]/x` points at `[::1]`, the author\'s machine; expected a URL that works for visitors',
      'index.html:1:97 localhost-link Link to `https://0.0.0.0/` points at `0.0.0.0`, the author\'s machine; expected a URL that works for visitors',
    ]],
    ['IPv4-mapped IPv6 loopback, as written and as the URL parser writes it, and [::]', '<a href="http://[::ffff:127.0.0.1]:4321/about/">a</a><a href="http://[::ffff:7f00:1]/">b</a><a href="http://[::]:8080/">c</a>', [
      'index.html:1:67 localhost-link Link to `http://[::ffff:127.0.0.1]:4321/about/` points at `[::ffff:7f00:1]:4321`, the author\'s machine; expected a URL that works for visitors; did you mean `/about/`?',
      'index.html:1:120 localhost-link Link to `http://[::ffff:7f00:1]/` points at `[::ffff:7f00:1]`, the author\'s machine; expected a URL that works for visitors',
      'index.html:1:159 localhost-link Link to `http://[::]:8080/` points at `[::]:8080`, the author\'s machine; expected a URL that works for visitors',
    ]],
    ['*.localhost, protocol-relative', '<a href="//app.localhost/about/">a</a>', ['index.html:1:67 localhost-link Link to `//app.localhost/about/` points at `app.localhost`, the author\'s machine; expected a URL that works for visitors; did you mean `/about/`?']],
    ['a file: URL', '<a href="file:///C:/Users/me/site/about.html">a</a>', ['index.html:1:67 localhost-link Link to `file:///C:/Users/me/site/about.html` points at a file on the author\'s machine; expected a URL that works for visitors']],
  ])('invalid: %s', async (_, body, expected) => {
    expect(await ruleLines('localhost-link', site(body))).toEqual(expected);
  });

  it('invalid: an absolute link to a site whose origin is localhost (it resolves inside the site)', async () => {
    expect(await ruleLines('localhost-link', site('<a href="http://localhost:4321/about/">a</a>'), { site: 'http://localhost:4321' })).toEqual([
      'index.html:1:67 localhost-link Link to `http://localhost:4321/about/` points at `localhost:4321`, the author\'s machine; expected a URL that works for visitors; did you mean `/about/`?',
    ]);
  });

  it('is an error by default', async () => {
    const { runSite } = await import('../helpers/run-site.js');
    const result = await runSite(site('<a href="http://localhost/">x</a>'));
    expect(result.findings.filter((finding) => finding.ruleId === 'localhost-link').map((finding) => finding.severity)).toEqual(['error']);
  });
});
