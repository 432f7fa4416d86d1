// Caps the connections of every stream transport together (TCP, TLS, WS, WSS), in all and per
// address, and closes a connection that sends no valid SIP message in time: idle sockets can
// otherwise use up the process's file descriptors, and the HTTP API with them.
import type net from 'node:net';
import type { RateLimitedLog } from './rate-limited-log';

export interface ConnectionLimits {
  /** All stream connections together (Kamailio's tcp_max_connections default). */
  maxConnections: number;
  /** From one address: a NAT may put a whole office's phones behind one. */
  maxConnectionsPerAddress: number;
  /** A connection closes when no valid SIP message came over it within this time. */
  unconfirmedIdleMs: number;
  /**
   * TCP keep-alive probes start after this long without traffic: they keep a NAT's mapping of
   * the connection open, and a peer that stopped answering them ends its connection (and so its
   * registration) after the system's probe count.
   */
  keepAliveIdleMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 2048,
  maxConnectionsPerAddress: 256,
  unconfirmedIdleMs: 120_000,
  keepAliveIdleMs: 25_000,
};

export class ConnectionGuard {
  private total = 0;
  private readonly perAddress = new Map<string, number>();
  /** Stops the idle timer, per admitted connection (`address|port`). */
  private readonly confirmers = new Map<string, () => void>();
  /** Connections closed at once because a cap was reached, and for never sending SIP in time. */
  readonly stats = { refused: 0, idleClosed: 0 };

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly log: RateLimitedLog,
  ) {}

  get open(): number {
    return this.total;
  }

  /**
   * Watches a server's raw connections, before any TLS handshake or WebSocket upgrade: a socket
   * past a cap is destroyed at once. Register before the server's own connection listeners.
   */
  watch(server: net.Server, transport: string): void {
    server.on('connection', (socket: net.Socket) => this.admit(socket, transport));
  }

  /**
   * Stops the idle timer of an admitted connection (found by its peer's address and port, the
   * same on a TLS or WebSocket wrapper as on the raw socket).
   */
  confirm(socket: { remoteAddress?: string | undefined; remotePort?: number | undefined }): void {
    this.confirmers.get(`${socket.remoteAddress}|${socket.remotePort}`)?.();
  }

  private admit(socket: net.Socket, transport: string): void {
    const address = socket.remoteAddress ?? '';
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (this.total >= this.limits.maxConnections || fromAddress >= this.limits.maxConnectionsPerAddress) {
      this.stats.refused++;
      this.log.warn(
        { transport, address, open: this.total, fromAddress },
        'SIP connection refused: too many connections',
      );
      socket.destroy();
      return;
    }
    this.total++;
    this.perAddress.set(address, fromAddress + 1);
    socket.setKeepAlive(true, this.limits.keepAliveIdleMs);
    const key = `${address}|${socket.remotePort}`;
    const idle = setTimeout(() => {
      this.stats.idleClosed++;
      socket.destroy();
    }, this.limits.unconfirmedIdleMs);
    this.confirmers.set(key, () => clearTimeout(idle));
    socket.once('close', () => {
      clearTimeout(idle);
      this.confirmers.delete(key);
      this.total--;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left === 0) this.perAddress.delete(address);
      else this.perAddress.set(address, left);
    });
  }
}
