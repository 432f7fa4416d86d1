import type { EventEmitter } from 'node:events';
import type tls from 'node:tls';
import { silentLogger } from '../../logger';
import { ConnectionGuard, type ConnectionLimits } from '../../connection-guard';
import { RateLimitedLog } from '../../rate-limited-log';

export type TransportName = 'UDP' | 'TCP' | 'TLS' | 'WS' | 'WSS';

/** Where a message came from, and so where its answers go back. */
export interface Flow {
  transport: TransportName;
  address: string;
  port: number;
  /** The connection of a connection-oriented transport; null for UDP. */
  connectionId: string | null;
  /** The office's own address the connection reached (streams only: a datagram does not say). */
  local?: string;
}

export interface TransportEvents {
  message: [bytes: Buffer, flow: Flow];
  /** A connection ended: bindings that rode on it are gone (RFC 5626 / RFC 7118 §5). */
  closed: [connectionId: string];
}

export interface SipTransport extends EventEmitter<TransportEvents> {
  readonly name: TransportName;
  /** The address it listens on (maybe a wildcard: see AdvertisedAddress for what is written). */
  readonly host: string;
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  listen(): Promise<void>;
  /**
   * What came over the flow: a valid SIP message (`confirmed`: a SIP peer, not an idle socket),
   * or a request that passed digest authentication (`protected`: never dropped for a newcomer).
   */
  confirm(flow: Flow, standing: 'confirmed' | 'protected'): void;
  /** Sends over the flow; false when its connection is gone. */
  send(flow: Flow, bytes: Buffer): boolean;
  close(): Promise<void>;
}

/** RFC 5626 §4.4.1: a double CRLF is a keep-alive ping, answered with a single CRLF pong. */
export const KEEPALIVE_PING = '\r\n\r\n';
export const KEEPALIVE_PONG = Buffer.from('\r\n');

/** Starts a server or socket and resolves once it listens; a bind error (port taken) rejects. */
export function listening(target: EventEmitter, start: (ready: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    target.once('error', reject);
    start(() => {
      target.off('error', reject);
      resolve();
    });
  });
}

/**
 * Stream connections (TCP, TLS, WS, WSS together). 2,048 is Kamailio's tcp_max_connections
 * default; with the HTTP API's cap (server/http-connections.ts) it stays far below the
 * 20,000 descriptors a process gets here (`ulimit -n`), leaving the rest to the media agent's
 * sockets, the database and files. 512 places are held only by connections that authenticated,
 * which a flood cannot take; a socket that sends no valid SIP goes after two minutes, or
 * sooner when a newcomer needs its place. Keep-alive probes after 25 s idle keep a phone's NAT
 * mapping open (most NATs forget an idle TCP mapping after a few minutes at best).
 */
export const DEFAULT_SIP_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 2048,
  maxConnectionsPerAddress: 256,
  reservedForProtected: 512,
  unconfirmedIdleMs: 120_000,
  keepAliveIdleMs: 25_000,
};

/** What stream transports share: the certificate for TLS/WSS, the connection caps, the error log. */
export interface StreamTransportOptions {
  tls?: tls.TlsOptions;
  guard?: ConnectionGuard;
  log?: RateLimitedLog;
}

/** The options with their defaults filled in (a transport on its own, in tests). */
export function streamDefaults(
  options: StreamTransportOptions,
): Required<Omit<StreamTransportOptions, 'tls'>> {
  const log = options.log ?? new RateLimitedLog(silentLogger);
  return { log, guard: options.guard ?? new ConnectionGuard(DEFAULT_SIP_CONNECTION_LIMITS, log, 'SIP') };
}
