import { describe, expect, it } from 'vitest';
import { LIGHTHOUSE_GENERIC_PHRASES } from '../../src/rules/util/generic-phrases.js';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string, lang = 'en') => ({
  'index.html': page(body, '', lang),
  'pricing/index.html': page('<h1>Plans and prices</h1>').replace('<title>t</title>', '<title>Pricing | Acme</title>'),
  'about/index.html': page('<h1>About</h1>').replace('<title>t</title>', '<title>About | Acme</title>'),
});

describe('generic-anchor', () => {
  it('has Lighthouse\'s nine languages', () => {
    expect(Object.keys(LIGHTHOUSE_GENERIC_PHRASES).sort()).toEqual(['de', 'en', 'es', 'fa', 'ja', 'ko', 'pt', 'sv', 'ta']);
    expect(LIGHTHOUSE_GENERIC_PHRASES['en']).toContain('click here');
  });

  it.each([
    ['descriptive text', '<a href="/pricing/">See our pricing</a>', 'en'],
    ['a phrase inside longer text', '<a href="/pricing/">Read more about pricing</a>', 'en'],
    ['another language\'s phrase', '<a href="/pricing/">hier</a>', 'en'],
    ['an English phrase on a German page', '<a href="/pricing/">read more</a>', 'de'],
    ['javascript and mailto links', '<a href="javascript:go()">click here</a><a href="mailto:a@b.c">here</a>', 'en'],
    ['links to the page itself', '<a href="#top">more</a><a href="/">here</a>', 'en'],
    ['a URL-like text that is not a full URL', '<a href="https://example.org/">example.org</a>', 'en'],
    ['data-linkgraph-ignore', '<a href="/pricing/" data-linkgraph-ignore>click here</a>', 'en'],
    ['a bare URL, cited as manuals do (bareUrls is off by default)', '<a href="https://example.org/docs">https://example.org/docs</a>', 'en'],
    ['names in code, as API references link methods', '<a href="/pricing/#m-start">#start</a><a href="/about/#m-more">more()</a><a href="/about/">Timer::start</a><a href="/about/">go_on</a>', 'en'],
  ])('valid: %s', async (_, body, lang) => {
    expect(await ruleLines('generic-anchor', site(body, lang))).toEqual([]);
  });

  it.each([
    ['click here', '<a href="/pricing/">Click here</a>', 'en', ['index.html:1:67 generic-anchor Anchor text "Click here" says nothing about `/pricing/` out of context; expected words that describe the target; did you mean "Pricing"?']],
    ['edge punctuation ignored', '<a href="/about/">Read more →</a>', 'en', ['index.html:1:67 generic-anchor Anchor text "Read more →" says nothing about `/about/` out of context; expected words that describe the target; did you mean "About"?']],
    ['German by lang subtag', '<a href="/pricing/">Hier klicken</a>', 'de-AT', ['index.html:1:70 generic-anchor Anchor text "Hier klicken" says nothing about `/pricing/` out of context; expected words that describe the target; did you mean "Pricing"?']],
    ['Japanese', '<a href="/pricing/">続きを読む</a>', 'ja', ['index.html:1:67 generic-anchor Anchor text "続きを読む" says nothing about `/pricing/` out of context; expected words that describe the target; did you mean "Pricing"?']],
    ['unknown language falls back to English', '<a href="https://example.org/x">more</a>', 'fr', ['index.html:1:67 generic-anchor Anchor text "more" says nothing about `https://example.org/x` out of context; expected words that describe the target']],
    ['no lang falls back to English', '<a href="/pricing/">here</a>', '', ['index.html:1:65 generic-anchor Anchor text "here" says nothing about `/pricing/` out of context; expected words that describe the target; did you mean "Pricing"?']],
    ['image alt text counts', '<a href="/pricing/"><img src="x.png" alt="more"></a>', 'en', ['index.html:1:67 generic-anchor Anchor text "more" says nothing about `/pricing/` out of context; expected words that describe the target; did you mean "Pricing"?']],
  ])('invalid: %s', async (_, body, lang, expected) => {
    expect(await ruleLines('generic-anchor', site(body, lang))).toEqual(expected);
  });

  it.each([
    ['a bare URL', '<a href="https://example.org/docs">https://example.org/docs</a>', ['index.html:1:67 generic-anchor Anchor text is a bare URL `https://example.org/docs`; expected words that describe the target']],
    ['a bare URL naming another page', '<a href="/pricing/">https://example.org/</a>', ['index.html:1:67 generic-anchor Anchor text is a bare URL `https://example.org/`; expected words that describe `/pricing/`; did you mean "Pricing"?']],
  ])('bareUrls: true reports %s', async (_, body, expected) => {
    expect(await ruleLines('generic-anchor', site(body), { rules: { 'generic-anchor': ['warn', { bareUrls: true }] } })).toEqual(expected);
  });

  it('options: add, remove, bareUrls', async () => {
    const body = '<a href="/pricing/">Details</a><a href="/about/">here</a><a href="https://example.org/">https://example.org/</a>';
    expect(await ruleLines('generic-anchor', site(body), { rules: { 'generic-anchor': ['warn', { add: ['details'], remove: ['HERE'], bareUrls: false }] } })).toEqual([
      'index.html:1:67 generic-anchor Anchor text "Details" says nothing about `/pricing/` out of context; expected words that describe the target; did you mean "Pricing"?',
    ]);
  });
});
