// The one connection guard behind SIP's stream transports and the HTTP servers, on a real TCP
// server: which connection goes when a cap is reached, and which never does.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionGuard, type ConnectionLimits } from '../../server/connection-guard';

const silent = { warn: () => undefined };

interface Guarded {
  guard: ConnectionGuard;
  port: number;
  /** The server's side of each admitted connection, by the client's local port. */
  accepted: Map<number, net.Socket>;
  close(): Promise<void>;
}

async function guardedServer(limits: Partial<ConnectionLimits>): Promise<Guarded> {
  const guard = new ConnectionGuard(
    {
      maxConnections: 4,
      maxConnectionsPerAddress: 4,
      reservedForProtected: 0,
      unconfirmedIdleMs: 60_000,
      ...limits,
    },
    silent,
    'TEST',
  );
  const server = net.createServer();
  const accepted = new Map<number, net.Socket>();
  guard.watch(server, 'TCP');
  server.on('connection', (socket) => {
    if (!socket.destroyed) accepted.set(socket.remotePort!, socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    guard,
    port: (server.address() as net.AddressInfo).port,
    accepted,
    close: () => {
      for (const socket of accepted.values()) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const clients: net.Socket[] = [];

/** A client connection, once the server has admitted it or closed it. */
async function connect(
  guarded: Guarded,
  localAddress = '127.0.0.1',
): Promise<{ socket: net.Socket; closed: () => boolean }> {
  const socket = net.connect({ port: guarded.port, host: '127.0.0.1', localAddress });
  clients.push(socket);
  let closed = false;
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  await new Promise((resolve) => socket.once('connect', resolve));
  await expect.poll(() => closed || guarded.accepted.has(socket.localPort!)).toBe(true);
  // Room made for it closes another connection: let that close reach its client too.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { socket, closed: () => closed };
}

/** The server's side of a client connection, as a peer the guard can be told about. */
const peerOf = (guarded: Guarded, client: net.Socket) => guarded.accepted.get(client.localPort!)!;

let running: Guarded | null = null;
afterEach(async () => {
  for (const socket of clients.splice(0)) socket.destroy();
  await running?.close();
  running = null;
});

describe('ConnectionGuard', () => {
  it('makes room at the cap by dropping the oldest unconfirmed connection, then the oldest confirmed', async () => {
    const guarded = (running = await guardedServer({ maxConnections: 3 }));
    const first = await connect(guarded);
    const second = await connect(guarded);
    const third = await connect(guarded);
    guarded.guard.raise(peerOf(guarded, first.socket), 'confirmed');

    const fourth = await connect(guarded);
    expect(second.closed()).toBe(true); // the oldest that never showed anything
    expect([first.closed(), third.closed(), fourth.closed()]).toEqual([false, false, false]);

    guarded.guard.raise(peerOf(guarded, third.socket), 'confirmed');
    guarded.guard.raise(peerOf(guarded, fourth.socket), 'confirmed');
    const fifth = await connect(guarded);
    expect(first.closed()).toBe(true); // no unconfirmed left: the confirmed one idle longest
    expect([third.closed(), fourth.closed(), fifth.closed()]).toEqual([false, false, false]);
    expect(guarded.guard.stats).toMatchObject({ dropped: 2, refused: 0 });
    expect(guarded.guard.open).toBe(3);
  });

  it('never drops a protected connection: with every place protected, a newcomer is refused', async () => {
    const guarded = (running = await guardedServer({ maxConnections: 2 }));
    const kept = [await connect(guarded), await connect(guarded)];
    for (const { socket } of kept) guarded.guard.raise(peerOf(guarded, socket), 'protected');
    // Lowering is not a thing `raise` does: confirmed stays protected.
    guarded.guard.raise(peerOf(guarded, kept[0]!.socket), 'confirmed');

    const newcomer = await connect(guarded);
    expect(newcomer.closed()).toBe(true);
    expect(kept.map((k) => k.closed())).toEqual([false, false]);
    expect(guarded.guard.stats.refused).toBe(1);

    // Released (an HTTP answer sent), it is merely confirmed again, and may go for a newcomer.
    guarded.guard.release(peerOf(guarded, kept[0]!.socket));
    const next = await connect(guarded);
    expect(kept[0]!.closed()).toBe(true);
    expect([kept[1]!.closed(), next.closed()]).toEqual([false, false]);
  });

  it('keeps the reserve for protected connections: unprotected ones fill only the rest', async () => {
    const guarded = (running = await guardedServer({ maxConnections: 4, reservedForProtected: 2 }));
    const flood = [];
    for (let i = 0; i < 5; i++) flood.push(await connect(guarded));
    expect(guarded.guard.open).toBe(2);
    expect(flood.map((f) => f.closed())).toEqual([true, true, true, false, false]);

    // Protected, they may take the reserved places; the newcomers still fit beside them.
    for (const { socket } of flood.slice(3)) guarded.guard.raise(peerOf(guarded, socket), 'protected');
    const later = [await connect(guarded), await connect(guarded)];
    expect(guarded.guard.open).toBe(4);
    expect(later.map((f) => f.closed())).toEqual([false, false]);
  });

  it('makes room within the address that reached its own cap, leaving other addresses alone', async () => {
    const guarded = (running = await guardedServer({ maxConnections: 10, maxConnectionsPerAddress: 2 }));
    const other = await connect(guarded, '127.0.0.2');
    const own = [await connect(guarded), await connect(guarded)];
    const third = await connect(guarded);
    expect(own.map((o) => o.closed())).toEqual([true, false]);
    expect([other.closed(), third.closed()]).toEqual([false, false]);
  });

  it('closes a connection that shows nothing in time, and keeps one that did', async () => {
    const guarded = (running = await guardedServer({ unconfirmedIdleMs: 300 }));
    const silentOne = await connect(guarded);
    const talker = await connect(guarded);
    guarded.guard.raise(peerOf(guarded, talker.socket), 'confirmed');
    await expect.poll(() => silentOne.closed(), { timeout: 3_000 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(talker.closed()).toBe(false);
    expect(guarded.guard.stats.idleClosed).toBe(1);
    expect(guarded.guard.open).toBe(1);
  });
});
