import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_LIMITS } from '../message';
import { listening, type Flow, type SipTransport, type TransportEvents } from './transport';
import { KEEPALIVE_PING, KEEPALIVE_PONG } from './transport';

let nextConnection = 0;

/** SIP over WebSocket (RFC 7118): subprotocol `sip`, one message per frame; WSS with a certificate. */
export class WebSocketTransport extends EventEmitter<TransportEvents> implements SipTransport {
  readonly name: 'WS' | 'WSS';
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<string, WebSocket>();

  constructor(
    readonly host: string,
    private readonly requestedPort: number,
    tlsOptions?: tls.TlsOptions,
  ) {
    super();
    this.name = tlsOptions ? 'WSS' : 'WS';
    this.http = tlsOptions ? https.createServer(tlsOptions) : http.createServer();
    this.http.on('request', (_req, res) => res.writeHead(426, { connection: 'close' }).end());
    this.http.on('error', () => undefined);
    this.wss = new WebSocketServer({
      server: this.http,
      maxPayload: DEFAULT_LIMITS.maxMessageBytes,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
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
      };
      this.connections.set(id, socket);
      socket.on('message', (data: Buffer, isBinary) => {
        const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        if (!isBinary && bytes.toString('latin1') === KEEPALIVE_PING) socket.send(KEEPALIVE_PONG.toString());
        else this.emit('message', bytes, flow);
      });
      socket.on('error', () => socket.terminate());
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

  send(flow: Flow, bytes: Buffer): boolean {
    const socket = flow.connectionId ? this.connections.get(flow.connectionId) : undefined;
    if (!socket || socket.readyState !== socket.OPEN) return false;
    // SIP is UTF-8 text: a text frame carries the same bytes.
    socket.send(bytes.toString('utf8'));
    return true;
  }

  close(): Promise<void> {
    for (const socket of this.connections.values()) socket.terminate();
    this.wss.close();
    return new Promise((resolve) => this.http.close(() => resolve()));
  }
}
