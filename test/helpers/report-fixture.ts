import type { Options } from '../../src/options.js';
import type { Result } from '../../src/types.js';
import { page, runSite } from './run-site.js';
import { rulesOff } from './rules-off.js';

/**
 * A small site with every kind of thing a report must carry: broken links
 * and fragments, a repeated broken link, a finding with a Markdown source
 * location, site strings that need escaping (an XSS title, `|`, `%`, `,`,
 * `:` and `<` in hrefs and anchor text), an orphan page and an island of
 * two pages that only link each other.
 *
 * Only the two link rules run, so the reports stay the same as rules are
 * added.
 */
export const reportSite: Record<string, string> = {
  'index.html': page(
    '<nav><a href="/">Home</a> <a href="/about/">About</a> <a href="/blog/">Blog</a></nav>' +
      '<main><p>Read <a href="/abuot/">our story</a> and <a href="/blog/first-post/#teams">the team</a>.</p></main>',
  ),
  'about/index.html':
    '<!doctype html><html lang="en"><head><title><script>alert(1)</script></title></head><body>' +
    '<nav><a href="/">Home</a> <a href="/about/">About</a> <a href="/blog/">Blog</a></nav>' +
    '<main><h1 id="team">Team</h1><p><a href="/a%25b,c:d/">50%, a|b <b>&lt;img src=x onerror=alert(2)&gt;</b></a>' +
    ' <a href="/&lt;img src=x onerror=alert(3)&gt;/">x</a></p></main></body></html>',
  'blog/index.html': page(
    '<nav><a href="/">Home</a> <a href="/about/">About</a> <a href="/blog/">Blog</a></nav>' +
      '<main><a href="/blog/first-post/">First post</a> <a href="/missing/">gone</a>\n<a href="/missing/">gone</a></main>',
  ),
  'blog/first-post/index.html': page(
    '<nav><a href="/">Home</a> <a href="/about/">About</a> <a href="/blog/">Blog</a></nav>' +
      '<main><h1 id="team">Post</h1><a href="/about/#teams">the team</a></main>',
  ),
  'orphan/index.html': page('<main><p>Nobody links here. <a href="/">Home</a></p></main>'),
  'island/a/index.html': page('<main><a href="/island/b/">to b</a></main>'),
  'island/b/index.html': page('<main><a href="/island/a/">to a</a> <a href="/island/c/">to c</a></main>'),
};

/** The options the fixture runs with: only the link rules, one as a warning. */
export const reportOptions: Options = { rules: { ...rulesOff(), 'broken-internal-link': 'error', 'broken-fragment': 'warn' } };

/** Run the fixture site, then give one finding a Markdown source location and the run a warning. */
export async function reportResult(): Promise<Result> {
  const result = await runSite(reportSite, reportOptions);
  const onPost = result.findings.find((finding) => finding.page === '/blog/first-post/');
  if (onPost) onPost.origin = { file: 'src/content/blog/first-post.md', line: 12, column: 3, endLine: 12, endColumn: 30 };
  result.warnings.push('Cannot check `broken.html`: invalid UTF-8');
  return result;
}
