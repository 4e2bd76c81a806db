import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `astro dev` of the playground, run as an author runs it: used by the dev
 * toolbar's browser test, its benchmark and the README's screenshot.
 */

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PLAYGROUND = path.join(REPO, 'playground');
const ASTRO = path.join(REPO, 'node_modules/astro/bin/astro.mjs');

/**
 * The environment Astro runs in: no request leaves the machine (no update
 * check, no telemetry), the build does not fail on the playground's
 * defects, and none of Vitest's variables (Vite reads them, and then its
 * dependency optimiser never finishes) nor its `NODE_ENV`.
 */
export const ASTRO_ENV: Record<string, string> = {
  ...(Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value !== undefined && !/^(?:VITEST|TEST$|NODE_ENV$)/.test(name))) as Record<string, string>),
  ASTRO_DISABLE_UPDATE_CHECK: 'true',
  ASTRO_TELEMETRY_DISABLED: '1',
  LINKGRAPH_FAIL_ON: 'never',
};

/**
 * A copy of the playground in the system's temp folder, with a
 * node_modules of links to this repository's packages and `linkgraph`
 * linked to this checkout (its `dist`): Astro's and Vite's caches stay the
 * copy's own.
 *
 * @param config rewrites the copy's `astro.config.mjs` text (to set options).
 */
export async function playgroundCopy(config: (text: string) => string = (text) => text): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'linkgraph-playground-'));
  await cp(PLAYGROUND, root, { recursive: true, filter: (source) => !/[/\\](dist|\.astro|\.linkgraph|node_modules)$/.test(source) });
  const configFile = path.join(root, 'astro.config.mjs');
  await writeFile(configFile, config(await readFile(configFile, 'utf8')));
  const modules = path.join(root, 'node_modules');
  await mkdir(modules);
  for (const name of await readdir(path.join(REPO, 'node_modules'))) {
    if (name === 'linkgraph' || name.startsWith('.')) continue;
    await symlink(path.join(REPO, 'node_modules', name), path.join(modules, name));
  }
  await symlink(REPO, path.join(modules, 'linkgraph'));
  return root;
}

/** Run the astro CLI in `root` to the end (`build`), throwing with its output when it fails. */
export function astro(root: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO, ...args], { cwd: root, env: ASTRO_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

/** A free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running `astro dev`. */
export interface DevServer {
  origin: string;
  /** What it printed. */
  output(): string;
  stop(): Promise<void>;
}

/** Start `astro dev` in `root` on 127.0.0.1; resolves once it answers. */
export async function startDev(root: string): Promise<DevServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [ASTRO, 'dev', '--host', '127.0.0.1', '--port', String(port)], { cwd: root, env: ASTRO_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server: DevServer = { origin, output: () => output, stop: () => stop(child) };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`astro dev exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${origin}/`, { signal: AbortSignal.timeout(10_000) })).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`astro dev did not answer within a minute:\n${output}`);
}

/** Stop a dev server: politely, then not. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Ask a dev server to check `pathname` as the toolbar app does: over
 * Vite's HMR WebSocket (with the token its client script carries), the
 * `linkgraph:check` event, answered by `linkgraph:report`.
 *
 * @returns the report's data.
 */
export async function askDevServer(origin: string, pathname: string): Promise<Record<string, unknown>> {
  const client = await (await fetch(`${origin}/@vite/client`)).text();
  const token = /wsToken = "([^"]*)"/.exec(client)?.[1] ?? '';
  const id = `ask-${Math.random().toString(36).slice(2)}`;
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/?token=${token}`, 'vite-hmr');
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no linkgraph:report within 60 s')), 60_000);
      socket.onerror = () => reject(new Error('the HMR WebSocket failed'));
      socket.onopen = () => socket.send(JSON.stringify({ type: 'custom', event: 'linkgraph:check', data: { id, path: pathname } }));
      socket.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as { type: string; event?: string; data?: Record<string, unknown> };
        if (data.type === 'custom' && data.event === 'linkgraph:report' && data.data?.['id'] === id) {
          clearTimeout(timer);
          resolve(data.data);
        }
      };
    });
  } finally {
    socket.close();
  }
}
