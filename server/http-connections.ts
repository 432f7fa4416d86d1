// The connection caps of an HTTP server: the office's API and the browser host's page both.
// A socket is confirmed by its first request and protected while a request is at work on it
// (an event stream the whole time it is open), so at a cap the first to go are sockets that
// never sent a request, then the keep-alive sockets idle longest; never one mid-answer.
import type { Server } from 'node:http';
import { ConnectionGuard, type ConnectionLimits, type WarningLog } from './connection-guard';

/**
 * A desktop app holds an event stream and a keep-alive socket or two, so 4,096 serve an office
 * of well over a thousand people online, and 1,024 from one address a whole office behind
 * one NAT. With SIP's 2,048 (and a browser host's 4,096 when it runs in the same process)
 * that stays well below the 20,000 descriptors a process gets here (`ulimit -n`), keeping
 * the rest for SIP, media, the database and files. A socket that sends no complete request
 * head within 5 s is closed: a page or app sends its request at once.
 */
export const DEFAULT_HTTP_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 4096,
  maxConnectionsPerAddress: 1024,
  reservedForProtected: 512,
  unconfirmedIdleMs: 5_000,
};

const silentLog: WarningLog = { warn: () => undefined };

export interface HttpGuardOptions {
  limits?: ConnectionLimits;
  /** Where refused connections are told (rate-limited: a flood is thousands a second). */
  log?: WarningLog;
}

export function guardHttpConnections(server: Server, options: HttpGuardOptions = {}): ConnectionGuard {
  const { limits = DEFAULT_HTTP_CONNECTION_LIMITS, log = silentLog } = options;
  const guard = new ConnectionGuard(limits, log, 'HTTP');
  guard.watch(server, 'HTTP');
  // Requests pipelined on one socket are answered in turn: it is released after the last.
  const atWork = new WeakMap<object, number>();
  server.on('request', (request, response) => {
    const socket = request.socket;
    atWork.set(socket, (atWork.get(socket) ?? 0) + 1);
    guard.raise(socket, 'protected');
    response.once('close', () => {
      const left = atWork.get(socket)! - 1;
      atWork.set(socket, left);
      if (left === 0) guard.release(socket);
    });
  });
  return guard;
}
