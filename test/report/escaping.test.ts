import { describe, expect, it } from 'vitest';
import { escapeControls, escapeLineStart } from '../../src/report/escape-controls.js';
import { formats } from '../../src/report/formats.js';
import { formatGithubSummary } from '../../src/report/github.js';
import { xml } from '../../src/report/junit.js';
import { cell } from '../../src/report/markdown.js';
import { render } from '../../src/report/render.js';
import type { Result } from '../../src/types.js';
import { page, runSite } from '../helpers/run-site.js';

describe('escaping of site strings', () => {
  it('markdown cells stay one cell and never become markup', () => {
    expect(cell('a | b\nc')).toBe('a \\| b\\x0ac');
    expect(cell('<img src=x onerror=alert(1)> & `<code>|`')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; `<code>\\|`');
  });

  it('xml escapes markup, quotes and characters XML cannot hold', () => {
    expect(xml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xml('a\u0000b\u001Fc\uD800d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(xml('line\nbreak')).toBe('line&#10;break');
    expect(xml('line\nbreak', false)).toBe('line\nbreak');
    expect(xml('😀')).toBe('😀');
  });
});

describe('control characters in human-readable reports', () => {
  it.each([
    ['plain text', 'plain text'],
    ['ESC and BEL', 'a\u001B[2Jb\u0007', 'a\\x1b[2Jb\\x07'],
    ['line breaks and tab', 'a\nb\r\nc\td', 'a\\x0ab\\x0d\\x0ac\\x09d'],
    ['NUL, DEL and C1 (CSI, NEL)', '\u0000\u007F\u009B\u0085', '\\x00\\x7f\\x9b\\x85'],
    ['the legacy workflow-command marker', 'x ##[add-mask]y ###[z', 'x ##\\x5badd-mask]y ###\\x5bz'],
    ['text that only looks like an escape or a command', '\\x1b ::error:: # [', '\\x1b ::error:: # ['],
    ['characters past C1', 'é ü 😀 \u00A0', 'é ü 😀 \u00A0'],
  ])('escapeControls: %s', (_name, input, expected = input) => {
    expect(escapeControls(input)).toBe(expected);
  });

  it.each([
    ['::error::x', '\\x3a:error::x'],
    ['   ::warning::y', '   \\x3a:warning::y'],
    // An escaped tab no longer counts as the whitespace the runner trims.
    [' \t ::warning::y', ' \\x09 ::warning::y'],
    ['\u00A0::notice::z', '\u00A0\\x3a:notice::z'],
    [':single', ':single'],
    ['a::b', 'a::b'],
    ['\n::error::x', '\\x0a::error::x'],
  ])('escapeLineStart(%j)', (input, expected) => {
    expect(escapeLineStart(input)).toBe(expected);
  });

  /** Hrefs, fragments, anchor texts and file names carrying terminal and workflow-command payloads. */
  const hostileSite: Record<string, string> = {
    'index.html': page(
      '<main><p><a href="/clear%1B[2J/">a</a> <a href="#%07bell">b</a> <a href="/nl%0A::error::INJECTED/">c</a>' +
        ' <a href="/cr%0D::warning::y/">d</a> <a href="##[add-mask]secret">e</a> <a href="/csi%C2%9B31m/">f</a></p>' +
        '<p><a href="/">two\u0085targets\u009B</a> <a href="/osc\u001B]0;title\u0007/">two\u0085targets\u009B</a></p></main>',
    ),
    'esc\u001B[31mred.html': page('<a href="/">home</a>'),
    '::error::file.html': page('<a href="/">home</a>'),
  };
  const raw = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

  it('the hostile site has the findings that carry every payload, and JSON keeps them exact', async () => {
    const result = await runSite(hostileSite, { rules: { 'anchor-collision': 'warn' } });
    const messages = result.findings.map((finding) => finding.message).join('\n');
    for (const payload of ['\u001B[2J', '\u0007bell', '\n::error::INJECTED', '\r::warning::y', '##[add-mask]', '\u009B31m', 'two\u0085targets\u009B', '\u001B[31mred', '/::error::file']) expect(messages).toContain(payload);
    expect(result.findings.some((finding) => finding.file === 'esc\u001B[31mred.html')).toBe(true);
    const json = render('json', result);
    expect(json.ok && JSON.parse(json.output).findings.map((finding: { message: string }) => finding.message).join('\n')).toBe(messages);
  });

  const human: [string, (result: Result) => string][] = [
    ['text', (result) => formats.text(result, {})],
    ['text in a site directory, coloured', (result) => formats.text(result, { siteDir: 'dist', color: true }).replace(/\u001B\[\d+m/g, '')],
    ['markdown', (result) => formats.markdown(result, {})],
    ['github', (result) => formats.github(result, {})],
    ['github job summary', (result) => formatGithubSummary(result, {})],
    ['junit', (result) => formats.junit(result, {})],
  ];
  it.each(human)('%s: no raw control character, no `##[`, no line a workflow command but its own annotations', async (name, format) => {
    const result = await runSite(hostileSite, { rules: { 'anchor-collision': 'warn' } });
    const output = format(result);
    expect(output).not.toMatch(raw);
    expect(output).not.toContain('##[');
    const commands = output.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith('::'));
    // The github format's own lines are one annotation per finding, each a whole line.
    expect(commands).toHaveLength(name === 'github' ? result.findings.length : 0);
    for (const line of commands) expect(line).toMatch(/^::(error|warning|notice) file=[^:,]*(,(line|col|endLine|endColumn)=\d+)*,title=linkgraph [a-z-]+::/);
  });

  it('a reporter error that quotes site text is escaped too', async () => {
    const result = await runSite(hostileSite);
    const broken = { ...result, findings: [Object.defineProperty({ ...result.findings[0]! }, 'page', { get: () => { throw new Error('bad \u001B[2J page'); } })] };
    expect(render('text', broken)).toEqual({ ok: false, error: 'The `text` report failed: bad \\x1b[2J page' });
  });
});
