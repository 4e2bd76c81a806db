import { describe, expect, it } from 'vitest';
import { checkDirectory } from '../src/node/check-directory.js';
import { createCollector } from '../src/rehype/index.js';
import { OptionsError, resolveOptions, type Options } from '../src/options.js';

describe('resolveOptions', () => {
  it.each<[string, unknown, string]>([
    ['a duration that is a word', { external: { timeouts: { request: 'forever' } } }, 'c.json: `external.timeouts.request` expected a duration such as `500ms`, `30s`, `12h`, `1d` or a number of milliseconds, received `forever`'],
    ['a negative duration', { external: { cache: { ttl: '-1s' } } }, 'c.json: `external.cache.ttl` expected a duration such as `500ms`, `30s`, `12h`, `1d` or a number of milliseconds, received `-1s`'],
    ['a negative number of milliseconds', { external: { enabled: true, interval: -1 } }, 'c.json: `external.interval` expected a duration such as `500ms`, `30s`, `12h`, `1d` or a number of milliseconds, received `-1`'],
    ['a duration of another type', { external: { hosts: { 'api.github.com': { interval: true } } } }, 'c.json: `external.hosts.api.github.com.interval` expected a duration such as `500ms`, `30s`, `12h`, `1d` or a number of milliseconds, received `true`'],
    ['`external` that is neither', { external: 'yes' }, 'c.json: `external` expected a boolean or an object, received `yes`'],
    ['a severity that is no level', { rules: { 'broken-fragment': 'loud' } }, 'c.json: `rules.broken-fragment` expected `off`, `info`, `warn` or `error` (or `[level, { ...options }]`), received `loud`'],
    ['a level in a list that is no level', { rules: { 'click-depth': ['loud', { maxDepth: 4 }] } }, 'c.json: `rules.click-depth[0]` expected one of `off`, `info`, `warn` or `error`, received `loud`'],
    ['rule options that are not an object', { rules: { 'click-depth': ['warn', 4] } }, 'c.json: `rules.click-depth[1]` expected an object, received `4`'],
    ['a mistyped rule option', { rules: { 'click-depth': ['warn', { maxDepht: 4 }] } }, 'c.json: `rules.click-depth[1].maxDepht` is not an option; did you mean `maxDepth`?'],
    ['a mistyped option', { ignor: { rules: [] } }, 'c.json: `ignor` is not an option; did you mean `ignore`?'],
    ['a mistyped nested option', { external: { timeout: { request: '1s' } } }, 'c.json: `external.timeout` is not an option; did you mean `timeouts`?'],
    ['a value outside an enum', { failOn: 'sometimes' }, 'c.json: `failOn` expected one of `error`, `warn`, `info` or `never`, received `sometimes`'],
    ['a site that is not an http origin', { site: 'ftp://example.com' }, 'c.json: `site` expected an `http` or `https` origin such as `https://example.com`, received `ftp://example.com`'],
    ['an unknown rule in `rules`', { rules: { 'broken-internal-lnk': 'warn' } }, 'c.json: unknown rule `broken-internal-lnk` in `rules`; did you mean `broken-internal-link`?'],
    ['an unknown rule in `ignore.rules`', { ignore: { rules: ['generic-anchor', 'broken-internal-lnk'] } }, 'c.json: unknown rule `broken-internal-lnk` in `ignore.rules[1]`; did you mean `broken-internal-link`?'],
    ['a content selector that does not parse', { contentSelector: '::::' }, 'c.json: `contentSelector` expected a CSS selector, received `::::` (Expected pseudo-element name. Pos: 2.)'],
    ['a content selector with a pseudo-element', { contentSelector: 'main::before' }, 'c.json: `contentSelector` expected a CSS selector, received `main::before` (Invalid selector: `::before`)'],
    ['an unsupported pseudo-class past a part that matches nothing', { contentSelector: 'article :not(nav) a:hover' }, 'c.json: `contentSelector` expected a CSS selector, received `article :not(nav) a:hover` (Unknown pseudo-selector `hover`)'],
  ])('rejects %s, naming the option and what was expected', (_name, input, message) => {
    expect(() => resolveOptions(input, 'c.json')).toThrow(OptionsError);
    expect(() => resolveOptions(input, 'c.json')).toThrow(message);
  });

  it('lists every rule when an unknown id is close to none', () => {
    expect(() => resolveOptions({ ignore: { rules: ['zzz-nothing'] } })).toThrow(/^options: unknown rule `zzz-nothing` in `ignore.rules\[0\]`; expected one of `broken-internal-link`, `broken-fragment`, /);
  });

  it.each<[string, Options]>([
    ['selectors hast-util-select matches', { contentSelector: 'main, article:not(.aside) > .content, [data-pagefind-body], :is(main) p:nth-child(2n+1)' }],
    ['rule ids in `ignore.rules`', { ignore: { rules: ['generic-anchor', 'unreadable-page', 'invalid-suppression'] } }],
    ['durations with units and in milliseconds', { external: { timeouts: { request: '30s', connect: 500 }, cache: { ttl: '1d' } } }],
    ['`external: true`', { external: true }],
  ])('accepts %s', (_name, input) => {
    expect(() => resolveOptions(input)).not.toThrow();
  });

  it('validates before any page is read, in every host', async () => {
    // The directory does not exist: a bad option is found first.
    await expect(checkDirectory('/nonexistent/linkgraph-site', { contentSelector: '::::' })).rejects.toThrow(OptionsError);
    expect(() => createCollector({ ignore: { rules: ['orfan-page'] } })).toThrow('linkgraph/rehype options: unknown rule `orfan-page` in `ignore.rules[0]`; did you mean `orphan-page`?');
  });
});
