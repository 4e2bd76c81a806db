// Worker thread of bench/external.ts: the hosts the benchmark checks, on their
// own event loop so that serving does not compete with the checker's.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { hosts, latency, page } = workerData as { hosts: number; latency: number; page: string[] };
const servers: Server[] = [];
const stats: Record<string, { requests: number; active: number; maxActive: number }> = {};
const origins: string[] = [];

for (let index = 0; index < hosts; index++) {
  const host = `127.0.0.${index + 2}`;
  const stat = (stats[host] = { requests: 0, active: 0, maxActive: 0 });
  const server = createServer((_request, response) => {
    stat.requests++;
    stat.maxActive = Math.max(stat.maxActive, ++stat.active);
    setTimeout(() => {
      stat.active--;
      // A length lets Node keep the connection alive after HEAD (it closes chunked HEAD answers).
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok');
    }, latency);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  servers.push(server);
  origins.push(`http://${host}:${(server.address() as AddressInfo).port}`);
}

// The page linkinator crawls: every URL of the run as a link.
let html = '';
const pageServer = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html' }).end(html);
});
await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
servers.push(pageServer);

parentPort!.on('message', (message: { kind: 'page'; urls: string[] } | { kind: 'stats' } | { kind: 'reset' } | { kind: 'close' }) => {
  if (message.kind === 'page') {
    html = `<!doctype html><title>links</title>${message.urls.map((url) => `<a href="${url}">x</a>`).join('\n')}`;
    parentPort!.postMessage({ kind: 'page', url: `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/` });
  } else if (message.kind === 'stats') {
    parentPort!.postMessage({ kind: 'stats', stats });
  } else if (message.kind === 'reset') {
    for (const stat of Object.values(stats)) Object.assign(stat, { requests: 0, active: 0, maxActive: 0 });
    parentPort!.postMessage({ kind: 'reset' });
  } else {
    for (const server of servers) server.closeAllConnections();
    Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))).then(() => parentPort!.postMessage({ kind: 'closed' }));
  }
});
parentPort!.postMessage({ kind: 'ready', origins, page });
