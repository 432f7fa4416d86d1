// The browser host's server: the built renderer over HTTP and the IPC contract over a
// WebSocket at /ipc that needs this launch's token and the page's own Origin. Loopback only.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { guardHttpConnections, type ConnectionGuard } from '../../server/embedded';
import { contentSecurityPolicy } from '../window/csp';
import { serveStatic } from './static-files';
import type { SocketTransport } from './socket-transport';

export const IPC_PATH = '/ipc';
/** Pages connected at once; the app needs one or two. */
export const MAX_CONNECTIONS = 16;
/** The largest frame accepted: well above any request of the contract. */
export const MAX_FRAME_BYTES = 1024 * 1024;

export interface BrowserHostOptions {
  port: number;
  rendererDir: string;
  transport: SocketTransport;
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export class BrowserHost {
  private constructor(
    private readonly server: Server,
    private readonly sockets: WebSocketServer,
    private readonly connections: ConnectionGuard,
    /** The page's origin, `http://127.0.0.1:PORT`: the only Origin the IPC socket accepts. */
    readonly origin: string,
    private readonly token: string,
  ) {}

  /** What to open: the page, with this launch's token in the fragment (never sent to a server). */
  get url(): string {
    return `${this.origin}/#token=${this.token}`;
  }

  static async start(options: BrowserHostOptions): Promise<BrowserHost> {
    const token = randomBytes(32).toString('base64url');
    const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    const server = createServer();
    // The same caps as the office's API: idle sockets cannot starve the page or the IPC socket.
    const connections = guardHttpConnections(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const host = new BrowserHost(server, sockets, connections, `http://127.0.0.1:${port}`, token);
    const headers = {
      'content-security-policy': contentSecurityPolicy([`ws://127.0.0.1:${port}${IPC_PATH}`]),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    server.on('request', (request, response) => {
      serveStatic(options.rendererDir, request, response, headers).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
    server.on('upgrade', (request, socket, head) => host.upgrade(request, socket, head, options.transport));
    return host;
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, transport: SocketTransport): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', this.origin);
    if (url.pathname !== IPC_PATH)
      return refuse(socket, 404, 'not_found', `The IPC socket is at ${IPC_PATH}`);
    if (!this.tokenMatches(url.searchParams.get('token')))
      return refuse(socket, 401, 'unauthenticated', 'A missing or wrong launch token');
    const origin = request.headers.origin;
    if (origin !== this.origin)
      return refuse(socket, 403, 'forbidden_sender', 'Only the app’s own page may connect');
    if (this.sockets.clients.size >= MAX_CONNECTIONS)
      return refuse(socket, 503, 'busy', `At most ${MAX_CONNECTIONS} pages may be connected`);
    this.sockets.handleUpgrade(request, socket, head, (ws) => {
      // A page of this launch: kept whatever else connects.
      this.connections.raise(request.socket, 'protected');
      transport.attach(ws, origin);
    });
  }

  private tokenMatches(given: string | null): boolean {
    if (given === null) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
