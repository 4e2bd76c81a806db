import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSite } from '../bench/generate-site.js';
import type * as CollectPagesModule from '../src/node/collect-pages.js';
import type * as ReadSiteModule from '../src/node/read-site.js';
import type * as TextIndexModule from '../src/graph/text-index.js';
import type * as TextIndexerModule from '../src/node/text-indexer.js';

// Workers run compiled modules only: these tests use the build, as the CLI does.
const dist = async <T>(file: string): Promise<T> => (await import(path.resolve('dist', file))) as T;

describe('textIndexInWorker', () => {
  it('builds in a worker the index this thread builds, for a closed and an open vocabulary', async () => {
    const site = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-index-'));
    try {
      await generateSite(site, 120, 9);
      const { collectHere } = await dist<typeof CollectPagesModule>('node/collect-pages.js');
      const { buildTextIndex } = await dist<typeof TextIndexModule>('graph/text-index.js');
      const { textIndexInWorker } = await dist<typeof TextIndexerModule>('node/text-indexer.js');
      const { listSite } = await dist<typeof ReadSiteModule>('node/read-site.js');
      const listing = await listSite(site);
      const entries = listing.files.filter((file) => file.endsWith('.html')).map((file) => ({ file, url: `/${file}` }));
      const pages = collectHere(listing.root, entries, {}, []);
      expect(pages.length).toBeGreaterThan(100);
      for (const targets of [new Set([3, 17, 40]), new Set(pages.map((_, id) => id))]) {
        const indexer = textIndexInWorker();
        try {
          const there = await indexer.build(pages, targets);
          expect(there).toStrictEqual(buildTextIndex(pages, targets));
        } finally {
          indexer.close();
        }
      }
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });

  it('is used up to 64 Mi characters of page text, the copy a worker is sent', async () => {
    const { indexesInWorker } = await dist<typeof TextIndexerModule>('node/text-indexer.js');
    const page = (text?: string) => ({ url: '/', title: 'Home', headings: [], ...(text === undefined ? {} : { text }) });
    const half = 'a'.repeat(2 ** 25);
    expect(indexesInWorker([page(half), page(), page(half)])).toBe(true);
    expect(indexesInWorker([page(half), page(half), page('b')])).toBe(false);
  });

  it('fails, and says why, when the worker stops before answering or cannot start', async () => {
    const { textIndexInWorker } = await dist<typeof TextIndexerModule>('node/text-indexer.js');
    const page = { url: '/', title: 'Home', headings: [], text: 'Some words here.' };
    const stopping = textIndexInWorker(new URL('./helpers/exiting-worker.mjs', import.meta.url));
    await expect(stopping.build([page], new Set([0]))).rejects.toThrow('the worker stopped (exit code 3)');
    stopping.close();
    const missing = textIndexInWorker(new URL('./helpers/no-such-worker.mjs', import.meta.url));
    await expect(missing.build([page], new Set([0]))).rejects.toThrow(/no-such-worker/);
    missing.close();
  });
});
