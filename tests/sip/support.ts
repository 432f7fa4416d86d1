// Real SIP peers for tests: a UDP socket, a TCP connection and a WebSocket, each able to send
// raw bytes and wait for the next message that comes back.
import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';
import WebSocket from 'ws';
import { SipStack, type TransactionLimits } from '../../server/sip/stack';
import { UdpTransport } from '../../server/sip/transports/udp';
import { TcpTransport } from '../../server/sip/transports/tcp';
import { WebSocketTransport } from '../../server/sip/transports/websocket';
import { StreamFramer } from '../../server/sip/transports/stream-framer';
import { silentLogger } from '../../server/logger';
import type { TimerValues } from '../../server/sip/timers';

export async function startStack(timers?: TimerValues, limits?: TransactionLimits) {
  const udp = new UdpTransport('127.0.0.1', 0);
  const tcp = new TcpTransport('127.0.0.1', 0);
  const ws = new WebSocketTransport('127.0.0.1', 0);
  const stack = new SipStack([udp, tcp, ws], () => Date.now(), silentLogger, timers, limits);
  await stack.listen();
  return { stack, udp, tcp, ws };
}

/** Messages arrive in a queue; `next` takes the oldest, waiting for one when there is none. */
class Inbox {
  private readonly queue: Buffer[] = [];
  private waiting: ((bytes: Buffer) => void) | null = null;

  put(bytes: Buffer): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(bytes);
    } else this.queue.push(bytes);
  }

  next(timeoutMs = 2000): Promise<Buffer> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error('no SIP message arrived'));
      }, timeoutMs);
      this.waiting = (bytes) => {
        clearTimeout(timer);
        resolve(bytes);
      };
    });
  }
}

export interface Peer {
  send(bytes: Buffer | string): void;
  next(timeoutMs?: number): Promise<Buffer>;
  localPort: number;
  close(): void;
}

/** A UDP socket; `from` picks another loopback address (127.0.0.2…) to be another source. */
export async function udpPeer(port: number, from = '127.0.0.1'): Promise<Peer> {
  const socket = dgram.createSocket('udp4');
  const inbox = new Inbox();
  socket.on('message', (bytes) => inbox.put(bytes));
  await new Promise<void>((resolve) => socket.bind(0, from, resolve));
  return {
    send: (bytes) => socket.send(Buffer.from(bytes), port, '127.0.0.1'),
    next: (t) => inbox.next(t),
    localPort: socket.address().port,
    close: () => socket.close(),
  };
}

/** A TCP connection, or TLS when the certificate to trust is given; `from` as for `udpPeer`. */
export async function tcpPeer(port: number, trust?: Buffer, from = '127.0.0.1'): Promise<Peer> {
  const tcp = net.connect({ port, host: '127.0.0.1', localAddress: from });
  // TLS over a connection of our own: tls.connect takes no local address.
  const socket = trust ? tls.connect({ socket: tcp, host: '127.0.0.1', ca: trust }) : tcp;
  await new Promise((resolve, reject) => {
    socket.once(trust ? 'secureConnect' : 'connect', resolve);
    socket.once('error', reject);
  });
  const inbox = new Inbox();
  const framer = new StreamFramer();
  let raw = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    // A lone CRLF is the keep-alive pong; anything else is framed as SIP.
    if (chunk.toString() === '\r\n') return inbox.put(chunk);
    raw = Buffer.concat([raw, chunk]);
    for (const frame of framer.push(raw)) if (frame.kind === 'message') inbox.put(frame.bytes);
    raw = Buffer.alloc(0);
  });
  socket.on('error', () => undefined);
  return {
    send: (bytes) => socket.write(bytes),
    next: (t) => inbox.next(t),
    localPort: socket.localPort ?? 0,
    close: () => socket.destroy(),
  };
}

/** A WebSocket, or a secure one when the certificate to trust is given. */
export async function wsPeer(
  port: number,
  protocol = 'sip',
  trust?: Buffer,
): Promise<Peer & { socket: WebSocket }> {
  const socket = new WebSocket(
    `${trust ? 'wss' : 'ws'}://127.0.0.1:${port}`,
    protocol,
    trust ? { ca: trust } : {},
  );
  const inbox = new Inbox();
  socket.on('message', (data: Buffer) => inbox.put(Buffer.from(data)));
  socket.on('error', () => undefined);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    send: (bytes) => socket.send(Buffer.from(bytes).toString('utf8')),
    next: (t) => inbox.next(t),
    localPort: 0,
    close: () => socket.close(),
  };
}

let sequence = 0;

/** A well-formed request; `transport` goes in its Via. */
export function request(method: string, transport: string, extra: string[] = [], body = ''): string {
  sequence++;
  return [
    `${method} sip:100@office.example.com SIP/2.0`,
    `Via: SIP/2.0/${transport} client.invalid:5099;branch=z9hG4bKtest${sequence};rport`,
    'Max-Forwards: 70',
    'To: <sip:100@office.example.com>',
    `From: <sip:200@office.example.com>;tag=t${sequence}`,
    `Call-ID: call-${sequence}@client.invalid`,
    `CSeq: ${sequence} ${method}`,
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}
