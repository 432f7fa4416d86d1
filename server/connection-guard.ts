// Caps a server's connections in all and per address, and closes a connection that shows
// nothing valid in time: idle sockets can otherwise use up the process's file descriptors,
// and every other port with them. At a cap a newcomer is not simply refused, which would let a
// flood of idle sockets lock everyone out until they time out: room is made by dropping the
// oldest connection that has shown least (never a valid message first, then one merely valid),
// and connections the server vouches for (an authenticated SIP peer, an HTTP request at work)
// are never dropped. The SIP stream transports share one guard; each HTTP server has its own.
import type net from 'node:net';

export interface ConnectionLimits {
  /** Connections together. */
  maxConnections: number;
  /** From one address: a NAT may put a whole office behind one. */
  maxConnectionsPerAddress: number;
  /**
   * Of `maxConnections`, how many only protected connections hold: the others, however many
   * arrive, fill at most the rest, so the descriptors a flood can take stop short of the cap.
   */
  reservedForProtected: number;
  /** A connection closes when it has shown nothing valid within this time. */
  unconfirmedIdleMs: number;
  /**
   * When set, TCP keep-alive probes start after this long without traffic: they keep a NAT's
   * mapping of the connection open, and a peer that stopped answering them loses its connection
   * (and so a SIP registration over it) after the system's probe count.
   */
  keepAliveIdleMs?: number;
}

/**
 * What a connection has shown: nothing valid yet (`unconfirmed`), a valid message
 * (`confirmed`), or what makes it worth keeping whatever arrives (`protected`: the peer
 * authenticated, or a request is at work on it).
 */
export type Standing = 'unconfirmed' | 'confirmed' | 'protected';

/**
 * A connection's peer, found by address and port: the same on a TLS or WebSocket wrapper as on
 * the raw socket.
 */
export interface Peer {
  remoteAddress?: string | undefined;
  remotePort?: number | undefined;
}

export interface WarningLog {
  warn(details: object, message: string): void;
}

interface Connection {
  key: string;
  address: string;
  socket: net.Socket;
  standing: Standing;
  idle: NodeJS.Timeout | null;
  gone: boolean;
}

/** Connections by standing, each set oldest first (a set keeps insertion order). */
class Roster {
  readonly unconfirmed = new Set<Connection>();
  readonly confirmed = new Set<Connection>();
  protectedCount = 0;

  get size(): number {
    return this.unconfirmed.size + this.confirmed.size + this.protectedCount;
  }

  get unprotected(): number {
    return this.unconfirmed.size + this.confirmed.size;
  }

  /** Who goes first when room is needed; undefined when every connection is protected. */
  firstToDrop(): Connection | undefined {
    return this.unconfirmed.values().next().value ?? this.confirmed.values().next().value;
  }

  add(connection: Connection): void {
    if (connection.standing === 'protected') this.protectedCount++;
    else this[connection.standing].add(connection);
  }

  remove(connection: Connection): void {
    if (connection.standing === 'protected') this.protectedCount--;
    else this[connection.standing].delete(connection);
  }
}

const keyOf = (peer: Peer) => `${peer.remoteAddress}|${peer.remotePort}`;

export class ConnectionGuard {
  private readonly all = new Roster();
  private readonly byAddress = new Map<string, Roster>();
  private readonly byKey = new Map<string, Connection>();
  /**
   * Connections refused at a cap (nothing could be dropped for them), dropped to make room for
   * a newcomer, and closed for showing nothing valid in time.
   */
  readonly stats = { refused: 0, dropped: 0, idleClosed: 0 };

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly log: WarningLog,
    /** Names the guarded service in log lines: `SIP`, `HTTP`. */
    private readonly service: string,
  ) {}

  get open(): number {
    return this.all.size;
  }

  /**
   * Watches a server's raw connections, before any TLS handshake, HTTP request or WebSocket
   * upgrade. It listens after the server's own listener (set when it was made), which has
   * readied the socket: destroyed before that, an HTTP client is left waiting, not told.
   */
  watch(server: net.Server, transport: string): void {
    server.on('connection', (socket: net.Socket) => this.admit(socket, transport));
  }

  /**
   * Raises what the peer's connection has shown (never lowers it): its idle timer stops for
   * good once it shows anything valid.
   */
  raise(peer: Peer, standing: 'confirmed' | 'protected'): void {
    const connection = this.byKey.get(keyOf(peer));
    if (!connection || connection.standing === standing || connection.standing === 'protected') return;
    this.move(connection, standing);
  }

  /** What protected the connection is over (an HTTP answer sent): it is merely confirmed again. */
  release(peer: Peer): void {
    const connection = this.byKey.get(keyOf(peer));
    if (connection?.standing === 'protected') this.move(connection, 'confirmed');
  }

  private move(connection: Connection, standing: Standing): void {
    const rosters = [this.all, this.byAddress.get(connection.address)!];
    for (const roster of rosters) roster.remove(connection);
    connection.standing = standing;
    // Added at the end: among confirmed connections, the one idle longest goes first.
    for (const roster of rosters) roster.add(connection);
    if (connection.idle) clearTimeout(connection.idle);
    connection.idle = null;
  }

  /** A connection past a cap is made room for, or destroyed at once. */
  private admit(socket: net.Socket, transport: string): void {
    const address = socket.remoteAddress ?? '';
    const fromAddress = this.byAddress.get(address) ?? new Roster();
    const full =
      (fromAddress.size >= this.limits.maxConnectionsPerAddress && !this.dropFirst(fromAddress, transport)) ||
      ((this.all.size >= this.limits.maxConnections ||
        this.all.unprotected >= this.limits.maxConnections - this.limits.reservedForProtected) &&
        !this.dropFirst(this.all, transport));
    if (full) {
      this.stats.refused++;
      this.log.warn(
        { transport, address, open: this.all.size, fromAddress: fromAddress.size },
        `${this.service} connection refused: too many connections`,
      );
      socket.destroy();
      return;
    }
    if (this.limits.keepAliveIdleMs !== undefined) socket.setKeepAlive(true, this.limits.keepAliveIdleMs);
    const connection: Connection = {
      key: keyOf(socket),
      address,
      socket,
      standing: 'unconfirmed',
      idle: setTimeout(() => {
        this.stats.idleClosed++;
        this.close(connection);
      }, this.limits.unconfirmedIdleMs),
      gone: false,
    };
    this.byAddress.set(address, fromAddress);
    this.byKey.set(connection.key, connection);
    this.all.add(connection);
    fromAddress.add(connection);
    socket.once('close', () => this.forget(connection));
  }

  /** Drops the roster's first connection to drop; false when it has none (all protected). */
  private dropFirst(roster: Roster, transport: string): boolean {
    const victim = roster.firstToDrop();
    if (!victim) return false;
    this.stats.dropped++;
    this.log.warn(
      { transport, address: victim.address, standing: victim.standing, open: this.all.size },
      `${this.service} connection dropped for a newcomer: too many connections`,
    );
    this.close(victim);
    return true;
  }

  /** Counted out at once: its `close` event comes later, when a newcomer already needs the room. */
  private close(connection: Connection): void {
    this.forget(connection);
    connection.socket.destroy();
  }

  private forget(connection: Connection): void {
    if (connection.gone) return;
    connection.gone = true;
    // A port the peer reused at once may already name a newer connection.
    if (this.byKey.get(connection.key) === connection) this.byKey.delete(connection.key);
    if (connection.idle) clearTimeout(connection.idle);
    this.all.remove(connection);
    const fromAddress = this.byAddress.get(connection.address)!;
    fromAddress.remove(connection);
    if (fromAddress.size === 0) this.byAddress.delete(connection.address);
  }
}
