import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import { isIPv6 } from 'node:net';
import { listening, type Flow, type SipTransport, type TransportEvents } from './transport';
import { RateLimitedLog } from '../../rate-limited-log';
import { isStunBindingRequest, stunBindingResponse } from './stun';
import { silentLogger } from '../../logger';

export class UdpTransport extends EventEmitter<TransportEvents> implements SipTransport {
  readonly name = 'UDP' as const;
  private readonly socket: dgram.Socket;

  constructor(
    readonly host: string,
    private readonly requestedPort: number,
    log = new RateLimitedLog(silentLogger),
  ) {
    super();
    this.socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    this.socket.on('message', (bytes, remote) => {
      if (isStunBindingRequest(bytes)) {
        const answer = stunBindingResponse(bytes, remote.address, remote.port);
        if (answer) this.socket.send(answer, remote.port, remote.address);
        return;
      }
      this.emit('message', bytes, {
        transport: 'UDP',
        address: remote.address,
        port: remote.port,
        connectionId: null,
      });
    });
    // A datagram socket's errors (e.g. ICMP unreachable) must never take the process down.
    this.socket.on('error', (error) =>
      log.warn({ transport: 'UDP', error: error.message }, 'SIP socket error'),
    );
  }

  get port(): number {
    return this.socket.address().port;
  }

  listen(): Promise<void> {
    return listening(this.socket, (ready) => this.socket.bind(this.requestedPort, this.host, ready));
  }

  /** Datagrams hold no connection to confirm. */
  confirm(): void {}

  send(flow: Flow, bytes: Buffer): boolean {
    try {
      this.socket.send(bytes, flow.port, flow.address);
      return true;
    } catch {
      // A port or address a phone made up (port 0, say) is refused by Node at once.
      return false;
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
