import { describe, expect, it } from 'vitest';

describe('public API surface', () => {
  it('exports the engine, hosts and helpers from `linkgraph`', async () => {
    const api = await import('linkgraph');
    expect(Object.keys(api).sort()).toEqual(
      [
        'ANNOTATIONS_PER_KIND',
        'BASELINE_VERSION',
        'BaselineError',
        'DEFAULT_BASELINE_FILE',
        'ORIGIN_ATTRIBUTE',
        'OptionsError',
        'createBaseline',
        'createExternalChecker',
        'fingerprintOf',
        'formatGithubSummary',
        'matchBaseline',
        'parseBaseline',
        'readBaseline',
        'stringifyBaseline',
        'writeBaseline',
        'SiteDirectoryError',
        'VERSION',
        'buildGraph',
        'FOUND',
        'KIND',
        'LINK_ATTRIBUTES',
        'LINK_CONTENT',
        'LINK_EMPTY_HREF',
        'LINK_FOLLOWED',
        'LINK_FRAGMENT',
        'LINK_IGNORE',
        'LINK_NAVIGATION',
        'LINK_REL',
        'check',
        'checkDirectory',
        'collectPage',
        'createRule',
        'createSiteModel',
        'formats',
        'optionsSchema',
        'render',
        'renderTo',
        'resolveHref',
        'resolveOptions',
        'ruleIds',
        'rules',
      ].sort(),
    );
  });

  it('exports the rehype plugin from `linkgraph/rehype`', async () => {
    const rehype = await import('linkgraph/rehype');
    expect(Object.keys(rehype).sort()).toEqual(['createCollector', 'default']);
    expect(typeof rehype.default).toBe('function');
  });

  it('exports the Astro integration from `linkgraph/astro`', async () => {
    const astro = await import('linkgraph/astro');
    expect(Object.keys(astro).sort()).toEqual(['default']);
    expect(astro.default({}).name).toBe('linkgraph');
  });

  it('keeps VERSION equal to package.json', async () => {
    const { VERSION } = await import('linkgraph');
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(VERSION).toBe(pkg.version);
  });
});
