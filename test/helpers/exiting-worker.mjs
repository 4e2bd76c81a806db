// A worker that stops (exit code 3) on the first message, before answering it.
import { parentPort } from 'node:worker_threads';

parentPort.once('message', () => process.exit(3));
