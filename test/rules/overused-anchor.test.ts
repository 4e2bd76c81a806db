import { describe, expect, it } from 'vitest';
import { runSite, page, ruleLines } from '../helpers/run-site.js';
import { navHeavySite } from '../fixtures/nav-heavy-site.js';

const widgets = page('<h1>Blue widgets</h1><h2>Sizes</h2><h2>Pricing</h2>').replace('<title>t</title>', '<title>Blue Widgets | Acme</title>');

/**
 * A site of 20 pages (so that a few repeated links stay below the template
 * threshold): `widgets/`, pages `p0`… linking it in content with the given
 * anchor texts, and filler pages.
 */
function site(texts: readonly string[], extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { 'index.html': page('<p>home</p>'), 'widgets/index.html': widgets };
  texts.forEach((text, n) => {
    files[`p${n}/index.html`] = page(`<main><p>See ${text.startsWith('<') ? text : `<a href="/widgets/">${text}</a>`}.</p></main>`);
  });
  for (let n = texts.length; n < 18; n++) files[`filler${n}/index.html`] = page(`<p>filler ${n}</p>`).replace('<title>t</title>', `<title>Filler ${n} | Acme</title>`);
  return { ...files, ...extra };
}

const seven = ['best widgets', 'Best  Widgets', 'best widgets', 'BEST WIDGETS', 'best widgets', 'best widgets', 'best widgets'];

describe('overused-anchor', () => {
  it.each([
    ['share below 60%', [...seven.slice(0, 5), 'widgets', 'widgets', 'blue widgets', 'our widgets']],
    ['fewer than 5 linking pages', seven.slice(0, 4)],
    ['one page linking many times counts once per text', ['best widgets', 'widgets', 'blue widgets', 'sizes', '<a href="/widgets/">best widgets</a><a href="/widgets/#x">best widgets</a>']],
    ['links left out by data-linkgraph-ignore', [...seven.slice(0, 3), ...Array<string>(4).fill('<span data-linkgraph-ignore="overused-anchor"><a href="/widgets/">best widgets</a></span>'), 'widgets', 'blue', 'sizes']],
    ['template links (nav, footer)', Array<string>(9).fill('<nav><a href="/widgets/">best widgets</a></nav>')],
    ['empty texts', Array<string>(7).fill('<a href="/widgets/"><img src="x.png" alt=""></a>')],
  ])('valid: %s', async (_, texts) => {
    expect(await ruleLines('overused-anchor', site(texts))).toEqual([]);
  });

  it.each([
    ['the page\'s title, as indexes and listings link', Array<string>(7).fill('Blue Widgets')],
    ['its first heading, without a permalink mark', Array<string>(7).fill('<a href="/widgets/">Blue widgets¶</a>')],
    ['a run of its title\'s words, as API references link a class', Array<string>(7).fill('widgets')],
    ['links to a section of the page, whose text names the section', Array<string>(7).fill('<a href="/widgets/#sizes">best widgets</a>')],
  ])('valid: the page called by its name: %s', async (_, texts) => {
    expect(await ruleLines('overused-anchor', site(texts))).toEqual([]);
  });

  it('valid: the page called by its name as its URL writes it in one word', async () => {
    const texts = Array<string>(7).fill('<a href="/ContentTypeParser/">content-type parser</a>');
    expect(await ruleLines('overused-anchor', site(texts, { 'ContentTypeParser/index.html': page('<h1>Fastify</h1><h2>Content-Type Parser</h2>') }))).toEqual([]);
  });

  it('valid: copies of a linking page in other locales count once', async () => {
    const files = site(seven.slice(0, 4), { 'fr/index.html': page('<p>accueil</p>', '', 'fr') });
    for (let n = 0; n < 4; n++) files[`fr/p${n}/index.html`] = page('<main><p>Voir <a href="/widgets/">best widgets</a>.</p></main>', '', 'fr');
    expect(await ruleLines('overused-anchor', files)).toEqual([]);
    // The same links from four more pages of their own are reported.
    for (let n = 0; n < 4; n++) files[`other${n}/index.html`] = page('<main><p>See <a href="/widgets/">best widgets</a>.</p></main>');
    expect(await ruleLines('overused-anchor', files)).toHaveLength(1);
  });

  it('valid: links from redirect stubs do not count', async () => {
    const stub = `<!doctype html><title>Redirecting</title><meta http-equiv="refresh" content="0;url=/widgets/"><meta name="robots" content="noindex"><body><a href="/widgets/">best widgets</a></body>`;
    const files = site(['best widgets', 'best widgets', 'widgets', 'blue widgets', 'sizes'], { 'old1/index.html': stub, 'old2/index.html': stub, 'old3/index.html': stub });
    expect(await ruleLines('overused-anchor', files)).toEqual([]);
  });

  it('valid: a noindex target is not judged', async () => {
    const files = site(seven, { 'widgets/index.html': widgets.replace('</head>', '<meta name="robots" content="noindex"></head>') });
    expect(await ruleLines('overused-anchor', files)).toEqual([]);
  });

  it('valid: a navigation-heavy site (header, footer, sidebar, breadcrumbs on every page)', async () => {
    expect(await ruleLines('overused-anchor', navHeavySite())).toEqual([]);
    // With every bar lowered, only content anchors are counted: no navigation label appears.
    const lines = await ruleLines('overused-anchor', navHeavySite(), { rules: { 'overused-anchor': ['warn', { minLinks: 1, maxShare: 0.01 }] } });
    expect(lines).toHaveLength(18);
    const content = '"(?:[\\w ]+ in depth|the [\\w ]+ page)" 1/2';
    for (const line of lines) expect(line).toMatch(new RegExp(`1 of 2 inbound content links .*: ${content}, ${content};`));
  });

  it.each([
    [
      'one text in 7 of 9 (case and whitespace normalised)',
      [...seven, 'widgets', 'widgets'],
      {},
      ['widgets/index.html:- overused-anchor 7 of 9 inbound content links to `/widgets/` use the anchor text "best widgets" (78%, expected below 60%): "best widgets" 7/9, "widgets" 2/9; vary it, e.g. "Blue Widgets", "Sizes", "Pricing"'],
    ],
    [
      'every link the same, at exactly minLinks',
      seven.slice(0, 5),
      {},
      ['widgets/index.html:- overused-anchor 5 of 5 inbound content links to `/widgets/` use the anchor text "best widgets" (100%, expected below 60%): "best widgets" 5/5; vary it, e.g. "Blue Widgets", "Sizes", "Pricing"'],
    ],
    [
      'options: maxShare 0.5 and minLinks 3',
      ['a', 'a', 'b', 'c'],
      { maxShare: 0.5, minLinks: 3 },
      ['widgets/index.html:- overused-anchor 2 of 4 inbound content links to `/widgets/` use the anchor text "a" (50%, expected below 50%): "a" 2/4, "b" 1/4, "c" 1/4; vary it, e.g. "Blue Widgets", "Sizes", "Pricing"'],
    ],
    [
      'a long distribution is cut after five texts',
      ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'a', 'b', 'c', 'd', 'e'],
      {},
      ['widgets/index.html:- overused-anchor 8 of 13 inbound content links to `/widgets/` use the anchor text "x" (62%, expected below 60%): "x" 8/13, "a" 1/13, "b" 1/13, "c" 1/13, "d" 1/13, 1 more; vary it, e.g. "Blue Widgets", "Sizes", "Pricing"'],
    ],
  ])('invalid: %s', async (_, texts, options, expected) => {
    expect(await ruleLines('overused-anchor', site(texts), { rules: { 'overused-anchor': ['warn', options] } })).toEqual(expected);
  });

  it('carries the distribution and the alternatives as data', async () => {
    const result = await runSite(site([...seven, 'widgets', 'widgets']), { rules: { 'overused-anchor': 'warn', 'broken-internal-link': 'off' } });
    const finding = result.findings.find((entry) => entry.ruleId === 'overused-anchor');
    expect(finding?.suggestions).toEqual(['Blue Widgets', 'Sizes', 'Pricing']);
    expect(finding?.data).toEqual({
      target: '/widgets/',
      total: 9,
      linkingPages: 9,
      distribution: [
        { text: 'best widgets', count: 7 },
        { text: 'widgets', count: 2 },
      ],
    });
  });
});

describe('overused-anchor alternatives', () => {
  it('keep the title without the site name, separators and all', async () => {
    const target = page('<h1>Editions</h1><h2>Editions</h2><h2>A heading far too long to be any good as the text of a link, surely</h2>').replace('<title>t</title>', '<title>Appendix E - Editions | Acme</title>');
    const result = await runSite(site(seven.slice(0, 5), { 'widgets/index.html': target }), { rules: { 'overused-anchor': 'warn', 'broken-internal-link': 'off' } });
    expect(result.findings.find((entry) => entry.ruleId === 'overused-anchor')?.suggestions).toEqual(['Appendix E - Editions', 'Editions']);
  });
});
