// A worker that stops (exit code 4) as soon as it starts, before any message.
process.exit(4);
