import { describe, expect, it } from 'vitest';
import { islandSite, multilingualSite, navigationHeavySite, paginatedBlog, sitemapSite } from '../fixtures/graph-sites.js';
import { runSite } from '../helpers/run-site.js';

/** The link-graph rules, every one switched on. */
const GRAPH_RULES = ['orphan-page', 'unreachable-page', 'content-orphan', 'click-depth', 'single-inlink', 'dead-end-page', 'nofollow-internal', 'sitemap-mismatch'];

async function graphFindings(site: Record<string, string>, options: Record<string, unknown> = {}): Promise<string[]> {
  const rules = Object.fromEntries(GRAPH_RULES.map((id) => [id, 'warn']));
  const result = await runSite(site, { ...options, rules: { 'broken-internal-link': 'off', 'broken-fragment': 'off', ...rules } });
  return result.findings.filter((finding) => GRAPH_RULES.includes(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.page}`);
}

describe('the link-graph rules on the fixture sites', () => {
  it('fire only on the seeded pages of the navigation-heavy site', async () => {
    expect(await graphFindings(navigationHeavySite())).toEqual(['content-orphan /contact/', 'orphan-page /thanks/']);
  });

  it('call the island unreachable, not orphaned', async () => {
    expect(await graphFindings(islandSite())).toEqual(['single-inlink /a/', 'single-inlink /island/one/', 'unreachable-page /island/one/', 'single-inlink /island/two/', 'unreachable-page /island/two/']);
  });

  it('find no deep pages in the paginated blog', async () => {
    const findings = await graphFindings(paginatedBlog());
    expect(findings.filter((finding) => !finding.startsWith('single-inlink'))).toEqual([]);
  });

  it('find only the isolated translations of the multilingual site', async () => {
    expect(await graphFindings(multilingualSite())).toEqual([
      'single-inlink /about/',
      'dead-end-page /de/alt/',
      'orphan-page /de/alt/',
      'single-inlink /de/produkte/',
      'dead-end-page /en/old/',
      'orphan-page /en/old/',
    ]);
  });

  it('find the sitemap mismatches of the sitemap site', async () => {
    const findings = await graphFindings(sitemapSite(), { site: 'https://example.com' });
    expect(findings.filter((finding) => finding.startsWith('sitemap-mismatch'))).toEqual([
      'sitemap-mismatch /b/',
      'sitemap-mismatch /gone/',
      'sitemap-mismatch /private/',
      'sitemap-mismatch /old/',
      'sitemap-mismatch /copy/',
    ]);
  });
});
