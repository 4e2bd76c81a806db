// A page-reading worker that dies with two chunks in flight: it answers
// neither of the two chunks it is sent at start, and exits when the second
// arrives.
import { parentPort } from 'node:worker_threads';

let received = 0;
parentPort.on('message', () => {
  received += 1;
  if (received === 2) process.exit(3);
});
