import { access } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, findingLine } from './build-fixture.js';

/** A vendor site on loopback: `/docs` answers 200, anything else 404. */
let server: Server;
let requests = 0;
beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    response.writeHead(request.url === '/docs' ? 200 : 404, { 'content-type': 'text/html' }).end('<p>vendor</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env['LINKGRAPH_TEST_VENDOR'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  delete process.env['LINKGRAPH_TEST_VENDOR'];
  delete process.env['LINKGRAPH_OFFLINE'];
  await new Promise((resolve) => server.close(resolve));
});

// The loopback server stands in for another host, so its address is not the defect here.
const rules = { 'localhost-link': 'off' } as const;

describe('astro: outbound links', () => {
  it('with outbound checks on and offline mode set, the build is green and says external links were not checked', async () => {
    process.env['LINKGRAPH_OFFLINE'] = '1';
    requests = 0;
    const built = await buildFixture('external', { external: true, rules });
    try {
      expect(built.error).toBeUndefined();
      expect(requests).toBe(0);
      expect(built.report.findings).toEqual([]);
      expect((built.report.summary as unknown as { external: unknown }).external).toEqual({ checked: false, reason: 'offline mode' });
    } finally {
      delete process.env['LINKGRAPH_OFFLINE'];
      await built.cleanup();
    }
  });

  it('checks them over HTTP when online, fails on the broken one, and caches under Astro cacheDir', async () => {
    requests = 0;
    const built = await buildFixture('external', { external: { enabled: true, interval: 0 }, rules });
    try {
      expect(built.error).toBeDefined();
      expect(requests).toBeGreaterThanOrEqual(2);
      expect(built.report.findings.map(findingLine)).toEqual([
        expect.stringMatching(/^dist\/index.html:\d+:\d+ broken-external-link External link to `http:\/\/127.0.0.1:\d+\/gone` is broken: not found \(404\)$/),
      ]);
      await expect(access(path.join(built.outDir, '..', 'cache', 'linkgraph', 'external.json'))).resolves.toBeUndefined();
    } finally {
      await built.cleanup();
    }
  });
});
