import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCache } from '../../src/external/cache.js';
import { cacheFileOf, createExternalChecker } from '../../src/external/create-checker.js';
import type { ExternalRequest, ExternalResults } from '../../src/engine/external-stage.js';
import { resolveOptions } from '../../src/options.js';
import { reply, startServer, type TestServer } from '../helpers/http-server.js';

let server: TestServer;
let dir: string;
let failing = true;

beforeAll(async () => {
  server = await startServer({
    '/ok': reply(200),
    '/moved': reply(301, { location: '/ok' }),
    '/missing': reply(404),
    '/page': reply(200, { 'content-type': 'text/html' }, '<h2 id="a">A</h2>'),
    '/sometimes': (_request, response) => void response.writeHead(failing ? 404 : 200).end(),
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'linkgraph-cache-'));
  server.log.length = 0;
  return () => rm(dir, { recursive: true, force: true });
});

function run(requests: readonly ExternalRequest[], external: Record<string, unknown> = {}): Promise<ExternalResults> {
  const options = resolveOptions({ external: { enabled: true, interval: 0, retries: 0, cache: { dir }, ...external } }).external;
  return createExternalChecker(options, { env: {} })(requests);
}
const at = (...paths: string[]): ExternalRequest[] => paths.map((item) => ({ url: `${server.origin}${item}`, fragments: [] }));
const file = (): string => path.join(dir, 'external.json');

describe('the external link cache', () => {
  it('lives in node_modules/.cache/linkgraph of the project, or the host cache dir, or the configured dir', () => {
    const options = (external: unknown) => resolveOptions({ external }).external;
    expect(cacheFileOf(options(true), { cwd: '/project' })).toBe('/project/node_modules/.cache/linkgraph/external.json');
    expect(cacheFileOf(options(true), { cwd: '/project', cacheDir: '/project/node_modules/.astro' })).toBe('/project/node_modules/.astro/external.json');
    expect(cacheFileOf(options({ cache: { dir: '.cache' } }), { cwd: '/project', cacheDir: '/x' })).toBe('/project/.cache/external.json');
    expect(cacheFileOf(options({ cache: false }), { cwd: '/project' })).toBeUndefined();
  });

  it('a hit makes no request; errors are never cached', async () => {
    const first = await run(at('/ok', '/moved', '/missing'));
    expect([...first.statuses.values()].map((status) => status.state)).toEqual(['ok', 'redirected', 'broken']);
    const requests = server.log.length;
    const second = await run(at('/ok', '/moved', '/missing'));
    expect(second.statuses.get(`${server.origin}/ok`)).toEqual({ state: 'ok', status: 200, cached: true });
    expect(second.statuses.get(`${server.origin}/moved`)).toEqual({ state: 'redirected', status: 301, location: `${server.origin}/ok`, cached: true });
    expect(server.log.slice(requests)).toEqual(['HEAD /missing', 'GET /missing']);
    const { data } = await loadCache(file());
    expect(Object.keys(data.entries).sort()).toEqual([`${server.origin}/moved`, `${server.origin}/ok`]);
  });

  it('is keyed by the URL requested: another URL is a miss', async () => {
    await run(at('/ok'));
    server.log.length = 0;
    await run(at('/ok', '/page'));
    expect(server.log).toEqual(['HEAD /page']);
  });

  it('an expired entry is checked again', async () => {
    await run(at('/ok'));
    const data = JSON.parse(await readFile(file(), 'utf8')) as { entries: Record<string, { checkedAt: number }> };
    data.entries[`${server.origin}/ok`]!.checkedAt -= 2 * 86_400_000;
    await writeFile(file(), JSON.stringify(data));
    server.log.length = 0;
    const results = await run(at('/ok'));
    expect(server.log).toEqual(['HEAD /ok']);
    expect(results.statuses.get(`${server.origin}/ok`)).toEqual({ state: 'ok', status: 200 });
    // The TTL is configurable: with one of a week the old entry would still serve.
    server.log.length = 0;
    await run(at('/ok'), { cache: { dir, ttl: '7d' } });
    expect(server.log).toEqual([]);
  });

  it('an entry without ids does not answer a fragment check', async () => {
    await run(at('/page'));
    server.log.length = 0;
    const results = await run([{ url: `${server.origin}/page`, fragments: ['a'] }]);
    expect(server.log).toEqual(['GET /page']);
    server.log.length = 0;
    const again = await run([{ url: `${server.origin}/page`, fragments: ['b'] }]);
    expect(server.log).toEqual([]);
    const status = again.statuses.get(`${server.origin}/page`);
    expect(status?.state === 'ok' && status.cached && [...(status.ids ?? [])]).toEqual(['a']);
    expect(results.statuses.get(`${server.origin}/page`)).toMatchObject({ state: 'ok' });
  });

  it('a corrupt cache is ignored with a warning, then rewritten', async () => {
    await writeFile(file(), '{"version": 1, "entries": [oops');
    const results = await run(at('/ok'));
    expect(results.warnings).toEqual([expect.stringMatching(/^The external link cache `.*external\.json` is corrupt \(.*\); ignoring it and checking every URL again$/)]);
    expect(results.statuses.get(`${server.origin}/ok`)).toEqual({ state: 'ok', status: 200 });
    expect((await loadCache(file())).warning).toBeUndefined();
    await writeFile(file(), JSON.stringify({ version: 99, entries: {}, failures: {} }));
    expect((await run(at('/ok'))).warnings).toHaveLength(1);
  });

  it('writes atomically, leaving no temporary file', async () => {
    await run(at('/ok', '/moved'));
    expect(await readdir(dir)).toEqual(['external.json']);
  });

  it('a failure becomes an error only after the grace period (runs), and success clears the history', async () => {
    failing = true;
    const grace = { grace: { runs: 2 } };
    const first = await run(at('/sometimes'), grace);
    expect(first.statuses.get(`${server.origin}/sometimes`)).toMatchObject({ state: 'broken', pending: { runs: 1 } });
    const second = await run(at('/sometimes'), grace);
    expect(second.statuses.get(`${server.origin}/sometimes`)).toEqual({ state: 'broken', status: 404, reason: 'not found (404)' });
    failing = false;
    await run(at('/sometimes'), grace);
    expect((await loadCache(file())).data.failures).toEqual({});
    // Within the TTL the success stands, even if the server fails again.
    failing = true;
    const after = await run(at('/sometimes'), grace);
    expect(after.statuses.get(`${server.origin}/sometimes`)).toEqual({ state: 'ok', status: 200, cached: true });
  });

  it.each([
    ['runs', { cache: false, grace: { runs: 2 } }, true],
    ['days', { cache: false, grace: { days: 0.5 } }, true],
    ['and in offline mode', { cache: false, grace: { runs: 2 }, offline: true }, true],
    ['not with the cache on', { grace: { runs: 2 } }, false],
    ['not without grace', { cache: false }, false],
  ])('grace without the cache is named in one warning: %s', async (_, external, warned) => {
    const warnings = (await run(at('/ok'), external)).warnings ?? [];
    expect(warnings).toEqual(warned ? ['`external.grace` has no effect while `external.cache` is `false`: the failures it counts are kept in the cache, so a broken external link is an error at once'] : []);
  });

  it('grace by days counts from the first failure', async () => {
    failing = true;
    await run(at('/sometimes'), { grace: { days: 3 } });
    const data = JSON.parse(await readFile(file(), 'utf8')) as { failures: Record<string, { since: number }> };
    data.failures[`${server.origin}/sometimes`]!.since -= 4 * 86_400_000;
    await writeFile(file(), JSON.stringify(data));
    const later = await run(at('/sometimes'), { grace: { days: 3 } });
    expect(later.statuses.get(`${server.origin}/sometimes`)).not.toHaveProperty('pending');
  });
});
