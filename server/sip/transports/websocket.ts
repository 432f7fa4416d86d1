import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_LIMITS } from '../message';
import { listening, streamDefaults, type Flow, type SipTransport, type TransportEvents } from './transport';
import { KEEPALIVE_PING, KEEPALIVE_PONG, type StreamTransportOptions } from './transport';
import type { ConnectionGuard } from '../../connection-guard';
import type { RateLimitedLog } from '../../rate-limited-log';

export interface WebSocketTransportOptions extends StreamTransportOptions {
  /**
   * Origins whose pages may connect. A browser always sends Origin and gets in only from these:
   * no other web page can use the user's browser to reach SIP (and have its address blocked
   * for guessing). A client sending none (a native phone, sip.js in Node) is let in.
   */
  allowedOrigins?: string[];
}

let nextConnection = 0;

/** SIP over WebSocket (RFC 7118): subprotocol `sip`, one message per frame; WSS with a certificate. */
export class WebSocketTransport extends EventEmitter<TransportEvents> implements SipTransport {
  readonly name: 'WS' | 'WSS';
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<
    string,
    { socket: WebSocket; raw: http.IncomingMessage['socket'] }
  >();
  private readonly guard: ConnectionGuard;
  private readonly log: RateLimitedLog;

  constructor(
    readonly host: string,
    private readonly requestedPort: number,
    options: WebSocketTransportOptions = {},
  ) {
    super();
    this.name = options.tls ? 'WSS' : 'WS';
    ({ guard: this.guard, log: this.log } = streamDefaults(options));
    this.http = options.tls ? https.createServer(options.tls) : http.createServer();
    this.guard.watch(this.http, this.name);
    this.http.on('request', (_req, res) => res.writeHead(426, { connection: 'close' }).end());
    this.http.on('error', (error) =>
      this.log.warn({ transport: this.name, error: error.message }, 'SIP server error'),
    );
    const allowed = options.allowedOrigins ? new Set(options.allowedOrigins) : null;
    this.wss = new WebSocketServer({
      server: this.http,
      maxPayload: DEFAULT_LIMITS.maxMessageBytes,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
      verifyClient: ({ origin, req }, done) => {
        if (origin === undefined || allowed === null || allowed.has(origin)) return done(true);
        this.log.warn(
          { transport: this.name, address: req.socket.remoteAddress, origin },
          'SIP WebSocket refused: origin not allowed',
        );
        done(false, 403, 'Origin not allowed');
      },
    });
    // ws re-emits the HTTP server's errors (a port in use among them), which `listen` reports:
    // unheard here, they would take the process down.
    this.wss.on('error', () => undefined);
    this.wss.on('connection', (socket, request) => {
      // RFC 7118 §4.1: a client that did not ask for `sip` gets no SIP.
      if (socket.protocol !== 'sip') return socket.close(1002, 'subprotocol sip required');
      const id = `${this.name.toLowerCase()}-${++nextConnection}`;
      const flow: Flow = {
        transport: this.name,
        address: request.socket.remoteAddress ?? '',
        port: request.socket.remotePort ?? 0,
        connectionId: id,
        local: request.socket.localAddress ?? '',
      };
      this.connections.set(id, { socket, raw: request.socket });
      socket.on('message', (data: Buffer, isBinary) => {
        const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        if (!isBinary && bytes.toString('latin1') === KEEPALIVE_PING) socket.send(KEEPALIVE_PONG.toString());
        else this.emit('message', bytes, flow);
      });
      socket.on('error', (error) => {
        this.log.warn(
          { transport: this.name, address: flow.address, port: flow.port, error: error.message },
          'SIP socket error',
        );
        socket.terminate();
      });
      socket.on('close', () => {
        this.connections.delete(id);
        this.emit('closed', id);
      });
    });
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  listen(): Promise<void> {
    return listening(this.http, (ready) => this.http.listen(this.requestedPort, this.host, ready));
  }

  confirm(flow: Flow, standing: 'confirmed' | 'protected'): void {
    const connection = flow.connectionId ? this.connections.get(flow.connectionId) : undefined;
    if (connection) this.guard.raise(connection.raw, standing);
  }

  send(flow: Flow, bytes: Buffer): boolean {
    const socket = flow.connectionId ? this.connections.get(flow.connectionId)?.socket : undefined;
    if (!socket || socket.readyState !== socket.OPEN) return false;
    // SIP is UTF-8 text: a text frame carries the same bytes.
    socket.send(bytes.toString('utf8'));
    return true;
  }

  close(): Promise<void> {
    for (const { socket } of this.connections.values()) socket.terminate();
    this.wss.close();
    return new Promise((resolve) => this.http.close(() => resolve()));
  }
}
