import { describe, expect, it } from 'vitest';
import { check } from '../../src/engine/check.js';
import { resolveOptions, type Options } from '../../src/options.js';
import type { UnreadablePage } from '../../src/types.js';
import { line, page } from '../helpers/run-site.js';
import { rulesOff } from '../helpers/rules-off.js';

/** A one-page site with the given pages the host could not read, checked with `unreadable-page` alone (at its default). */
async function run(unreadable: readonly UnreadablePage[], options: Options = {}) {
  const pages = [{ file: 'index.html', url: '/', noindex: false, ids: [], headings: [], links: [] }];
  const { 'unreadable-page': _default, ...others } = rulesOff();
  return check({ pages, unreadable, files: ['index.html', ...unreadable.map((entry) => entry.file)], options: resolveOptions({ ...options, rules: { ...others, ...options.rules } }) });
}

describe('unreadable-page', () => {
  it('says nothing when every page was read', async () => {
    const result = await run([]);
    expect(result.findings).toEqual([]);
    expect(result.failed).toBe(false);
  });

  it.each<[string, UnreadablePage[], string[]]>([
    [
      'a page that cannot be read',
      [{ file: 'locked/index.html', url: '/locked/', reason: "cannot be read: EACCES: permission denied, open 'locked/index.html'" }],
      ["locked/index.html:- unreadable-page `locked/index.html` cannot be read: EACCES: permission denied, open 'locked/index.html'; none of its links were checked"],
    ],
    [
      'pages that cannot be parsed, in file order',
      [
        { file: 'z.html', url: '/z', reason: 'cannot be parsed: Maximum call stack size exceeded' },
        { file: 'b.html', url: '/b', reason: 'cannot be collected: boom' },
      ],
      ['b.html:- unreadable-page `b.html` cannot be collected: boom; none of its links were checked', 'z.html:- unreadable-page `z.html` cannot be parsed: Maximum call stack size exceeded; none of its links were checked'],
    ],
  ])('reports %s, as an error that fails the run', async (_name, unreadable, expected) => {
    const result = await run(unreadable);
    expect(result.findings.map(line)).toEqual(expected);
    expect(result.findings.every((finding) => finding.severity === 'error' && finding.page === unreadable.find((entry) => entry.file === finding.file)?.url)).toBe(true);
    expect(result.failed).toBe(true);
  });

  it('is silenced as any rule is, by its page or its id', async () => {
    const locked = [{ file: 'drafts/a.html', url: '/drafts/a', reason: 'cannot be read: EACCES' }];
    expect((await run(locked, { ignore: { pages: ['/drafts/**'] } })).summary.suppressed).toBe(1);
    expect((await run(locked, { ignore: { rules: ['unreadable-page'] } })).failed).toBe(false);
    expect((await run(locked, { rules: { 'unreadable-page': 'warn' } })).failed).toBe(false);
  });
});
