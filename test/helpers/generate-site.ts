import { seededRandom as random } from './seeded-random.js';

/**
 * A deterministic generated site with seeded defects and their ground truth
 * (`file:line:col rule-id target`), for end-to-end recall tests.
 */
export interface GeneratedSite {
  files: Record<string, string>;
  /** Every seeded defect as `file:line:col rule-id target`, sorted. */
  truth: string[];
}

/**
 * Generate `count` pages in both output shapes (`section/n/index.html` and
 * `section/n.html`), each with nav, body links (some with fragments),
 * images with srcset, and seeded defects of every class the core rules find.
 */
export function generateSite(count: number, seed = 1): GeneratedSite {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const pages = Array.from({ length: count }, (_, index) => {
    const section = `s${index % 7}`;
    const directory = index % 3 !== 0;
    const file = index === 0 ? 'index.html' : directory ? `${section}/p${index}/index.html` : `${section}/p${index}.html`;
    const url = index === 0 ? '/' : directory ? `/${section}/p${index}/` : `/${section}/p${index}`;
    return { file, url, ids: [`intro-${index}`, `part-${index}`] };
  });
  const files: Record<string, string> = { 'img/a.png': 'png', 'img/a@2x.png': 'png', 'style.css': '' };
  const truth: string[] = [];

  for (const [index, page] of pages.entries()) {
    const lines = ['<!doctype html>', '<html lang="en">', `<head><title>Page ${index}</title><link rel="stylesheet" href="/style.css"></head>`, '<body>'];
    const add = (html: string, defect?: { rule: string; target: string }): void => {
      lines.push(html);
      if (defect) truth.push(`${page.file}:${lines.length}:1 ${defect.rule} ${defect.target}`);
    };
    add(`<nav><a href="/">Home</a> <a href="${pages[1 % count]!.url}">First</a></nav>`);
    add(`<h1 id="${page.ids[0]}">Page ${index}</h1>`);
    for (let link = 0; link < 8; link++) {
      const target = pick(pages);
      const noSlash = target.url.length > 1 ? target.url.replace(/\/$/, '') : target.url;
      const href = next() < 0.3 ? `${noSlash}#${pick(target.ids)}` : next() < 0.5 ? noSlash : target.url;
      add(`<a href="${href}">link ${link}</a>`);
    }
    add(`<img src="/img/a.png" srcset="/img/a.png 1x, /img/a@2x.png 2x" alt="a">`);
    add(`<h2 id="${page.ids[1]}">Part</h2>`);
    // Seeded defects, about one page in four of each class.
    const roll = next();
    if (roll < 0.25) add(`<a href="/missing-${index}/">gone</a>`, { rule: 'broken-internal-link', target: `/missing-${index}/` });
    if (next() < 0.25) add(`<a href="#nowhere-${index}">here</a>`, { rule: 'broken-fragment', target: `${page.url}#nowhere-${index}` });
    if (next() < 0.25) {
      const target = pick(pages);
      const slashless = target.url.length > 1 && next() < 0.5 ? target.url.replace(/\/$/, '') : target.url;
      add(`<a href="${slashless}#absent">there</a>`, { rule: 'broken-fragment', target: `${slashless}#absent` });
    }
    if (next() < 0.25) add(`<img src="/img/missing-${index}.png" alt="m">`, { rule: 'broken-internal-link', target: `/img/missing-${index}.png` });
    if (next() < 0.25) add(`<img src="/img/a.png" srcset="/img/a.png 1x, /img/gone-${index}.png 2x" alt="s">`, { rule: 'broken-internal-link', target: `/img/gone-${index}.png` });
    lines.push('</body>', '</html>');
    files[page.file] = lines.join('\n');
  }
  return { files, truth: truth.sort() };
}
