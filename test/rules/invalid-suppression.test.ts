import { describe, expect, it } from 'vitest';
import { page, ruleLines, runSite } from '../helpers/run-site.js';

const home = (body: string, head = ''): Record<string, string> => ({ 'index.html': page(`<a href="/a/">a</a>${body}`, head), 'a/index.html': page('<a href="/">home</a>') });

describe('invalid-suppression', () => {
  it.each<[string, Record<string, string>]>([
    ['rule ids on a link and around it', home('<p data-linkgraph-ignore="generic-anchor, broken-fragment"><a href="#x">click here</a></p>')],
    ['`all`, and the bare attribute', home('<a data-linkgraph-ignore="all" href="/x/">x</a><a data-linkgraph-ignore href="/y/">y</a>')],
    ['a page-wide opt-out naming rules, or none', home('', '<meta name="linkgraph-ignore" content="orphan-page click-depth">')],
  ])('valid: %s', async (_name, site) => {
    expect(await ruleLines('invalid-suppression', site)).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'a mistyped id on a link, with the id it was meant to be',
      home('<a data-linkgraph-ignore="broken-internal-lnk" href="/gone/">g</a>'),
      ['index.html:1:86 invalid-suppression `data-linkgraph-ignore` names `broken-internal-lnk`, which is no rule, so it suppresses nothing; did you mean `broken-internal-link`?'],
    ],
    [
      'an id around several links and repeated on another element: once per page, at its first link',
      home('<ul data-linkgraph-ignore="generic-anchor orfan-page"><li><a href="/b/">b</a></li><li><a href="/c/">c</a></li></ul><p data-linkgraph-ignore="orfan-page"><a href="/d/">d</a></p>'),
      ['index.html:1:144 invalid-suppression `data-linkgraph-ignore` names `orfan-page`, which is no rule, so it suppresses nothing; did you mean `orphan-page`?'],
    ],
    [
      'a page-wide opt-out naming something that is no rule at all',
      home('', '<meta name="linkgraph-ignore" content="orphan-page, everything">'),
      ['index.html:- invalid-suppression Page-wide `linkgraph-ignore` names `everything`, which is no rule, so it suppresses nothing'],
    ],
    [
      'an opt-out on `<body>`',
      { 'index.html': '<!doctype html><html><head><title>t</title></head><body data-linkgraph-ignore="dead-end"><a href="/">home</a></body></html>' },
      ['index.html:- invalid-suppression Page-wide `linkgraph-ignore` names `dead-end`, which is no rule, so it suppresses nothing'],
    ],
  ])('invalid: %s', async (_name, site, expected) => {
    expect(await ruleLines('invalid-suppression', site)).toEqual(expected);
  });

  it('warns by default, and the mistyped id really suppresses nothing', async () => {
    const result = await runSite(home('<a data-linkgraph-ignore="broken-internal-lnk" href="/gone/">g</a>'));
    expect(result.findings.filter((finding) => finding.ruleId === 'invalid-suppression').map((finding) => finding.severity)).toEqual(['warn']);
    expect(result.findings.some((finding) => finding.ruleId === 'broken-internal-link' && finding.href === '/gone/')).toBe(true);
  });
});
