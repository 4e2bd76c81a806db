import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReportFile } from '../../src/node/write-report.js';
import { chunkedFormats, formats, type FormatName } from '../../src/report/formats.js';
import { jsonChunks } from '../../src/report/json-chunks.js';
import { renderTo } from '../../src/report/render.js';
import type { Result } from '../../src/types.js';
import { reportResult } from '../helpers/report-fixture.js';

describe('jsonChunks', () => {
  const values: [string, unknown][] = [
    ['scalars', [1, 'two', true, null, -0.5]],
    ['empty containers', { a: [], b: {}, c: [[], [{}]] }],
    ['members that serialize to nothing', { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, Symbol('t')], e: 1 }],
    ['toJSON', { when: new Date(0), custom: { toJSON: () => ({ x: [1, 2] }) }, boxed: [new String('s'), new Number(2), new Boolean(false)] }],
    ['strings with line breaks and quotes', { 'key "quoted"\n': ['line\nbreak', 'tab\t', '\u2028'] }],
    ['deep nesting', { a: { b: { c: { d: [{ e: [1, { f: 2 }] }] } } } }],
    ['an object whose members are all skipped', { a: undefined }],
    ['a top-level scalar', 'just a string'],
    ['arrays longer than a slice', { list: Array.from({ length: 600 }, (_, i) => ({ i, nested: { deep: [i, `s${i}`, undefined] } })), flat: Array.from({ length: 513 }, (_, i) => i) }],
  ];
  it.each(values)('equals JSON.stringify(value, null, 2) at every depth: %s', (_name, value) => {
    for (let depth = 0; depth <= 6; depth++) expect([...jsonChunks(value, depth)].join('')).toBe(JSON.stringify(value, null, 2));
  });

  it('opens containers only down to the depth asked, and writes the innermost arrays 64 members a piece', () => {
    const pieces = [...jsonChunks({ list: [{ a: 1 }, { b: 2 }] }, 2)];
    expect(pieces).toEqual(['{\n  "list": ', '[\n    {\n      "a": 1\n    },\n    {\n      "b": 2\n    }', '\n  ]', '\n}']);
    const long = [...jsonChunks({ list: Array.from({ length: 600 }, (_, i) => i) }, 2)];
    expect(long.slice(1, -2).map((piece) => piece.match(/\d+/g)!.length)).toEqual([64, 64, 64, 64, 64, 64, 64, 64, 64, 24]);
  });
});

describe('chunked reports', () => {
  it.each(Object.keys(chunkedFormats) as FormatName[])('%s: the pieces join to the whole report', async (format) => {
    const result = await reportResult();
    const pieces = [...chunkedFormats[format]!(result, { siteDir: 'dist' })];
    expect(pieces.length).toBeGreaterThan(result.findings.length);
    expect(pieces.join('')).toBe(formats[format](result, { siteDir: 'dist' }));
  });

  it('renderTo writes every format whole', async () => {
    const result = await reportResult();
    for (const format of Object.keys(formats) as FormatName[]) {
      const written: string[] = [];
      expect(renderTo(format, result, { siteDir: 'dist' }, (text) => written.push(text))).toBeUndefined();
      expect(written.join('')).toBe(formats[format](result, { siteDir: 'dist' }));
    }
  });
});

describe('writeReportFile', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A result whose second finding throws when a reporter reads its page. */
  async function breakingResult(): Promise<Result> {
    const result = await reportResult();
    const findings = [...result.findings];
    findings[1] = Object.defineProperty({ ...findings[1]! }, 'page', {
      enumerable: true,
      get() {
        throw new Error('page unavailable');
      },
    });
    return { ...result, findings };
  }

  it('writes the report into a new directory', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-write-'));
    const target = path.join(dir, 'nested', 'report.sarif');
    const result = await reportResult();
    expect(await writeReportFile(target, 'sarif', result, {})).toEqual({ status: 'written' });
    expect(await readFile(target, 'utf8')).toBe(formats.sarif(result, {}));
    expect(await readdir(path.dirname(target))).toEqual(['report.sarif']);
  });

  it('keeps the previous report, and leaves no partial file, when the reporter fails', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-write-'));
    const target = path.join(dir, 'report.json');
    await writeFile(target, 'previous');
    expect(await writeReportFile(target, 'json', await breakingResult(), {})).toEqual({ status: 'failed', error: 'The `json` report failed: page unavailable' });
    expect(await readFile(target, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it.each([
    ['a directory', 'dir', /^it is a directory \(EISDIR\)$/],
    ['a path through a file', 'file/report.json', /^a part of the path is not a directory \(ENOTDIR\)$|EEXIST/],
  ])('says why it cannot write %s, leaving everything as it was', async (_name, target, reason) => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-write-'));
    await writeFile(path.join(dir, 'file'), 'kept');
    await mkdir(path.join(dir, 'dir'));
    const written = await writeReportFile(path.join(dir, target), 'json', await reportResult(), {});
    expect(written).toEqual({ status: 'unwritable', reason: expect.stringMatching(reason) });
    expect((await readdir(dir)).sort()).toEqual(['dir', 'file']);
    expect(await readdir(path.join(dir, 'dir'))).toEqual([]);
    expect(await readFile(path.join(dir, 'file'), 'utf8')).toBe('kept');
  });

  it.runIf(process.platform !== 'win32')('writes a device straight through, never replacing it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-write-'));
    const before = await stat('/dev/null');
    expect(await writeReportFile('/dev/null', 'json', await reportResult(), {})).toEqual({ status: 'written' });
    const after = await stat('/dev/null');
    expect([after.isCharacterDevice(), after.ino]).toEqual([true, before.ino]);
  });
});
