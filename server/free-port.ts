// Ports free right now, for servers whose port must be known before they listen: the office's
// HTTP port (written into mails) and SIP WebSocket port (in /me/softphone) when asked for any
// free port, and in tests PostgreSQL, a sipp UAS and the like.
//
// They are drawn below the kernel's ephemeral range. A port the kernel hands out for port 0 is
// also the kind it gives every outgoing connection, so between the probe closing and the server
// listening, a client socket elsewhere on the machine could take it (a parallel test's did, once,
// in CI). Nothing takes a port below that range unless it asks for that very port.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const LOWEST = 10_000;

function ephemeralRangeStart(): number {
  try {
    const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
    return Number.isInteger(first) && first > LOWEST + 1000 ? first : 32_768;
  } catch {
    return 32_768;
  }
}

const ABOVE_LAST = ephemeralRangeStart();

function candidatePort(): number {
  return LOWEST + Math.floor(Math.random() * (ABOVE_LAST - LOWEST));
}

function tcpPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function udpPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    probe.once('error', () => resolve(false));
    probe.bind(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * `avoid` holds ports already chosen for other servers of the same start: a probe closes at once,
 * so until those servers listen, nothing else keeps a second choice from landing on them.
 */
async function freePort(
  host: string,
  isFree: (host: string, port: number) => Promise<boolean>,
  avoid: readonly number[],
): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = candidatePort();
    if (!avoid.includes(port) && (await isFree(host, port))) return port;
  }
  throw new Error(`No free port found between ${LOWEST} and ${ABOVE_LAST - 1} in 100 tries`);
}

export function freeTcpPort(host = '127.0.0.1', avoid: readonly number[] = []): Promise<number> {
  return freePort(host, tcpPortFree, avoid);
}

export function freeUdpPort(host = '127.0.0.1', avoid: readonly number[] = []): Promise<number> {
  return freePort(host, udpPortFree, avoid);
}

/** A port free for both UDP and TCP (SIP listens on both with one number). */
export function freeSipPort(host = '127.0.0.1', avoid: readonly number[] = []): Promise<number> {
  return freePort(
    host,
    async (h, port) => (await tcpPortFree(h, port)) && (await udpPortFree(h, port)),
    avoid,
  );
}
