import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { capYoungGeneration } from '../../src/node/young-generation.js';

const run = promisify(execFile);
const moduleUrl = new URL(`file://${path.resolve('dist/node/young-generation.js')}`).href;

/**
 * The size of V8's young generation (both semi-spaces, MiB) in a child Node
 * process that keeps two million small objects, made in chunks with a turn
 * of the event loop between them, as the CLI keeps page records while it
 * reads them. The child runs with `--max-semi-space-size=64`, so that V8
 * would grow it past 16 MiB semi-spaces on any machine; `call` is how it
 * calls `capYoungGeneration` first, if at all (`''` as its flags: as if Node
 * had been started without that flag).
 */
async function youngGenerationAfterRetaining(call: 'none' | 'default' | 'without flags'): Promise<{ capped: boolean | null; mib: number; kept: number }> {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    const { capYoungGeneration } = await import(${JSON.stringify(moduleUrl)});
    const call = ${JSON.stringify(call)};
    const capped = call === 'none' ? null : call === 'default' ? capYoungGeneration() : capYoungGeneration(16, '');
    const kept = [];
    for (let chunk = 0; chunk < 100; chunk++) {
      for (let i = 0; i < 20000; i++) kept.push({ index: i, name: 'page-' + chunk + '-' + i });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(JSON.stringify({ capped, mib: space.space_size / 2 ** 20, kept: kept.length }));
  `;
  const { stdout } = await run(process.execPath, ['--max-semi-space-size=64', '--input-type=module', '-e', script], { env: { ...process.env, NODE_OPTIONS: '' } });
  return JSON.parse(stdout) as { capped: boolean | null; mib: number; kept: number };
}

describe('capYoungGeneration', () => {
  it('stops the young generation at 16 MiB semi-spaces, where V8 would grow it further', async () => {
    const [uncapped, capped] = await Promise.all([youngGenerationAfterRetaining('none'), youngGenerationAfterRetaining('without flags')]);
    // Without the cap V8 doubles the young generation past the limit while most objects survive.
    expect(uncapped.mib).toBeGreaterThan(32);
    expect(capped).toEqual({ capped: true, mib: 32, kept: 2_000_000 });
  }, 30_000);

  it('leaves a semi-space size given to Node alone', async () => {
    expect(capYoungGeneration(16, '--max-semi-space-size=64')).toBe(false);
    expect(capYoungGeneration(16, ' --max_semi_space_size=8')).toBe(false);
    expect(capYoungGeneration(16, '--min-semi-space-size=4 --stack-size=2000')).toBe(false);
    const withFlag = await youngGenerationAfterRetaining('default');
    expect(withFlag.capped).toBe(false);
    expect(withFlag.mib).toBeGreaterThan(32);
  }, 30_000);
});
