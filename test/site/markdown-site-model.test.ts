import { describe, expect, it } from 'vitest';
import { createSiteModel, lookupCandidates } from '../../src/site/site-model.js';
import { sourceAliases } from '../../src/site/source-aliases.js';

describe('lookupCandidates', () => {
  it.each([
    ['a', ['a', 'a/index.html', 'a.html']],
    ['docs/a.md', ['docs/a.md', 'docs/a.md/index.html', 'docs/a.md.html']],
    ['docs/', ['docs/index.html', 'docs/index.htm', 'docs.html', 'docs/']],
    ['', ['index.html', 'index.htm']],
  ])('names what the site model tries for `%s`, each of which it finds', (sitePath, candidates) => {
    expect(lookupCandidates(sitePath)).toEqual(candidates);
    for (const file of candidates) {
      const site = createSiteModel({ files: [file], pageFiles: [] });
      expect(site.lookup(sitePath)).toEqual({ found: 'asset', file });
    }
  });

  it('finds a folder only when the host lists it with its slash', () => {
    expect(createSiteModel({ files: ['img'] }).lookup('img/')).toEqual({ found: 'none' });
    expect(createSiteModel({ files: ['img/'] }).lookup('img/')).toEqual({ found: 'asset', file: 'img/' });
  });
});

describe('sourceAliases', () => {
  it('names each page by its source, and a folder by its README when it has no index page', () => {
    const pages = [
      { source: 'README.md', file: 'README.html' },
      { source: 'docs/guide.md', file: 'docs/guide.html' },
      { source: 'docs/readme.markdown', file: 'docs/readme.html' },
      { source: 'docs/README.md', file: 'docs/README.html' },
      { source: 'manual/index.md', file: 'manual/index.html' },
      { source: 'manual/README.md', file: 'manual/README.html' },
      { source: 'notes/readme.txt', file: 'notes/readme.html' },
    ];
    const aliases = sourceAliases(pages, new Set(pages.map((page) => page.file)));
    expect(Object.fromEntries(aliases)).toEqual({
      'README.md': 'README.html',
      'index.html': 'README.html',
      'docs/guide.md': 'docs/guide.html',
      'docs/readme.markdown': 'docs/readme.html',
      'docs/README.md': 'docs/README.html',
      // Of two READMEs, the first in code-point order, every run.
      'docs/index.html': 'docs/README.html',
      'manual/index.md': 'manual/index.html',
      'manual/README.md': 'manual/README.html',
      'notes/readme.txt': 'notes/readme.html',
    });
  });

  it('makes a README the home page and a link to its folder reach it', () => {
    const pages = [{ source: 'README.md', file: 'README.html' }, { source: 'guide/README.md', file: 'guide/README.html' }];
    const pageFiles = pages.map((page) => page.file);
    const site = createSiteModel({ files: pageFiles, pageFiles, aliases: sourceAliases(pages, new Set(pageFiles)) });
    expect(['', 'guide/', 'guide', 'guide/README.md', 'README.md'].map((path) => site.lookup(path))).toEqual([
      { found: 'page', pageId: 0, file: 'README.html' },
      { found: 'page', pageId: 1, file: 'guide/README.html' },
      { found: 'page', pageId: 1, file: 'guide/README.html' },
      { found: 'page', pageId: 1, file: 'guide/README.html' },
      { found: 'page', pageId: 0, file: 'README.html' },
    ]);
  });
});
