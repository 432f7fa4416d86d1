// The address the office writes in Via and Contact (and hands the media agent for SDP): never a
// wildcard. A phone on one of this machine's networks gets the address of the interface it
// reached; any other gets the configured public address (the office behind a NAT of its own),
// else the address the machine sends from.
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Flow } from './transport';
import { LocalNetwork, WILDCARD_HOSTS, plainAddress } from './local-network';

/** A documentation address (RFC 5737): connecting a UDP socket to it sends nothing, but routes. */
const FAR_AWAY = '198.51.100.1';

/**
 * The source address the kernel picks for traffic to far networks: a UDP socket is connected
 * (a route lookup, no packet leaves) and asked for its own address. Null with no default route.
 */
export async function defaultSourceAddress(): Promise<string | null> {
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(9, FAR_AWAY, () => resolve());
    });
    return socket.address().address;
  } catch {
    return null;
  } finally {
    socket.close();
  }
}

/** A host name resolved once, at start: SDP and Via carry an IP, never a name to look up. */
export async function resolveOnce(host: string, what: string): Promise<string> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return bare;
  try {
    return (await lookup(bare)).address;
  } catch (error) {
    throw new Error(`Cannot resolve ${what} ${host}: ${(error as Error).message}`);
  }
}

export class AdvertisedAddress {
  /**
   * `publicIp`: what phones beyond this machine's networks reach the office at (null: no such
   * address, or a loopback one that means nothing to them). `defaultSource`: the address the
   * machine sends from towards them.
   */
  constructor(
    private readonly network = new LocalNetwork(),
    private readonly publicIp: string | null = null,
    private readonly defaultSource: string | null = null,
  ) {}

  /** The address to write for messages over `flow` on a transport bound to `bound`. */
  for(bound: string, flow: Flow): string {
    const facing = this.network.addressFacing(flow.address);
    if (facing === null && this.publicIp !== null) return this.publicIp;
    if (!WILDCARD_HOSTS.has(bound)) return bound;
    const local = flow.local && !WILDCARD_HOSTS.has(flow.local) ? plainAddress(flow.local) : null;
    return local ?? facing ?? this.defaultSource ?? this.publicIp ?? '127.0.0.1';
  }
}
