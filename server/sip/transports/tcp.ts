import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { listening, streamDefaults, type Flow, type SipTransport, type TransportEvents } from './transport';
import { KEEPALIVE_PONG, type StreamTransportOptions } from './transport';
import { StreamFramer } from './stream-framer';
import type { ConnectionGuard } from '../../connection-guard';
import type { RateLimitedLog } from '../../rate-limited-log';

let nextConnection = 0;

export interface OutboundOptions {
  /** The name the peer's TLS certificate must carry (sent as SNI when it is a name). */
  servername?: string;
  /** CAs trusted beside the system's, for the peer's certificate. */
  ca?: Buffer[];
  timeoutMs?: number;
}

/** SIP over TCP, or over TLS when a certificate is given; messages framed by Content-Length. */
export class TcpTransport extends EventEmitter<TransportEvents> implements SipTransport {
  readonly name: 'TCP' | 'TLS';
  private readonly server: net.Server;
  private readonly connections = new Map<string, net.Socket>();
  private readonly guard: ConnectionGuard;
  private readonly log: RateLimitedLog;

  constructor(
    readonly host: string,
    private readonly requestedPort: number,
    options: StreamTransportOptions = {},
  ) {
    super();
    this.name = options.tls ? 'TLS' : 'TCP';
    ({ guard: this.guard, log: this.log } = streamDefaults(options));
    this.server = options.tls ? tls.createServer(options.tls) : net.createServer();
    this.guard.watch(this.server, this.name);
    this.server.on(options.tls ? 'secureConnection' : 'connection', (socket: net.Socket) =>
      this.accept(socket),
    );
    this.server.on('error', (error) =>
      this.log.warn({ transport: this.name, error: error.message }, 'SIP server error'),
    );
    // A TLS handshake that fails never reaches `accept`: its socket is still someone to log.
    this.server.on('tlsClientError', (error: Error, socket: tls.TLSSocket) =>
      this.log.warn(
        {
          transport: this.name,
          address: socket.remoteAddress,
          port: socket.remotePort,
          error: error.message,
        },
        'SIP TLS handshake failed',
      ),
    );
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  private accept(socket: net.Socket): void {
    if (socket.destroyed) return; // refused by the guard
    this.adopt(socket);
  }

  /**
   * Opens a connection to a peer (a carrier's proxy), checked as TLS wants it on a TLS transport:
   * the peer's certificate must name `servername` (or its address) and chain to a trusted CA.
   * What arrives over it, and its closing, go where an accepted connection's go.
   */
  connect(address: string, port: number, options: OutboundOptions = {}): Promise<Flow> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const socket =
        this.name === 'TLS'
          ? tls.connect({
              host: address,
              port,
              // SNI takes a name only; the certificate is checked against the address otherwise.
              ...(options.servername &&
                net.isIP(options.servername) === 0 && { servername: options.servername }),
              checkServerIdentity: (_host, certificate) =>
                tls.checkServerIdentity(options.servername ?? address, certificate),
              ...(options.ca && { ca: [...tls.rootCertificates, ...options.ca] }),
            })
          : net.connect({ host: address, port });
      const ready = this.name === 'TLS' ? 'secureConnect' : 'connect';
      const fail = (error: Error) => {
        socket.destroy();
        reject(error);
      };
      socket.setTimeout(timeoutMs, () => fail(new Error(`no connection within ${timeoutMs / 1000} s`)));
      socket.once('error', fail);
      socket.once(ready, () => {
        socket.setTimeout(0);
        socket.off('error', fail);
        resolve(this.adopt(socket));
      });
    });
  }

  private adopt(socket: net.Socket): Flow {
    const id = `${this.name.toLowerCase()}-${++nextConnection}`;
    const flow: Flow = {
      transport: this.name,
      address: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
      connectionId: id,
      local: socket.localAddress ?? '',
    };
    const framer = new StreamFramer();
    this.connections.set(id, socket);
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of framer.push(chunk)) {
          if (frame.kind === 'ping') socket.write(KEEPALIVE_PONG);
          else this.emit('message', frame.bytes, flow);
        }
      } catch {
        // A stream that cannot be framed cannot be resynchronised: drop the connection.
        socket.destroy();
      }
    });
    socket.on('error', (error) => {
      this.log.warn(
        { transport: this.name, address: flow.address, port: flow.port, error: error.message },
        'SIP socket error',
      );
      socket.destroy();
    });
    socket.on('close', () => {
      this.connections.delete(id);
      this.emit('closed', id);
    });
    return flow;
  }

  listen(): Promise<void> {
    return listening(this.server, (ready) => this.server.listen(this.requestedPort, this.host, ready));
  }

  confirm(flow: Flow, standing: 'confirmed' | 'protected'): void {
    const socket = flow.connectionId ? this.connections.get(flow.connectionId) : undefined;
    if (socket) this.guard.raise(socket, standing);
  }

  send(flow: Flow, bytes: Buffer): boolean {
    const socket = flow.connectionId ? this.connections.get(flow.connectionId) : undefined;
    if (!socket || socket.destroyed) return false;
    socket.write(bytes);
    return true;
  }

  close(): Promise<void> {
    for (const socket of this.connections.values()) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
