// Which addresses are this machine's and which networks it sits on: what the office writes in
// Via and Contact when it listens on a wildcard address, and whether a phone's Contact can be
// reached from here or only through the address its requests came from (a NAT in between).
import os from 'node:os';
import { BlockList, isIP, isIPv4 } from 'node:net';

export const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** An IPv4-mapped IPv6 address (a dual-stack socket's view of an IPv4 peer) as plain IPv4. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** A host as written in a SIP URI or Via: IPv6 in brackets. */
export function uriHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * Special-purpose ranges (RFC 6890) that no request crosses the internet to: private, shared
 * (carrier NAT), link-local, unique local. A Contact there is reachable only from its own network.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** Addresses nothing can be sent to: unspecified, "this network", multicast, reserved. */
const UNROUTABLE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  UNROUTABLE.addSubnet(network, prefix, 'ipv4');
UNROUTABLE.addAddress('::', 'ipv6');
UNROUTABLE.addSubnet('ff00::', 8, 'ipv6');

const family = (address: string) => (isIPv4(address) ? 'ipv4' : 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(address: string): boolean {
  const ip = plainAddress(address);
  return isIP(ip) !== 0 && LOOPBACK.check(ip, family(ip));
}

interface Attached {
  address: string;
  /** The network the interface is on. */
  network: BlockList;
}

/** How long the interface list is trusted: interfaces come and go (a VPN, a veth in a test). */
const INTERFACES_TTL_MS = 5_000;

export class LocalNetwork {
  private attached: Attached[] = [];
  private readAt = -Infinity;

  /**
   * `interfaces` reads the machine's network interfaces (tests give their own); the result is
   * kept a few seconds so per-message questions cost no system call.
   */
  constructor(
    private readonly interfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces,
  ) {}

  private current(): Attached[] {
    const now = performance.now();
    if (now - this.readAt < INTERFACES_TTL_MS) return this.attached;
    this.readAt = now;
    this.attached = Object.values(this.interfaces())
      .flatMap((list) => list ?? [])
      .map((info) => {
        const network = new BlockList();
        const prefix = Number(info.cidr?.split('/')[1] ?? (info.family === 'IPv4' ? 32 : 128));
        network.addSubnet(info.address, prefix, info.family === 'IPv4' ? 'ipv4' : 'ipv6');
        return { address: info.address, network };
      });
    return this.attached;
  }

  /** This machine's own address on the network `peer` is on, or null when the peer is not on one of them. */
  addressFacing(peer: string): string | null {
    const ip = plainAddress(peer);
    if (!isIP(ip)) return null;
    const kind = family(ip);
    for (const { address, network } of this.current())
      if (family(address) === kind && network.check(ip, kind)) return address;
    return null;
  }

  /** The peer sits on a network this machine is attached to (loopback included). */
  isNear(peer: string): boolean {
    return this.addressFacing(peer) !== null;
  }

  /**
   * Whether a request sent to `address` can arrive: an address on one of our networks, or a
   * public one. A private address elsewhere is some NAT's inside, and an unroutable one nowhere.
   */
  isReachable(address: string): boolean {
    const ip = plainAddress(address);
    if (!isIP(ip)) return false;
    const kind = family(ip);
    if (UNROUTABLE.check(ip, kind)) return false;
    if (this.isNear(ip)) return true;
    return !PRIVATE.check(ip, kind);
  }

  /** Every address of this machine: a Request-URI naming one of them means this office. */
  ownAddresses(): string[] {
    return this.current().map((a) => a.address);
  }
}
