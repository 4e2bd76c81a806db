import { describe, expect, it } from 'vitest';
import { xml } from '../../src/report/junit.js';
import { cell } from '../../src/report/markdown.js';

describe('escaping of site strings', () => {
  it('markdown cells stay one cell and never become markup', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
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
