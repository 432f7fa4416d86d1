// A flood of idle SIP connections (TCP and WebSocket, from many addresses) cannot use up the
// process: connections are capped in all and per address, the ones that never send SIP are
// closed, and SIP and the HTTP API keep answering throughout.
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIP_CONNECTION_LIMITS } from '../../server/sip/transports/transport';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { request, tcpPeer, udpPeer, type Peer } from './support';
import { idleConnection } from '../support/idle-connection';

const LIMITS = {
  ...DEFAULT_SIP_CONNECTION_LIMITS,
  maxConnections: 300,
  maxConnectionsPerAddress: 40,
  reservedForProtected: 60,
  unconfirmedIdleMs: 3_000,
};
/** What a flood of sockets that never send SIP can hold at most. */
const UNPROTECTED_CAP = LIMITS.maxConnections - LIMITS.reservedForProtected;
const ADDRESSES = 25;
const PER_ADDRESS = 80;

async function answersOptions(peer: Peer, transport: string): Promise<number> {
  peer.send(request('OPTIONS', transport));
  return (parseMessage(await peer.next(5000)) as SipResponse).status;
}

describe('SIP connection limits', () => {
  let started: SipOffice;
  beforeAll(async () => {
    started = await startSipOffice({}, { connections: LIMITS });
  });
  afterAll(() => started?.close());

  it('caps a flood of idle connections, closes them when idle, and keeps serving SIP and HTTP', async () => {
    const { sip, office } = started;
    const phone = await tcpPeer(sip.ports.tcp);
    expect(await answersOptions(phone, 'TCP')).toBe(200); // a real SIP peer, before the flood
    const heapBefore = process.memoryUsage().heapUsed;

    // 2,000 connections from 25 addresses, half to the TCP port, half to the WebSocket port.
    const flood: net.Socket[] = [];
    for (let a = 0; a < ADDRESSES; a++) {
      const from = `127.0.${1 + (a >> 8)}.${2 + (a & 255)}`;
      const port = a % 2 === 0 ? sip.ports.tcp : sip.ports.ws;
      flood.push(
        ...(await Promise.all(Array.from({ length: PER_ADDRESS }, () => idleConnection(port, from)))),
      );
    }
    await expect
      .poll(() => sip.connections.stats.refused + sip.connections.stats.dropped)
      .toBeGreaterThanOrEqual(ADDRESSES * PER_ADDRESS - UNPROTECTED_CAP);
    expect(sip.connections.open).toBeLessThanOrEqual(UNPROTECTED_CAP);

    // Everyone else is still served: the HTTP API, SIP over UDP, and the phone already connected.
    expect((await office.request('GET', '/health')).status).toBe(200);
    const udp = await udpPeer(sip.ports.udp);
    expect(await answersOptions(udp, 'UDP')).toBe(200);
    expect(await answersOptions(phone, 'TCP')).toBe(200);

    // Connections that never sent SIP are closed; the phone's stays, and newcomers get in again.
    await expect.poll(() => sip.connections.open, { timeout: 10_000 }).toBe(1);
    expect(sip.connections.stats.idleClosed).toBeGreaterThan(0);
    const newcomer = await tcpPeer(sip.ports.tcp);
    expect(await answersOptions(newcomer, 'TCP')).toBe(200);
    expect(await answersOptions(phone, 'TCP')).toBe(200);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);

    for (const socket of flood) socket.destroy();
    for (const peer of [phone, udp, newcomer]) peer.close();
  }, 60_000);
});
