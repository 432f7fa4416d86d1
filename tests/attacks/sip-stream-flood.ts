// Idle TCP and WebSocket connections, 2,048 from 8 addresses (256 each, as many as one address
// may hold), fill the office's SIP connection cap; meanwhile a fresh phone registers over TCP and
// over WebSocket. Then a second flood from 8 other addresses: the phone that authenticated keeps
// its connection. Run it against a fresh office:
//   npx tsx tests/attacks/sip-stream-flood.ts --url URL --sip-tcp-port N --sip-ws-port N \
//     --email OWNER --password PASSWORD
// It prints one line per attack and exits 1 when the flood locked a phone out.
import type net from 'node:net';
import { pathToFileURL } from 'node:url';
import { tcpPeer, wsPeer, type Peer } from '../sip/support';
import { idleConnection } from '../support/idle-connection';
import { attackFromCommandLine, ownerToken, type AttackOutcome, type Owner } from './client';
import { answersOptions, register, softphoneAccount } from './sip-phone';

const ADDRESSES = 8;
const PER_ADDRESS = 256;

/** 2,048 idle connections, half of the addresses to the TCP port and half to the WebSocket port. */
async function flood(ports: SipPorts, round: number): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  for (let a = 0; a < ADDRESSES; a++) {
    const from = `127.0.${40 + round}.${1 + a}`;
    const port = a % 2 === 0 ? ports.tcp : ports.ws;
    sockets.push(
      ...(await Promise.all(Array.from({ length: PER_ADDRESS }, () => idleConnection(port, from)))),
    );
  }
  return sockets;
}

export interface SipPorts {
  tcp: number;
  ws: number;
}

export async function floodSipStreams(
  baseUrl: string,
  ports: SipPorts,
  owner: Owner,
): Promise<AttackOutcome[]> {
  const token = await ownerToken(baseUrl, owner);
  const account = await softphoneAccount(baseUrl, token);
  const outcomes: AttackOutcome[] = [];
  const held: net.Socket[] = [];
  const peers: Peer[] = [];
  try {
    held.push(...(await flood(ports, 0)));
    const stillOpen = held.filter((s) => !s.destroyed).length;
    for (const [transport, open] of [
      ['TCP', () => tcpPeer(ports.tcp)],
      ['WS', () => wsPeer(ports.ws)],
    ] as const) {
      const peer = await open().catch(() => null);
      if (peer) peers.push(peer);
      const status = peer ? await register(peer, transport, account) : 0;
      outcomes.push({
        attack: `a fresh phone registering over ${transport} during a flood of ${ADDRESSES * PER_ADDRESS} idle connections`,
        succeeded: status !== 200,
        detail: `${peer ? `REGISTER answered ${status || 'nothing'}` : 'connection refused'}; ${stillOpen} flood connections open at the attacker`,
      });
    }
    // The phones authenticated: a second flood from other addresses must not push them out.
    held.push(...(await flood(ports, 1)));
    const [tcpPhone] = peers;
    const kept = tcpPhone ? await answersOptions(tcpPhone, 'TCP') : false;
    outcomes.push({
      attack: 'a second flood pushing out the phone that authenticated',
      succeeded: !kept,
      detail: kept ? 'its connection still answers OPTIONS' : 'its connection is gone',
    });
  } finally {
    for (const socket of held) socket.destroy();
    for (const peer of peers) peer.close();
  }
  return outcomes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await attackFromCommandLine(
    'sip-stream-flood.ts',
    ['sip-tcp-port', 'sip-ws-port', 'email', 'password'],
    (flags) =>
      floodSipStreams(
        flags.url,
        { tcp: Number(flags['sip-tcp-port']), ws: Number(flags['sip-ws-port']) },
        flags,
      ),
  );
