import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { listening, type Flow, type SipTransport, type TransportEvents } from './transport';
import { KEEPALIVE_PONG } from './transport';
import { StreamFramer } from './stream-framer';

let nextConnection = 0;

/** SIP over TCP, or over TLS when a certificate is given; messages framed by Content-Length. */
export class TcpTransport extends EventEmitter<TransportEvents> implements SipTransport {
  readonly name: 'TCP' | 'TLS';
  private readonly server: net.Server;
  private readonly connections = new Map<string, net.Socket>();

  constructor(
    readonly host: string,
    private readonly requestedPort: number,
    tlsOptions?: tls.TlsOptions,
  ) {
    super();
    this.name = tlsOptions ? 'TLS' : 'TCP';
    const accept = (socket: net.Socket) => this.accept(socket);
    this.server = tlsOptions ? tls.createServer(tlsOptions, accept) : net.createServer(accept);
    this.server.on('error', () => undefined);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  private accept(socket: net.Socket): void {
    const id = `${this.name.toLowerCase()}-${++nextConnection}`;
    const flow: Flow = {
      transport: this.name,
      address: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
      connectionId: id,
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
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.connections.delete(id);
      this.emit('closed', id);
    });
  }

  listen(): Promise<void> {
    return listening(this.server, (ready) => this.server.listen(this.requestedPort, this.host, ready));
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
