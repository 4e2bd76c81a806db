import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixture, findingLine, type FixtureBuild } from './build-fixture.js';

describe('astro: content collection with front matter', () => {
  let built: FixtureBuild;
  afterAll(() => built?.cleanup());

  it('reports Markdown links at their exact source line and fails the build', async () => {
    built = await buildFixture('collection');
    console.log(built.report.findings.map(findingLine));
    expect(built.error).toBeDefined();
  });
});
