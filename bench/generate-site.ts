/**
 * A deterministic generator of realistic static sites for the benchmark:
 * shared header nav, breadcrumbs and footer; about 20 body links per page,
 * some with fragments, some relative; images with `srcset`; nested
 * directories in both output shapes (`a/b/page/index.html` and
 * `a/b/page.html`); and seeded defects of every class linkgraph detects,
 * written to a ground-truth file with the exact line and column of each.
 *
 * The same (pages, seed) always gives the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom as random } from '../test/helpers/seeded-random.ts';

/** Defect classes seeded in a generated site. */
export const DEFECT_CLASSES = [
  'broken-page-link',
  'broken-fragment-same-page',
  'broken-fragment-cross-page',
  'missing-image-src',
  'missing-image-srcset',
  'orphan-page',
  'unreachable-page',
] as const;

/** A defect class. */
export type DefectClass = (typeof DEFECT_CLASSES)[number];

/** One seeded defect. Link defects carry the element's position and a marker unique in the site. */
export interface Defect {
  class: DefectClass;
  /** Output file the defect is on (or, for orphan and unreachable pages, the page itself). */
  file: string;
  /** The href or src as written (link defects). */
  href?: string;
  /** A string that appears in the broken URL and nowhere else in the site. */
  marker?: string;
  line?: number;
  column?: number;
}

/** What {@link generateSite} writes next to the site: the ground truth. */
export interface GroundTruth {
  pages: number;
  seed: number;
  files: number;
  bytes: number;
  defects: Defect[];
}

/** Version of the generator; part of the cache key of generated sites. */
export const GENERATOR_VERSION = 4;

const SECTIONS = ['docs', 'guides', 'blog', 'api', 'reference', 'tutorials', 'news', 'community'] as const;
const WORDS = (
  'the site link page build static graph anchor content template footer header navigation render markup ' +
  'output route layout component deploy cache index section article heading fragment image source ' +
  'performance reader search engine crawl depth orphan island broken check report rule option value ' +
  'config server client request response module package version release feature change guide example'
).split(' ');
const IDS = ['overview', 'install', 'usage', 'options', 'examples', 'faq'] as const;

interface Page {
  file: string;
  url: string;
  title: string;
  section: string;
  group: string;
  kind: 'home' | 'section' | 'group' | 'article' | 'special' | 'orphan' | 'island';
}

/** How many defects a generated site holds; the defaults make the benchmark's kind site. */
export interface SiteShape {
  /** Pages no other page links to. Default: one per 1,000 pages (at least 2). */
  orphans?: number;
  /** Link defects of each class, at most one per article and class. Default: one per 200 pages (at least 3). */
  defectsPerClass?: number;
}

/**
 * Write a site of `pageCount` pages into `dir` (which must be empty or
 * absent) and return its ground truth (also written to `dir/../<name>.truth.json`
 * by the caller). The default `shape` gives the same bytes as before it existed.
 */
export async function generateSite(dir: string, pageCount: number, seed = 1, shape: SiteShape = {}): Promise<GroundTruth> {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (n: number): number => Math.floor(rand() * n);

  // The page list: home, section roots, group listings, special pages, orphans, islands, articles.
  const pages: Page[] = [{ file: 'index.html', url: '/', title: 'Home', section: '', group: '', kind: 'home' }];
  for (const section of SECTIONS) pages.push({ file: `${section}/index.html`, url: `/${section}/`, title: cap(section), section, group: '', kind: 'section' });
  const special = [
    ['about/index.html', '/about/', 'About'],
    ['about/team.html', '/about/team.html', 'Team'],
    ['about/contact/index.html', '/about/contact/', 'Contact'],
    ['legal/privacy.html', '/legal/privacy.html', 'Privacy'],
    ['legal/terms/index.html', '/legal/terms/', 'Terms'],
  ] as const;
  for (const [file, url, title] of special) pages.push({ file, url, title, section: 'about', group: '', kind: 'special' });
  const orphanCount = shape.orphans ?? Math.max(2, Math.round(pageCount / 1000));
  const islandCount = Math.max(1, Math.round(pageCount / 5000));
  const islandSize = 4;
  const fixed = pages.length + orphanCount + islandCount * islandSize;
  const articleCount = Math.max(SECTIONS.length, pageCount - fixed);
  // Groups of about 40 articles; each group has a listing page, counted in the articles' budget.
  const groupSize = 40;
  const groupCount = Math.max(SECTIONS.length, Math.ceil(articleCount / (groupSize + 1)));
  const groups: Page[] = [];
  for (let g = 0; g < groupCount; g++) {
    const section = SECTIONS[g % SECTIONS.length]!;
    const group = `group-${g}`;
    groups.push({ file: `${section}/${group}/index.html`, url: `/${section}/${group}/`, title: `${cap(section)} ${g}`, section, group, kind: 'group' });
  }
  pages.push(...groups);
  const articles: Page[] = [];
  for (let i = 0; articles.length < articleCount - groupCount; i++) {
    const owner = groups[i % groupCount]!;
    const name = `page-${i}`;
    // Every third page is written as `name.html`, the rest as `name/index.html`.
    const dirShape = i % 3 !== 0;
    const file = dirShape ? `${owner.section}/${owner.group}/${name}/index.html` : `${owner.section}/${owner.group}/${name}.html`;
    const url = dirShape ? `/${owner.section}/${owner.group}/${name}/` : `/${owner.section}/${owner.group}/${name}.html`;
    articles.push({ file, url, title: `${cap(pick(WORDS))} ${pick(WORDS)} ${i}`, section: owner.section, group: owner.group, kind: 'article' });
  }
  pages.push(...articles);
  const orphans: Page[] = [];
  for (let k = 0; k < orphanCount; k++) orphans.push({ file: `extras/orphan-${k}/index.html`, url: `/extras/orphan-${k}/`, title: `Orphan ${k}`, section: 'extras', group: '', kind: 'orphan' });
  const islands: Page[][] = [];
  for (let j = 0; j < islandCount; j++) {
    const island: Page[] = [];
    for (let m = 0; m < islandSize; m++) island.push({ file: `islands/island-${j}/page-${m}.html`, url: `/islands/island-${j}/page-${m}.html`, title: `Island ${j} page ${m}`, section: 'islands', group: `island-${j}`, kind: 'island' });
    islands.push(island);
  }
  pages.push(...orphans, ...islands.flat());

  const imageCount = Math.max(50, Math.round(pageCount / 20));
  const assets = ['assets/site.css', 'assets/app.js', 'favicon.ico'];
  for (let j = 0; j < imageCount; j++) assets.push(`img/photo-${j}.png`, `img/photo-${j}@2x.png`);

  // Seed defects on articles (pages a crawler reaches), one class at a time, at most one per page per class.
  const defectsPerClass = shape.defectsPerClass ?? Math.max(3, Math.round(pageCount / 200));
  const planned = new Map<Page, DefectClass[]>();
  for (const defectClass of ['broken-page-link', 'broken-fragment-same-page', 'broken-fragment-cross-page', 'missing-image-src', 'missing-image-srcset'] as const) {
    const used = new Set<Page>();
    while (used.size < Math.min(defectsPerClass, articles.length)) {
      const page = pick(articles);
      if (used.has(page)) continue;
      used.add(page);
      planned.set(page, [...(planned.get(page) ?? []), defectClass]);
    }
  }

  const defects: Defect[] = [];
  for (const page of orphans) defects.push({ class: 'orphan-page', file: page.file });
  for (const page of islands.flat()) defects.push({ class: 'unreachable-page', file: page.file });

  let bytes = 0;
  let serial = 0;
  const writeQueue: Promise<void>[] = [];
  const flush = async (): Promise<void> => {
    await Promise.all(writeQueue.splice(0));
  };
  const write = async (file: string, content: string | Uint8Array): Promise<void> => {
    bytes += content.length;
    const target = path.join(dir, ...file.split('/'));
    writeQueue.push(mkdir(path.dirname(target), { recursive: true }).then(() => writeFile(target, content)));
    if (writeQueue.length >= 64) await flush();
  };

  const nav = [{ url: '/', text: 'Home' }, ...SECTIONS.map((section) => ({ url: `/${section}/`, text: cap(section) })), { url: '/about/', text: 'About' }];
  const footer = special.map(([, url, title]) => ({ url, text: title }));
  const members = new Map<string, Page[]>();
  for (const page of articles) {
    const key = `${page.section}/${page.group}`;
    members.set(key, [...(members.get(key) ?? []), page]);
  }

  for (const page of pages) {
    const lines: string[] = [];
    const add = (indent: number, text: string): number => {
      lines.push(' '.repeat(indent) + text);
      return lines.length;
    };
    const defectLink = (defectClass: DefectClass, href: string, marker: string, line: number, column: number): void => {
      defects.push({ class: defectClass, file: page.file, href, marker, line, column });
    };
    add(0, '<!doctype html>');
    add(0, '<html lang="en">');
    add(0, '<head>');
    add(2, '<meta charset="utf-8">');
    add(2, '<meta name="viewport" content="width=device-width, initial-scale=1">');
    add(2, `<title>${page.title} | Example Docs</title>`);
    add(2, '<link rel="stylesheet" href="/assets/site.css">');
    add(2, '<link rel="icon" href="/favicon.ico">');
    add(2, '<script src="/assets/app.js" defer></script>');
    add(2, `<meta name="description" content="${sentence(rand, 14)}">`);
    add(0, '</head>');
    add(0, '<body>');
    add(2, '<header class="site-header">');
    add(4, '<a class="logo" href="/"><img src="/img/photo-0.png" alt="Example Docs" width="32" height="32"></a>');
    add(4, '<nav aria-label="Main">');
    add(6, '<ul>');
    for (const item of nav) add(8, `<li><a href="${item.url}"${item.url === `/${page.section}/` ? ' aria-current="page"' : ''}>${item.text}</a></li>`);
    add(6, '</ul>');
    add(4, '</nav>');
    add(2, '</header>');
    if (page.kind !== 'home') {
      add(2, '<nav aria-label="Breadcrumb" class="breadcrumbs">');
      add(4, '<ol>');
      add(6, '<li><a href="/">Home</a></li>');
      if (page.section !== '' && page.kind !== 'section' && SECTIONS.includes(page.section as (typeof SECTIONS)[number])) add(6, `<li><a href="/${page.section}/">${cap(page.section)}</a></li>`);
      if (page.kind === 'article') add(6, `<li><a href="/${page.section}/${page.group}/">${page.group}</a></li>`);
      add(6, `<li aria-current="page">${page.title}</li>`);
      add(4, '</ol>');
      add(2, '</nav>');
    }
    add(2, '<main id="content">');
    add(4, '<article>');
    add(6, `<h1>${page.title}</h1>`);

    // Body links: listings link to their members; every page links to ~20 others.
    const body: { href: string; text: string }[] = [];
    if (page.kind === 'home') for (const section of SECTIONS) body.push({ href: `/${section}/`, text: `Browse ${section}` });
    if (page.kind === 'section') for (const group of groups.filter((g) => g.section === page.section)) body.push({ href: group.url, text: group.title });
    if (page.kind === 'group') for (const member of members.get(`${page.section}/${page.group}`) ?? []) body.push({ href: relativeOrAbsolute(page, member), text: member.title });
    if (page.kind === 'island') {
      const island = islands.find((list) => list.includes(page))!;
      for (const other of island) if (other !== page) body.push({ href: other.url, text: other.title });
    }
    const bodyLinks = page.kind === 'island' ? 2 : 16 + int(8);
    for (let k = 0; k < bodyLinks; k++) {
      const target = pick(articles);
      const roll = rand();
      let href = rand() < 0.3 ? relativeOrAbsolute(page, target) : target.url;
      if (roll < 0.15) href += `#${pick(IDS)}`;
      else if (roll < 0.22) href = `#${pick(IDS)}`;
      body.push({ href, text: roll < 0.22 && roll >= 0.15 ? `see ${href.slice(1)}` : target.title });
    }

    const sectionsOnPage = IDS.length;
    let linkCursor = 0;
    const plannedHere = planned.get(page) ?? [];
    for (let s = 0; s < sectionsOnPage; s++) {
      add(6, `<h2 id="${IDS[s]}">${cap(IDS[s]!)}</h2>`);
      const perSection = Math.ceil(body.length / sectionsOnPage);
      const chunk = body.slice(linkCursor, linkCursor + perSection);
      linkCursor += perSection;
      add(6, '<p>');
      add(8, sentence(rand, 12 + int(10)));
      // Real pages hold typographic characters beyond Latin-1 (V8 then keeps the page as a two-byte
      // string), and accented words: one sentence of them in every page's content.
      if (s === 0) add(8, 'It’s a “static” site — built ahead of time, like a café’s menu.');
      for (const link of chunk) {
        add(8, `<a href="${escapeAttribute(link.href)}">${link.text}</a> ${sentence(rand, 4 + int(12))}`);
      }
      add(6, '</p>');
      if (s === 1 || s === 4) {
        const j = int(imageCount);
        add(6, '<figure>');
        add(8, `<img src="/img/photo-${j}.png" srcset="/img/photo-${j}.png 1x, /img/photo-${j}@2x.png 2x" alt="${sentence(rand, 4)}" loading="lazy">`);
        add(8, `<figcaption>${sentence(rand, 8)}</figcaption>`);
        add(6, '</figure>');
      }
      // Defects go into the middle sections, each on its own line, so the ground truth has exact positions.
      if (s === 2) {
        for (const defectClass of plannedHere) {
          const n = serial++;
          const indent = 8;
          add(6, '<p>');
          if (defectClass === 'broken-page-link') {
            const marker = `missing-page-${n}`;
            const href = `/${page.section}/${page.group}/${marker}/`;
            const line = add(indent, `<a href="${href}">${sentence(rand, 3)}</a>`);
            defectLink(defectClass, href, marker, line, indent + 1);
          } else if (defectClass === 'broken-fragment-same-page') {
            const marker = `gone-here-${n}`;
            const href = `#${marker}`;
            const line = add(indent, `<a href="${href}">${sentence(rand, 3)}</a>`);
            defectLink(defectClass, href, marker, line, indent + 1);
          } else if (defectClass === 'broken-fragment-cross-page') {
            const marker = `gone-there-${n}`;
            const target = pick(articles.filter((other) => other !== page).slice(0, 200));
            const href = `${target.url}#${marker}`;
            const line = add(indent, `<a href="${href}">${sentence(rand, 3)}</a>`);
            defectLink(defectClass, href, marker, line, indent + 1);
          } else if (defectClass === 'missing-image-src') {
            const marker = `absent-src-${n}`;
            const href = `/img/${marker}.png`;
            const line = add(indent, `<img src="${href}" alt="${sentence(rand, 3)}">`);
            defectLink(defectClass, href, marker, line, indent + 1);
          } else {
            const marker = `absent-srcset-${n}`;
            const href = `/img/${marker}@2x.png`;
            const j = int(imageCount);
            const line = add(indent, `<img src="/img/photo-${j}.png" srcset="/img/photo-${j}.png 1x, ${href} 2x" alt="${sentence(rand, 3)}">`);
            defectLink(defectClass, href, marker, line, indent + 1);
          }
          add(6, '</p>');
        }
      }
    }
    add(4, '</article>');
    add(4, '<aside class="toc">');
    add(6, '<ul>');
    for (const id of IDS) add(8, `<li><a href="#${id}">${cap(id)}</a></li>`);
    add(6, '</ul>');
    add(4, '</aside>');
    add(2, '</main>');
    add(2, '<footer class="site-footer">');
    add(4, '<ul>');
    for (const item of footer) add(6, `<li><a href="${item.url}">${item.text}</a></li>`);
    add(4, '</ul>');
    add(4, `<p>&copy; 2026 Example Docs. ${sentence(rand, 10)}</p>`);
    add(2, '</footer>');
    add(0, '</body>');
    add(0, '</html>');
    await write(page.file, `${lines.join('\n')}\n`);
  }
  await write('assets/site.css', 'body { font-family: system-ui; }\n');
  await write('assets/app.js', 'document.documentElement.classList.add("js");\n');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await write('favicon.ico', png);
  for (const asset of assets) if (asset.startsWith('img/')) await write(asset, png);
  await flush();

  return { pages: pages.length, seed, files: pages.length + assets.length, bytes, defects };
}

/** Siblings in the same group get a relative href (`../page-3/`, `page-3.html`); the rest are root-relative. */
function relativeOrAbsolute(from: Page, to: Page): string {
  if (from.section !== to.section || from.group !== to.group || from.kind === 'group') {
    if (from.kind === 'group' && from.section === to.section && from.group === to.group) {
      // A listing at /s/g/ links its members as `page-3/` or `page-3.html`.
      return to.url.slice(from.url.length);
    }
    return to.url;
  }
  const name = to.url.slice(`/${to.section}/${to.group}/`.length);
  // From /s/g/page-1/ siblings are one level up; from /s/g/page-1.html they are alongside.
  return from.url.endsWith('/') ? `../${name}` : name;
}

function sentence(rand: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  return `${cap(parts.join(' '))}.`;
}

function cap(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}
