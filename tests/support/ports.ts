// Ports free right now on loopback, for servers whose port must be known before they start
// (PostgreSQL, the WebSocket URL in /me/softphone, a sipp UAS the office calls).
import dgram from 'node:dgram';
import net from 'node:net';

export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = dgram.createSocket('udp4');
    probe.once('error', reject);
    probe.bind(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A port free for both UDP and TCP (SIP listens on both with one number). */
export async function freeSipPort(): Promise<number> {
  for (;;) {
    const port = await freeTcpPort();
    const free = await new Promise<boolean>((resolve) => {
      const probe = dgram.createSocket('udp4');
      probe.once('error', () => resolve(false));
      probe.bind(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}
