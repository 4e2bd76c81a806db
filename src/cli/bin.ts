#!/usr/bin/env node
import module from 'node:module';

// Keep V8's compiled code of linkgraph and its dependencies on disk between runs (in the OS temp
// directory, or `NODE_COMPILE_CACHE`; `NODE_DISABLE_COMPILE_CACHE=1` turns it off), as tsc and npm
// do: loading the modules is then much cheaper per thread. Enabled before anything else is imported.
module.enableCompileCache();
// This process is linkgraph's own: its young generation stops growing at the workers' size (see there).
const { capYoungGeneration } = await import('../node/young-generation.js');
capYoungGeneration();
const { EXIT, main } = await import('./main.js');
const { reasonOf } = await import('../node/write-report.js');

// A reader that stops reading (`linkgraph check dist | head`) chose to: the rest of stdout is
// dropped and the run goes on. Any other failure of stdout (a full disk) fails the run.
let stdoutClosed = false;
let stdoutFailed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (stdoutClosed) return;
  stdoutClosed = true;
  if (error.code === 'EPIPE') return;
  stdoutFailed = true;
  process.exitCode = EXIT.unwritable;
  process.stderr.write(`linkgraph: cannot write to stdout: ${reasonOf(error)}\n`);
});
// stderr has nowhere to report its own failure.
let stderrClosed = false;
process.stderr.on('error', () => {
  stderrClosed = true;
});

try {
  const code = await main(process.argv.slice(2), {
    stdout: (text) => void (stdoutClosed || process.stdout.write(text)),
    stderr: (text) => void (stderrClosed || process.stderr.write(text)),
    cwd: process.cwd(),
    env: process.env,
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
  });
  process.exitCode = stdoutFailed ? EXIT.unwritable : code;
} catch (error) {
  process.stderr.write(`linkgraph: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
