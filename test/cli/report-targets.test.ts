import { execFileSync, spawn } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync } from 'node:fs';
import { chmod, lstat, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { page } from '../helpers/run-site.js';
import { tempSite } from '../helpers/temp-site.js';

/** A clean site of `count` pages, the index linking every one: its JSON report grows with `count`. */
function cleanSite(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) files[`dist/p${index}/index.html`] = page(`<main><a href="/">Home</a> <a href="/p${(index + 1) % count}/">next</a></main>`);
  files['dist/index.html'] = page(`<main>${Array.from({ length: count }, (_, index) => `<a href="/p${index}/">page ${index}</a>`).join(' ')}</main>`);
  return files;
}

/** A site whose JSON report is tens of MB (many broken fragments, each cheap to find). */
function bigReportSite(): Record<string, string> {
  const files: Record<string, string> = {};
  const links = Array.from({ length: 1000 }, (_, index) => `<a href="#m${index}">g</a>`).join('\n');
  for (let index = 0; index < 100; index++) files[`dist/p${index}.html`] = page(`<main>${links}</main>`);
  return files;
}

/** Run a shell command line with bash, the CLI as `$0`; its exit code and stderr. */
function bash(script: string, cwd: string, args: readonly string[] = []): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const linux = existsSync('/dev/full') && process.platform === 'linux';

/** Sites made by this file's tests, removed after each. */
const made: string[] = [];
async function site(files: Record<string, string>): Promise<string> {
  const cwd = await tempSite(files);
  made.push(cwd);
  return cwd;
}
afterEach(async () => {
  for (const cwd of made.splice(0)) await rm(cwd, { recursive: true, force: true });
});

describe('CLI report targets', () => {
  it.each([
    ['the json report on stdout', '--format json'],
    ['`-o /dev/stdout`', '--format json -o /dev/stdout'],
  ])('exits quietly with the run\'s code when the reader of stdout closes the pipe: %s', async (_name, flags) => {
    const cwd = await site(cleanSite(1000));
    // `head -c1` reads one byte and exits: the rest of the report meets a closed pipe (EPIPE).
    const { code, stderr } = await bash(`node "$0" check dist ${flags} | head -c1 > /dev/null; exit "\${PIPESTATUS[0]}"`, cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.runIf(linux)('fails with exit 2 naming the path when the device is full (/dev/full), and leaves the device as it was', async () => {
    const cwd = await site(cleanSite(2));
    const before = await stat('/dev/full');
    const { code, stderr } = await runCli(['check', 'dist', '--format', 'json=/dev/full'], { cwd });
    expect(stderr).toBe('linkgraph: cannot write the json report to `/dev/full`: no space left on device (ENOSPC)\n');
    expect(code).toBe(2);
    const after = await stat('/dev/full');
    expect([after.isCharacterDevice(), after.rdev, after.ino]).toEqual([true, before.rdev, before.ino]);
  });

  it.runIf(linux)('fails with exit 2 when stdout itself is full', async () => {
    const cwd = await site(cleanSite(2));
    const full = openSync('/dev/full', 'w');
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'check', 'dist'], { cwd, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' }, stdio: ['ignore', full, 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(result).toEqual({ code: 2, stderr: 'linkgraph: cannot write to stdout: no space left on device (ENOSPC)\n' });
    } finally {
      closeSync(full);
    }
  });

  it('waits for a slow reader of `/dev/stdout` (a pipe that answers EAGAIN) and writes the whole report', async () => {
    const cwd = await site(bigReportSite());
    const child = spawn(process.execPath, [BIN, 'check', 'dist', '--format', 'json', '-o', '/dev/stdout'], { cwd, env: { ...process.env, GITHUB_ACTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // Read nothing for a while: the pipe fills and the writer meets EAGAIN.
    child.stdout.pause();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('linkgraph: wrote the json report to /dev/stdout\n');
    expect(code).toBe(1);
    const report = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { findings: unknown[] };
    // 100 pages of 1,000 broken fragments each, and an orphan finding for each page.
    expect(report.findings.length).toBe(100_100);
  }, 60_000);

  it('writes `/dev/stdout` into the file stdout appends to, after what is there, keeping the file', async () => {
    const cwd = await site(cleanSite(2));
    const out = path.join(cwd, 'out.txt');
    await writeFile(out, 'earlier\n');
    const { ino } = await stat(out);
    const fd = openSync(out, 'a');
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'check', 'dist', '--format', 'json', '-o', '/dev/stdout'], { cwd, env: { ...process.env, GITHUB_ACTIONS: '' }, stdio: ['ignore', fd, 'ignore'] });
        child.on('error', reject);
        child.on('close', resolve);
      });
      expect(code).toBe(0);
    } finally {
      closeSync(fd);
    }
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('earlier\n{\n  "version": 1,')).toBe(true);
    expect(JSON.parse(text.slice('earlier\n'.length))).toMatchObject({ summary: { errors: 0 } });
    expect((await stat(out)).ino).toBe(ino);
  });

  it('writes through a symlink to its target and keeps the link, also when the target does not exist yet', async () => {
    const cwd = await site(cleanSite(2));
    await writeFile(path.join(cwd, 'real.json'), 'previous');
    await chmod(path.join(cwd, 'real.json'), 0o640);
    await symlink('real.json', path.join(cwd, 'link.json'));
    await symlink('reports/new.json', path.join(cwd, 'dangling.json'));
    const { code, stderr } = await runCli(['check', 'dist', '--format', 'json=link.json', '--format', 'sarif=dangling.json'], { cwd });
    expect(stderr).toBe('linkgraph: wrote the json report to link.json\nlinkgraph: wrote the sarif report to dangling.json\n');
    expect(code).toBe(0);
    expect((await lstat(path.join(cwd, 'link.json'))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(cwd, 'link.json'))).toBe('real.json');
    expect(JSON.parse(await readFile(path.join(cwd, 'real.json'), 'utf8'))).toMatchObject({ version: 1 });
    // The replacement keeps the permissions of the file it replaced.
    expect((await stat(path.join(cwd, 'real.json'))).mode & 0o777).toBe(0o640);
    expect((await lstat(path.join(cwd, 'dangling.json'))).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(path.join(cwd, 'reports/new.json'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect((await readdir(cwd)).sort()).toEqual(['dangling.json', 'dist', 'link.json', 'real.json', 'reports']);
  });

  it('writes straight through a FIFO, which stays a FIFO', async () => {
    const cwd = await site(cleanSite(2));
    const fifo = path.join(cwd, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    // The CLI's open blocks until a reader comes: read concurrently.
    const read = new Promise<string>((resolve, reject) => {
      let text = '';
      createReadStream(fifo, 'utf8')
        .on('data', (chunk) => (text += chunk))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    const { code, stderr } = await runCli(['check', 'dist', '--format', 'json=report.fifo'], { cwd });
    expect(stderr).toBe('linkgraph: wrote the json report to report.fifo\n');
    expect(code).toBe(0);
    expect(JSON.parse(await read)).toMatchObject({ version: 1 });
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(cwd)).toEqual(['dist', 'report.fifo']);
  });

  it.each([
    ['a directory', 'reports', 'it is a directory (EISDIR)'],
    ['a path through a file', 'file.txt/report.json', 'a part of the path is not a directory (ENOTDIR)'],
  ])('exits 2 naming a path it cannot write (%s), after writing the other reports', async (_name, target, reason) => {
    const cwd = await site({ ...cleanSite(2), 'reports/keep.txt': 'kept', 'file.txt': 'kept' });
    const { code, stderr } = await runCli(['check', 'dist', '--format', `json=${target}`, '--format', 'sarif=ok.sarif'], { cwd });
    expect(stderr).toBe(`linkgraph: cannot write the json report to \`${target}\`: ${reason}\nlinkgraph: wrote the sarif report to ok.sarif\n`);
    expect(code).toBe(2);
    expect((await readdir(cwd)).sort()).toEqual(['dist', 'file.txt', 'ok.sarif', 'reports']);
    expect(await readdir(path.join(cwd, 'reports'))).toEqual(['keep.txt']);
    expect(await readFile(path.join(cwd, 'file.txt'), 'utf8')).toBe('kept');
  });

  it.each([
    [['--format', 'json='], 'linkgraph: empty file name in `--format json=`; expected `--format json=FILE`, or `--format json` for stdout\n'],
    [['--format', 'json', '-o', ''], 'linkgraph: empty file name in `--output`; expected `--output FILE`\n'],
  ])('rejects an empty file name as bad usage, writing nothing: %j', async (flags, message) => {
    const cwd = await site(cleanSite(2));
    const { code, stdout, stderr } = await runCli(['check', 'dist', ...flags], { cwd });
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
    // Once, `json=` named the working directory itself, and its partial file landed beside it.
    expect((await readdir(path.dirname(cwd))).filter((name) => name.startsWith(`${path.basename(cwd)}.`))).toEqual([]);
    expect(await readdir(cwd)).toEqual(['dist']);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('removes its temporary file when %s stops a write, keeps the previous report, and dies by the signal', async (signal) => {
    // The signal must land while the report is being written; on a loaded machine the write can
    // finish first (the run then exits by itself and says nothing about signals): try again then.
    for (let attempt = 1; ; attempt++) {
      const cwd = await site(bigReportSite());
      await writeFile(path.join(cwd, 'report.json'), 'previous');
      const child = spawn(process.execPath, [BIN, 'check', 'dist', '--format', 'json=report.json'], { cwd, env: { ...process.env, GITHUB_ACTIONS: '' }, stdio: 'ignore' });
      const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, received) => resolve({ code, signal: received })));
      const partial = `report.json.${child.pid}.partial`;
      // Signal once the temporary file exists: the report (about 45 MB) is then being written.
      let seen = false;
      for (const started = Date.now(); Date.now() - started < 60_000 && child.exitCode === null; ) {
        if ((await readdir(cwd)).includes(partial)) {
          seen = true;
          child.kill(signal);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const outcome = await closed;
      if (outcome.signal === null && attempt < 3) continue;
      expect(seen).toBe(true);
      // A shell shows this as 143 (SIGTERM) or 130 (SIGINT).
      expect(outcome).toEqual({ code: null, signal });
      expect((await readdir(cwd)).sort()).toEqual(['dist', 'report.json']);
      expect(await readFile(path.join(cwd, 'report.json'), 'utf8')).toBe('previous');
      break;
    }
  }, 240_000);
});
