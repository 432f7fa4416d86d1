// The agent's RTP sockets come from one configured port range (firewalls open just that), an
// even port per stream as RFC 3550 asks. A port something else holds is skipped.
import dgram from 'node:dgram';

export class PortPool {
  private next: number;

  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1024 || max > 65535 || max - min < 2)
      throw new Error(`RTP port range ${min}-${max} must lie within 1024-65535 and hold at least two ports`);
    this.next = min + (min % 2);
  }

  /** A UDP socket bound to a free even port of the range, or null when every one is taken. */
  async bind(host: string): Promise<dgram.Socket | null> {
    const count = Math.floor((this.max - this.min) / 2) + 1;
    for (let tried = 0; tried < count; tried++) {
      const port = this.next;
      this.next = port + 2 > this.max ? this.min + (this.min % 2) : port + 2;
      const socket = dgram.createSocket('udp4');
      const bound = await new Promise<boolean>((resolve) => {
        socket.once('error', () => resolve(false));
        socket.bind(port, host, () => resolve(true));
      });
      if (bound) return socket;
      socket.close();
    }
    return null;
  }
}
