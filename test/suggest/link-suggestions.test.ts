import { describe, expect, it } from 'vitest';
import { buildTextIndex, row } from '../../src/suggest/text-index.js';
import { terms, WordTable } from '../../src/suggest/words.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { doc } from '../fixtures/graph-sites.js';
import { runSite } from '../helpers/run-site.js';

const shell = (title: string, main: string): string => doc(`${title} | Garden Notes`, `<nav><a href="/">Home</a></nav><main>${main}</main>`);

/**
 * A gardening site. `/compost/` is an orphan; `/soil/` mentions “composting
 * at home” in a sentence; `/watering/` is about something else; `/beds/`
 * talks about compost without naming the page.
 */
function gardenSite(): Record<string, string> {
  return {
    'index.html': shell('Home', '<p>Read about <a href="/soil/">healthy soil</a>, <a href="/watering/">watering</a> and <a href="/beds/">raised beds</a>.</p>'),
    'soil/index.html': shell('Healthy soil', '<h1>Healthy soil</h1><p>Soil lives. Worms and fungi do the work. If you want richer soil, start composting at home with kitchen scraps. It pays back in a season.</p>'),
    'watering/index.html': shell('Watering', '<h1>Watering</h1><p>Water early in the morning. Deep watering twice a week beats a daily sprinkle.</p>'),
    'beds/index.html': shell('Raised beds', '<h1>Raised beds</h1><p>Fill raised beds with a mix of topsoil and compost. Kitchen scraps and leaves make good compost.</p>'),
    'compost/index.html': shell('Composting at home', '<h1>Composting at home</h1><p>Compost turns kitchen scraps and leaves into food for the soil. Keep the heap moist and turn it monthly.</p>'),
    'drafts/index.html': shell('Drafts', '<p>Composting at home, a draft.</p>').replace('<main>', '<meta name="robots" content="noindex"><main>'),
  };
}

describe('link suggestions', () => {
  it('names the page that mentions the orphan first, quoting the sentence', async () => {
    const result = await runSite(gardenSite());
    const finding = result.findings.find((item) => item.ruleId === 'orphan-page');
    expect(finding?.page).toBe('/compost/');
    expect(finding?.message).toBe('No other page links to `/compost/`; `/soil/` mentions “Composting at home” without a link');
    expect(finding?.suggestions).toEqual(['/soil/ ("If you want richer soil, start composting at home with kitchen scraps.")', '/beds/', '/']);
    expect(finding?.data).toEqual({
      suggestions: [
        { url: '/soil/', score: expect.any(Number), phrase: 'Composting at home', sentence: 'If you want richer soil, start composting at home with kitchen scraps.' },
        { url: '/beds/', score: expect.any(Number) },
        { url: '/', score: expect.any(Number) },
      ],
    });
  });

  it('leaves out the site name however titles separate it, as the anchor rules do', async () => {
    // Only two titles carry the site name, after a `»`: it is still the site name, not part of the
    // page's title (the orphan has no heading, so its title alone names it).
    const site = gardenSite();
    site['compost/index.html'] = site['compost/index.html']!.replace('Composting at home | Garden Notes', 'Composting at home » Garden Notes').replace('<h1>Composting at home</h1>', '');
    site['soil/index.html'] = site['soil/index.html']!.replace('Healthy soil | Garden Notes', 'Healthy soil » Garden Notes');
    for (const file of ['index.html', 'watering/index.html', 'beds/index.html', 'drafts/index.html']) site[file] = site[file]!.replace(' | Garden Notes', '');
    const result = await runSite(site);
    const finding = result.findings.find((item) => item.ruleId === 'orphan-page');
    expect(finding?.message).toBe('No other page links to `/compost/`; `/soil/` mentions “Composting at home” without a link');
  });

  it('takes a mention as whole words only ("composting at homestead" and "composting at homes" are not "composting at home")', async () => {
    const site = gardenSite();
    site['soil/index.html'] = shell('Healthy soil', '<h1>Healthy soil</h1><p>Soil lives. Start composting at homestead scale. Composting at homes is common.</p>');
    site['watering/index.html'] = shell('Watering', '<h1>Watering</h1><p>Water early. Composting at home, in short, works.</p>');
    const result = await runSite(site);
    expect(result.findings.find((item) => item.ruleId === 'orphan-page')?.message).toBe('No other page links to `/compost/`; `/watering/` mentions “Composting at home” without a link');
  });

  it('finds a title with typographic quotes mentioned with them or with straight ones', async () => {
    for (const written of ['Don’t panic', "Don't panic"]) {
      const site = gardenSite();
      site['compost/index.html'] = shell('Don’t panic', '<h1>Calm</h1><p>Breathe.</p>');
      site['soil/index.html'] = shell('Healthy soil', `<h1>Healthy soil</h1><p>Soil lives. ${written} about worms.</p>`);
      const result = await runSite(site);
      expect(result.findings.find((item) => item.ruleId === 'orphan-page')?.suggestions?.[0], written).toBe('/soil/ ("Don\'t panic about worms.")');
    }
  });

  it('quotes a mention in a block without punctuation as that block alone', async () => {
    const site = gardenSite();
    site['soil/index.html'] = shell('Healthy soil', '<h1>Healthy soil</h1><p>Three habits help</p><ul><li>Mulching</li><li>Composting at home</li><li>Cover crops</li></ul>');
    const result = await runSite(site);
    expect(result.findings.find((item) => item.ruleId === 'orphan-page')?.suggestions?.[0]).toBe('/soil/ ("Composting at home")');
  });

  it('takes a phrase followed by more letters as a mention in a script written without spaces', async () => {
    // Japanese writes a particle right after a name: “東京 タワーへ” mentions “東京 タワー”. (The
    // page's words are its space-separated runs: the postings hold the two words because “タワー”
    // is also a word of its own.)
    const site: Record<string, string> = {
      'index.html': doc('ホーム', '<main><a href="/a/">案内</a></main>'),
      'a/index.html': doc('案内', '<main><p>タワー 行く 東京 タワーへ。</p></main>'),
      'tower/index.html': doc('東京 タワー', '<main><p>高い塔です。</p></main>'),
    };
    const result = await runSite(site);
    expect(result.findings.find((item) => item.ruleId === 'orphan-page')?.data).toEqual({
      suggestions: [{ url: '/a/', score: expect.any(Number), phrase: '東京 タワー', sentence: 'タワー 行く 東京 タワーへ。' }],
    });
  });

  it('ranks by similarity when no page mentions the orphan', async () => {
    const site = gardenSite();
    site['soil/index.html'] = shell('Healthy soil', '<h1>Healthy soil</h1><p>Soil lives. Worms and fungi do the work.</p>');
    const result = await runSite(site);
    const finding = result.findings.find((item) => item.ruleId === 'orphan-page');
    expect(finding?.message).toBe('No other page links to `/compost/`; a related page that could link to it: `/beds/`');
    expect(finding?.suggestions?.[0]).toBe('/beds/');
    expect(finding?.suggestions).not.toContain('/drafts/');
  });

  it('gives the same answer on every run and in any page order', async () => {
    const site = gardenSite();
    const reversed = Object.fromEntries(Object.entries(site).reverse());
    const [a, b] = await Promise.all([runSite(site), runSite(reversed)]);
    expect(a.findings).toEqual(b.findings);
  });

  it('suggests for content orphans too', async () => {
    const site = gardenSite();
    site['index.html'] = site['index.html']!.replace('<nav>', '<nav><a href="/compost/">Compost</a>');
    const result = await runSite(site, { rules: { 'content-orphan': 'warn' } });
    const finding = result.findings.find((item) => item.ruleId === 'content-orphan');
    expect(finding?.page).toBe('/compost/');
    expect(finding?.suggestions?.[0]).toBe('/soil/ ("If you want richer soil, start composting at home with kitchen scraps.")');
  });

  it('takes the number of suggestions as an option', async () => {
    const result = await runSite(gardenSite(), { rules: { 'orphan-page': ['error', { suggestions: 0 }] } });
    const finding = result.findings.find((item) => item.ruleId === 'orphan-page');
    expect(finding?.message).toBe('No other page links to `/compost/`');
    expect(finding?.suggestions).toEqual([]);
  });

  it('tokenises into lower-case words without stop words, folding -ing, -ed and a plural s', () => {
    expect(terms('The Raised Beds of Zürich, 2024 edition — and glass composting')).toEqual(['rais', 'bed', 'zürich', '2024', 'edition', 'glass', 'compost']);
    expect(terms("It's re-potting_x2 MiXeD99")).toEqual(['re', 'pott', 'x2', 'mixed99']);
  });

  it('gives the index the same terms as terms(), through hash collisions and table growth', () => {
    const ids = new Map<string, number>();
    const names: string[] = [];
    const idOf = (term: string): number => {
      let id = ids.get(term);
      if (id === undefined) ids.set(term, (id = names.push(term) - 1));
      return id;
    };
    const table = new WordTable(idOf);
    // 5,000 distinct words in mixed case (the table starts with 4,096 slots), each text seen twice, one non-ASCII.
    const texts = Array.from({ length: 500 }, (_, n) => Array.from({ length: 10 }, (_, k) => `W${n}x${k} Loaded THE ${k % 2 ? 'ends' : 'Ending'}`).join(', '));
    // Punctuation, underscores, digits, control whitespace and very short texts split as the Unicode word pattern splits them.
    texts.push("It's 3am: re-potting_x2 (A/B) tomatoes; see #42, e.g. v1.2.3 & the TODO-list! Ok", 'a', '', '  x9  ', 'UPPER lower MiXeD99 endings', 'tab\tnew\nline');
    texts.push('Zürich composting', ...texts.slice(0, 50));
    // Runs beyond ASCII among ASCII words: at either end, alone, joined by a wide separator, with
    // case and compatibility forms (NFKC), a final sigma, and a dotted capital I that lower case splits.
    texts.push(
      'Un café crème, it’s ÉTÉ — naïve résumé’s end',
      'Ünïcode first and last ünï',
      'word—another word\u00a0nbsp ＦＵＬＬwidth ﬁne ①② x²',
      'ΟΔΟΣ. Σοφία İstanbul Straße',
      '東京タワー and 東京 words',
      // Typographic punctuation between words of either kind.
      'ab’ΣΑ x’ΟΔΟΣ’Α «Straße» “café” ·Zürich· a…b …ΣΣ it’s“q”—r–s t•u',
    );
    // Random texts over ASCII, typographic punctuation, letters beyond ASCII, a combining mark and
    // compatibility forms. (Not ASCII apostrophes or full stops: a Greek sigma before one and a
    // letter is final to the index, not to terms(), as it has always been.)
    const random = seededRandom(3);
    const alphabet = ['a', 'B', 'c', 'S', '1', ' ', ',', '’', '‘', '“', '”', '—', '–', '…', '•', '·', '«', '»', '\u00a0', 'é', 'Σ', 'σ', 'ß', '\u0301', 'ﬁ', 'Ｆ', '東'];
    for (let n = 0; n < 2000; n++) texts.push(Array.from({ length: 1 + Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    for (const text of texts) {
      const found: string[] = [];
      table.forEach(text, (id) => found.push(names[id]!));
      expect(found, text).toEqual(terms(text));
    }
  });

  it('looks each distinct word up once, words outside a closed vocabulary and stop words included', () => {
    const calls = new Map<string, number>();
    // A closed vocabulary: only words starting with "k" are terms (id 0), every other is outside it (-2).
    const idOf = (term: string): number => {
      calls.set(term, (calls.get(term) ?? 0) + 1);
      return term.startsWith('k') ? 0 : -2;
    };
    const table = new WordTable(idOf);
    const text = Array.from({ length: 6000 }, (_, n) => `w${n} k${n % 7} the`).join(' ');
    const found: number[] = [];
    for (let pass = 0; pass < 2; pass++) table.forEach(text, (id) => found.push(id));
    expect(found.filter((id) => id === 0)).toHaveLength(2 * 6000);
    expect(found.filter((id) => id === -2)).toHaveLength(2 * 6000);
    // Stop words never reach idOf; every other word reached it once, through the table's growth.
    expect(calls.has('the')).toBe(false);
    expect([...calls.values()].every((count) => count === 1)).toBe(true);
    expect(calls.size).toBe(6000 + 7);
  });

});

describe('link suggestions from the URL', () => {
  it('finds a mention of the words of the URL slug when title and headings are not mentioned', async () => {
    const result = await runSite({
      'index.html': doc('Home', '<main><a href="/faq/">FAQ</a></main>'),
      'faq/index.html': doc('FAQ', '<main><p>Prices change yearly. See the shipping rates for details.</p></main>'),
      'shipping-rates/index.html': doc('What delivery costs', '<main><h1>What delivery costs</h1><p>Table.</p></main>'),
    });
    const finding = result.findings.find((item) => item.ruleId === 'orphan-page');
    expect(finding?.suggestions).toEqual(['/faq/ ("See the shipping rates for details.")']);
  });
});

describe('link suggestions for a heading that most pages share', () => {
  it('takes the mentioning pages by URL when the heading’s word is too common to score', async () => {
    // Forty topic pages, each with an "Overview" heading, linked from the home page; the orphan's
    // only phrase is that heading. The word is on every page, so no page scores: the pages that
    // mention it come by URL, shorter first, and only reachable ones.
    const site: Record<string, string> = {
      'index.html': doc('Home', `<main>${Array.from({ length: 40 }, (_, n) => `<a href="/t${n + 1}/">Topic ${n + 1}</a>`).join(' ')}</main>`),
      'orphan/index.html': doc('Overview', '<main><h1>Overview</h1><p>An overview.</p></main>'),
      'hidden/index.html': doc('Hidden', '<main><h2>Overview</h2><p>Nothing links here.</p></main>'),
    };
    for (let n = 1; n <= 40; n++) site[`t${n}/index.html`] = doc(`Topic ${n}`, `<main><h2>Overview</h2><p>The overview of topic ${n}.</p></main>`);
    const result = await runSite(site);
    const finding = result.findings.find((item) => item.ruleId === 'orphan-page' && item.page === '/orphan/');
    expect(finding?.data).toEqual({
      // The first mention is the page's own "Overview" heading: a block, so the quote ends with it.
      suggestions: [1, 2, 3].map((n) => ({ url: `/t${n}/`, score: 0, phrase: 'Overview', sentence: 'Overview' })),
    });
  });
});

describe('link suggestions for a page whose only heading many pages share', () => {
  it('does not take that heading for a name of the page: no page is said to mention it', async () => {
    // Thirty topic pages with an "Overview" section each; the orphan "Us" (too short a title to be a
    // phrase) has one too. Every topic page holds "Overview" in its own heading, which names nothing.
    const site: Record<string, string> = {
      'index.html': doc('Home', `<main>${Array.from({ length: 30 }, (_, n) => `<a href="/t${n + 1}/">Topic ${n + 1}</a>`).join(' ')}</main>`),
      'us/index.html': doc('Us', '<main><h2>Overview</h2><p>Who we are.</p></main>'),
    };
    for (let n = 1; n <= 30; n++) site[`t${n}/index.html`] = doc(`Topic ${n}`, `<main><h2>Overview</h2><p>The overview of topic ${n}.</p></main>`);
    const result = await runSite(site);
    const finding = result.findings.find((item) => item.ruleId === 'orphan-page' && item.page === '/us/');
    expect(finding?.message).toBe('No other page links to `/us/`');
    // With three pages sharing it, in a site of thirty, it still names them.
    for (let n = 3; n <= 30; n++) site[`t${n}/index.html`] = doc(`Topic ${n}`, `<main><h2>Section ${n}</h2><p>The overview of topic ${n}.</p></main>`);
    const few = await runSite(site);
    expect(few.findings.find((item) => item.ruleId === 'orphan-page' && item.page === '/us/')?.message).toBe('No other page links to `/us/`; `/t1/` mentions “Overview” without a link');
  });
});

describe('link suggestions on a site where many pages hold a phrase\'s words but not the phrase', () => {
  it('reads at most 1,000 of them for a mention, the best first', async () => {
    // Every topic page holds the orphan's title words, out of order; one page, last in rank (longest
    // URL), holds the title itself. With 990 topic pages it is found; with 1,010 it is past the limit.
    const site = (topics: number): Record<string, string> => {
      const pages: Record<string, string> = {
        'index.html': doc('Home', `<main>${Array.from({ length: topics }, (_, n) => `<a href="/t${n}/">T${n}</a>`).join(' ')} <a href="/mentions-it-last/">M</a></main>`),
        'orphan/index.html': doc('Rare phrase here', '<main><p>Alone.</p></main>'),
        'mentions-it-last/index.html': doc('M', '<main><p>See the rare phrase here.</p></main>'),
      };
      for (let n = 0; n < topics; n++) pages[`t${n}/index.html`] = doc(`T${n}`, '<main><p>Here a phrase, rare.</p></main>');
      return pages;
    };
    const mention = async (topics: number) => (await runSite(site(topics))).findings.find((item) => item.page === '/orphan/')?.data;
    expect(await mention(990)).toEqual({ suggestions: [expect.objectContaining({ url: '/mentions-it-last/', phrase: 'Rare phrase here' })] });
    expect(JSON.stringify(await mention(1010))).not.toContain('mentions-it-last');
  });
});

describe('text index', () => {
  it('keeps exact postings for more (term, page) pairs than one block of the index holds', () => {
    // 3,000 pages of 100 shared words each: 300,000 pairs, over a block's 262,144.
    const shared = Array.from({ length: 100 }, (_, n) => `shared${n}`);
    const pages = Array.from({ length: 3000 }, (_, n) => ({ url: `/p${n}/`, title: `Unique${n}`, headings: [], text: `${shared.join(' ')} shared7 own${n}` }));
    const index = buildTextIndex(pages, 'all');
    const postings = (term: string) => {
      const id = index.termId.get(term)!;
      return { docs: [...row(index.docStart, index.docs, id)], counts: [...row(index.docStart, index.counts, id)], body: [...row(index.bodyStart, index.bodyDocs, id)] };
    };
    const every = Array.from({ length: 3000 }, (_, n) => n);
    expect(postings('shared7')).toEqual({ docs: every, counts: every.map(() => 2), body: every });
    expect(postings('shared99')).toEqual({ docs: every, counts: every.map(() => 1), body: every });
    // A title word counts three times and is not in the body.
    expect(postings('unique2999')).toEqual({ docs: [2999], counts: [3], body: [] });
    expect(postings('own1500')).toEqual({ docs: [1500], counts: [1], body: [1500] });
    expect(index.lengths[0]).toBe(101 + 1 + 3);
  });
});
