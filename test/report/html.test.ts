import { describe, expect, it } from 'vitest';
import { escapeHtml, formatHtml, scriptJson } from '../../src/report/html.js';
import type { Result } from '../../src/types.js';
import { reportResult } from '../helpers/report-fixture.js';

describe('html report', () => {
  it('embeds JSON that no site string can break out of', () => {
    const json = scriptJson({ title: '</script><script>alert(1)</script><!--', text: 'a & b\u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ title: '</script><script>alert(1)</script><!--', text: 'a & b\u2028' });
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is one file that loads nothing from elsewhere', async () => {
    const html = formatHtml(await reportResult(), {});
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(http/i);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`);
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('marks entries, orphans and pages unreachable through followed links', async () => {
    const html = formatHtml(await reportResult(), {});
    const data = JSON.parse(/<script type="application\/json" id="linkgraph-data">(.*?)<\/script>/s.exec(html)![1]!) as { pages: { url: string; entry: boolean; orphan: boolean; unreachable: boolean }[] };
    const status = Object.fromEntries(data.pages.map((page) => [page.url, [page.entry && 'entry', page.orphan && 'orphan', page.unreachable && 'unreachable'].filter(Boolean).join(' ')]));
    expect(status).toEqual({ '/': 'entry', '/about/': '', '/blog/': '', '/blog/first-post/': '', '/island/a/': 'unreachable', '/island/b/': 'unreachable', '/orphan/': 'orphan' });
  });

  it('shows optional page metrics when a stage adds them, and works without a graph', async () => {
    const result = await reportResult();
    const { graph: _graph, ...rest } = result;
    const bare: Result = { ...rest, pages: result.pages.map((page, index) => Object.assign({ ...page }, { depth: index, score: 12.5, indexable: index !== 0 })) };
    const html = formatHtml(bare, {});
    expect(html).toContain('This result carries no link graph.');
    expect(html).toContain('"depth":1,"score":12.5,"indexable":true');
    expect(html).toContain('"edges":[]');
  });

  it('takes reachability from the engine\'s depth and never flags pages outside the page set', async () => {
    const result = await reportResult();
    // As the depth metric would say: /island/a/ unreachable (null), /orphan/ excluded (noindex).
    const pages = result.pages.map((page) =>
      Object.assign({ ...page }, page.url === '/orphan/' ? { depth: null, indexable: false, exclusion: 'noindex' } : { depth: page.url.startsWith('/island/a') ? null : 1, indexable: true }),
    );
    const html = formatHtml({ ...result, pages }, {});
    const data = JSON.parse(/<script type="application\/json" id="linkgraph-data">(.*?)<\/script>/s.exec(html)![1]!) as { pages: { url: string; orphan: boolean; unreachable: boolean }[] };
    expect(data.pages.filter((page) => page.orphan || page.unreachable).map((page) => page.url)).toEqual(['/island/a/']);
  });
});
