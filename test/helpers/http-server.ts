import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** A route handler; may be async (to add latency). */
export type Handler = (request: IncomingMessage, response: ServerResponse, server: TestServer) => void | Promise<void>;

/** A real HTTP(S) server on a loopback address, counting what it receives. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  /** Requests seen, as `METHOD /path`. */
  log: string[];
  /** Most requests in flight at once. */
  maxActive: number;
  /** Most open connections at once. */
  maxConnections: number;
  /** Requests per path (any method). */
  hits(path: string): number;
  close(): Promise<void>;
}

/**
 * Start a server on `host` (any 127.0.0.x) with routes by path; unknown
 * paths answer 404. With `tls` it serves HTTPS with that key and cert.
 */
export async function startServer(routes: Record<string, Handler>, options: { host?: string; tls?: { key: string; cert: string } } = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  let active = 0;
  let connections = 0;
  const sockets = new Set<Socket>();
  const state: TestServer = {
    origin: '',
    log: [],
    maxActive: 0,
    maxConnections: 0,
    hits: (path) => state.log.filter((line) => line.endsWith(` ${path}`)).length,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    active++;
    state.maxActive = Math.max(state.maxActive, active);
    response.on('close', () => active--);
    const url = new URL(request.url ?? '/', 'http://x');
    state.log.push(`${request.method} ${url.pathname}`);
    const handler = routes[url.pathname];
    if (!handler) {
      response.writeHead(404).end('not found');
      return;
    }
    Promise.resolve(handler(request, response, state)).catch((error: unknown) => {
      response.destroy(error as Error);
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    state.maxConnections = Math.max(state.maxConnections, connections);
    socket.on('close', () => {
      connections--;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  return state;
}

/** Wait `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A handler answering `status` with `headers` and an optional body. */
export function reply(status: number, headers: Record<string, string> = {}, body: string | Uint8Array = ''): Handler {
  return (_request, response) => {
    response.writeHead(status, headers).end(body);
  };
}
