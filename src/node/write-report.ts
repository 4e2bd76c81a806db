import { constants, lstatSync, readlinkSync, realpathSync, rmSync, statSync, write as writeToDescriptor } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FormatName } from '../report/formats.js';
import type { ReportContext } from '../report/report-context.js';
import { renderBatches } from '../report/render.js';
import type { Result } from '../types.js';

/** What became of a report written by {@link writeReportFile}. */
export type ReportWrite =
  /** The whole report is at the path. */
  | { status: 'written' }
  /** The reporter threw (`error` says so, named by format); a file at the path was left as it was. */
  | { status: 'failed'; error: string }
  /** The reader went away (EPIPE: a pipe or FIFO closed early). Its choice, not a failure. */
  | { status: 'closed' }
  /** The path cannot be written; `reason` says why (`it is a directory (EISDIR)`). */
  | { status: 'unwritable'; reason: string };

/** Where the bytes of a report go. */
type Destination =
  /** One of the process's own descriptors (`/dev/stdout`): written to it, as a shell does. */
  | { kind: 'descriptor'; fd: number }
  /** Anything but a regular file or a directory (a FIFO, `/dev/null`, a terminal): written straight through. */
  | { kind: 'device'; path: string }
  /** A regular file (`mode` is its permission bits) or a new path: a temporary file renamed into place. */
  | { kind: 'file'; path: string; mode?: number };

/**
 * Write one report to a path, in pieces as it is rendered (see
 * `renderBatches`). A regular file or a new path (its directory made
 * first) gets a temporary file renamed into place once complete, so a
 * reporter that fails, or a run stopped by SIGINT or SIGTERM, leaves the
 * previous report of that name as it was, never half of a new one. A
 * symlink is followed (its target is written, the link kept); a FIFO or a
 * device is written straight through, never replaced; `/dev/stdout`,
 * `/dev/stderr` and `/dev/fd/N` are the process's own descriptors.
 *
 * @returns what became of the report; errors of the file system are
 *   outcomes, never thrown.
 */
export async function writeReportFile(target: string, format: FormatName, result: Result, context: ReportContext): Promise<ReportWrite> {
  let error: string | undefined;
  try {
    const destination = destinationOf(target);
    const batches = renderBatches(format, result, context);
    if (destination.kind === 'file') error = await writeAtomically(destination.path, destination.mode, batches);
    else if (destination.kind === 'descriptor') error = await drain(batches, (bytes, offset) => writeDescriptor(destination.fd, bytes, offset));
    else {
      // No O_TRUNC (a device has nothing to truncate) and no O_CREAT (it exists); a terminal never becomes ours.
      const handle = await open(destination.path, constants.O_WRONLY | (constants.O_NOCTTY ?? 0));
      try {
        error = await drain(batches, async (bytes, offset) => (await handle.write(bytes, offset)).bytesWritten);
      } finally {
        await handle.close();
      }
    }
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    // Only the system's errors say something about the path; anything else is a bug to surface.
    if (code === undefined || code.startsWith('ERR_')) throw thrown;
    if (code === 'EPIPE') return { status: 'closed' };
    return { status: 'unwritable', reason: reasonOf(thrown) };
  }
  return error === undefined ? { status: 'written' } : { status: 'failed', error };
}

/** The descriptor a path names when it is one of the process's own: `/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/3`. */
function descriptorOf(target: string): number | undefined {
  if (process.platform === 'win32') return undefined;
  const match = /^(?:\/dev\/std(out|err)|\/dev\/fd\/(\d+)|\/proc\/self\/fd\/(\d+))$/.exec(path.resolve(target));
  if (!match) return undefined;
  return match[1] === 'out' ? 1 : match[1] === 'err' ? 2 : Number(match[2] ?? match[3]);
}

/** What is at `target`, after symlinks. */
function destinationOf(target: string): Destination {
  const fd = descriptorOf(target);
  if (fd !== undefined) return { kind: 'descriptor', fd };
  let stats;
  try {
    stats = statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'file', path: linkEnd(target) };
    throw error;
  }
  if (stats.isFile()) return { kind: 'file', path: realpathSync(target), mode: stats.mode & 0o7777 };
  if (stats.isDirectory()) throw Object.assign(new Error(`${target} is a directory`), { code: 'EISDIR' });
  return { kind: 'device', path: target };
}

/** The path a chain of symlinks ends at, followed even when nothing is there yet (the new report goes there). */
function linkEnd(target: string): string {
  let current = path.resolve(target);
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
    } catch {
      return current;
    }
    // A relative link is relative to the directory that holds it, as the kernel finds that directory.
    current = path.resolve(realpathSync(path.dirname(current)), readlinkSync(current));
  }
  throw Object.assign(new Error(`too many symbolic links at ${target}`), { code: 'ELOOP' });
}

/** Temporary report files being written: removed if a signal stops the process. */
const temporary = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Remove the temporary files, then stop as the signal would have stopped the process (unless someone else handles it). */
function onSignal(signal: NodeJS.Signals): void {
  for (const file of temporary) rmSync(file, { force: true });
  temporary.clear();
  for (const name of SIGNALS) process.removeListener(name, onSignal);
  // With no listener left, the default action is back: the parent sees a death by this signal (status 128 + n).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(file: string): void {
  if (temporary.size === 0) for (const name of SIGNALS) process.on(name, onSignal);
  temporary.add(file);
}

function untrack(file: string): void {
  if (!temporary.delete(file) || temporary.size > 0) return;
  for (const name of SIGNALS) process.removeListener(name, onSignal);
}

/** Write the batches to `PATH.PID.partial` beside `file`, then rename it to `file`; the reporter's error, if any. */
async function writeAtomically(file: string, mode: number | undefined, batches: Generator<string, string | undefined>): Promise<string | undefined> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await rm(partial, { force: true });
  // Tracked before it exists: a signal between the file's creation and the tracking would leave it.
  track(partial);
  let handle;
  try {
    // Exclusive: a symlink planted at the temporary name is never followed.
    handle = await open(partial, 'wx', mode ?? 0o666);
  } catch (error) {
    untrack(partial);
    throw error;
  }
  let renamed = false;
  try {
    let error: string | undefined;
    try {
      // The replacement keeps the permissions of the file it replaces, whatever the umask.
      if (mode !== undefined) await handle.chmod(mode);
      error = await drain(batches, async (bytes, offset) => (await handle.write(bytes, offset)).bytesWritten);
    } finally {
      await handle.close();
    }
    if (error === undefined) {
      await rename(partial, file);
      renamed = true;
    }
    return error;
  } finally {
    if (!renamed) await rm(partial, { force: true });
    untrack(partial);
  }
}

const writeDescriptorAsync = promisify(writeToDescriptor);

/**
 * Write to one of the process's own descriptors. A pipe that Node made
 * non-blocking answers EAGAIN while its reader is behind: wait for the
 * reader rather than fail the report.
 */
async function writeDescriptor(fd: number, bytes: Buffer, offset: number): Promise<number> {
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return (await writeDescriptorAsync(fd, bytes, offset)).bytesWritten;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Write each batch whole with `write` (which may write part of what it is
 * given), waiting between batches so that a signal is handled promptly.
 *
 * @returns the reporter's error, or undefined when the report is complete.
 */
async function drain(batches: Generator<string, string | undefined>, write: (bytes: Buffer, offset: number) => Promise<number>): Promise<string | undefined> {
  for (;;) {
    const batch = batches.next();
    if (batch.done) return batch.value;
    const bytes = Buffer.from(batch.value);
    for (let written = 0; written < bytes.length; ) written += await write(bytes, written);
  }
}

/** File system errors a person can act on, in words. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'a part of the path is not a directory',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

/** Why a path could not be written, for a message that names the path: `no space left on device (ENOSPC)`. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words = code === undefined ? undefined : REASONS[code];
  if (words !== undefined) return `${words} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
