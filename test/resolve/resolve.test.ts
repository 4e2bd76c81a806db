import { describe, expect, it } from 'vitest';
import { resolveHref } from '../../src/resolve/resolve-href.js';
import { createSiteModel, urlOfFile, type TrailingSlash } from '../../src/site/site-model.js';
import type { Target } from '../../src/types.js';

const show = (target: Target): string => {
  if (target.kind === 'internal') return `internal ${target.path}${target.query ?? ''}${target.fragment === undefined ? '' : `#${target.fragment}`}`;
  if (target.kind === 'external') return `external ${target.url}${target.fragment === undefined ? '' : `#${target.fragment}`}`;
  if (target.kind === 'invalid') return 'invalid';
  return `${target.kind} ${target.url}`;
};

describe('resolveHref', () => {
  const page = { pageUrl: '/blog/post/', site: 'https://example.com' };
  it.each([
    ['other/', 'internal /blog/post/other/'],
    ['../', 'internal /blog/'],
    ['../../../../etc/passwd', 'internal /etc/passwd'],
    ['/about', 'internal /about'],
    ['#top', 'internal /blog/post/#top'],
    ['', 'internal /blog/post/'],
    ['?page=2#x', 'internal /blog/post/?page=2#x'],
    ['https://example.com/about/', 'internal /about/'],
    ['http://www.example.com/about/', 'internal /about/'],
    ['//example.com/a', 'internal /a'],
    ['//elsewhere.org/a#b', 'external https://elsewhere.org/a#b'],
    ['https://other.org/x?y=1', 'external https://other.org/x?y=1'],
    ['/caf%C3%A9/', 'internal /café/'],
    ['/café/', 'internal /café/'],
    ['/cafe\u0301/', 'internal /café/'],
    ['/a%2Fb/', 'internal /a%2Fb/'],
    ['/bad%zz/', 'internal /bad%zz/'],
    ['#caf%C3%A9', 'internal /blog/post/#café'],
    ['mailto:a@example.com', 'mailto mailto:a@example.com'],
    ['tel:+123', 'tel tel:+123'],
    ['data:image/png;base64,AAAA', 'data data:image/png;base64,AAAA'],
    ['javascript:void(0)', 'javascript javascript:void(0)'],
    ['JavaScript:alert(1)', 'javascript JavaScript:alert(1)'],
    ['ftp://files.example.com/x', 'other ftp://files.example.com/x'],
    ['https://exa mple.com/', 'invalid'],
  ])('%j on /blog/post/ -> %s', (href, expected) => {
    expect(show(resolveHref(href, page))).toBe(expected);
  });

  it('resolves against <base href>', () => {
    expect(show(resolveHref('img/a.png', { pageUrl: '/blog/post/', baseHref: '/static/' }))).toBe('internal /static/img/a.png');
    expect(show(resolveHref('a/', { pageUrl: '/x/', baseHref: 'https://cdn.example.net/' }))).toBe('external https://cdn.example.net/a/');
  });

  it('treats every absolute http(s) URL as external without `site`', () => {
    expect(show(resolveHref('https://example.com/a', { pageUrl: '/' }))).toBe('external https://example.com/a');
  });

  it('strips the base path into sitePath, and marks paths outside it', () => {
    const inside = resolveHref('/docs/a/', { pageUrl: '/docs/', base: '/docs/' });
    const outside = resolveHref('/a/', { pageUrl: '/docs/', base: '/docs' });
    const root = resolveHref('/docs', { pageUrl: '/docs/', base: '/docs/' });
    expect([inside, outside, root].map((target) => (target.kind === 'internal' ? target.sitePath : target.kind))).toEqual(['a/', '/a/', '']);
  });
});

describe('site model', () => {
  const files = ['index.html', 'about/index.html', 'contact.html', 'café/index.html', 'img/logo.png', 'docs/guide.html', 'docs/index.html', '404.html'];

  const lookups = (trailingSlash: TrailingSlash, base = '/') => {
    const site = createSiteModel({ files, base, trailingSlash, redirects: { '/old/': '/about/' } });
    return (path: string): string => {
      const result = site.lookup(path);
      return result.found === 'page' || result.found === 'asset' ? `${result.found} ${result.file}` : result.found === 'redirect' ? `redirect ${result.to}` : result.found;
    };
  };

  it.each(['ignore', 'always', 'never'] as const)('serves both output shapes under %s', (policy) => {
    const lookup = lookups(policy);
    expect(
      ['', 'about', 'about/', 'about/index.html', 'contact', 'contact/', 'contact.html', 'café/', 'img/logo.png', 'img/logo.png/', 'docs', 'docs/', 'docs/guide', 'old', 'old/', 'missing/', 'about/index', '/outside'].map(lookup),
    ).toEqual([
      'page index.html',
      'page about/index.html',
      'page about/index.html',
      'page about/index.html',
      'page contact.html',
      'page contact.html',
      'page contact.html',
      'page café/index.html',
      'asset img/logo.png',
      'none',
      'page docs/index.html',
      'page docs/index.html',
      'page docs/guide.html',
      'redirect /about/',
      'redirect /about/',
      'none',
      // Pretty-URL hosts serve `about/index` from `about/index.html`.
      'page about/index.html',
      'none',
    ]);
  });

  it.each([
    ['index.html', '/', 'ignore', '/'],
    ['about/index.html', '/', 'ignore', '/about/'],
    ['about/index.html', '/', 'never', '/about'],
    ['about/index.html', '/docs/', 'always', '/docs/about/'],
    ['contact.html', '/', 'ignore', '/contact'],
    ['contact.html', '/', 'always', '/contact'],
    ['index.html', '/docs/', 'never', '/docs/'],
    ['404.html', '/', 'ignore', '/404'],
  ] as const)('maps %s under base %s (%s) to %s', (file, base, policy, url) => {
    expect(urlOfFile(file, base, policy)).toBe(url);
  });

  it('returns unknown for missing assets when the asset list is incomplete', () => {
    const site = createSiteModel({ files: ['index.html'], assetsKnown: false });
    expect([site.lookup('img/x.png').found, site.lookup('missing/').found, site.lookup('missing.html').found]).toEqual(['unknown', 'none', 'none']);
  });
});
