// A carrier's addresses as an admin writes them (an IP address, a CIDR block, a DNS name), read
// exactly, and the in-memory set a request's source is matched against: no database and no DNS
// on the way of a packet.
import { BlockList, isIP } from 'node:net';

export type TrunkAddressEntry =
  | { kind: 'ip'; address: string; family: 'ipv4' | 'ipv6' }
  | { kind: 'cidr'; network: string; prefix: number; family: 'ipv4' | 'ipv6' }
  | { kind: 'name'; name: string };

/** Why an entry is not an address, in words for the admin. */
export class AddressError extends Error {}

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A DNS name (RFC 1123 labels). Its last label may not be all digits (RFC 3696 §2): `203.0.113.300`
 * is a mistyped address, not a name.
 */
export function isHostName(text: string): boolean {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  return labels.every((label) => LABEL.test(label)) && !/^[0-9]+$/.test(labels[labels.length - 1]!);
}

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** An IPv4 address written as IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket reports it) as IPv4. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** Reads one entry; throws AddressError saying what is wrong with it. */
export function parseTrunkAddress(text: string): TrunkAddressEntry {
  const slash = text.indexOf('/');
  if (slash !== -1) {
    const network = text.slice(0, slash);
    const prefixText = text.slice(slash + 1);
    if (isIP(network) === 0)
      throw new AddressError(`${text} is not a CIDR block: ${network} is not an IP address`);
    const family = familyOf(network);
    const prefix = Number(prefixText);
    const most = family === 'ipv4' ? 32 : 128;
    if (!/^[0-9]{1,3}$/.test(prefixText) || prefix > most)
      throw new AddressError(`${text} is not a CIDR block: the prefix length must be 0 to ${most}`);
    if (prefix < (family === 'ipv4' ? 8 : 32))
      throw new AddressError(
        `${text} is too wide: a carrier's block is at most a /${family === 'ipv4' ? 8 : 32}`,
      );
    return { kind: 'cidr', network, prefix, family };
  }
  if (isIP(text) !== 0) return { kind: 'ip', address: plainAddress(text), family: familyOf(text) };
  if (isHostName(text)) return { kind: 'name', name: text.toLowerCase().replace(/\.$/, '') };
  throw new AddressError(`${text} is neither an IP address, a CIDR block nor a host name`);
}

/** A carrier host (registrar, or where calls out go): an IP address or a DNS name, no block. */
export function checkTrunkHost(text: string): TrunkAddressEntry {
  if (text.includes('/')) throw new AddressError(`${text} is a block of addresses, not one host`);
  return parseTrunkAddress(text);
}

/** Where requests may come from: addresses and blocks, matched without any lookup. */
export class SourceSet {
  private readonly list = new BlockList();
  private entries = 0;

  add(entry: TrunkAddressEntry): void {
    if (entry.kind === 'ip') this.list.addAddress(entry.address, entry.family);
    else if (entry.kind === 'cidr') this.list.addSubnet(entry.network, entry.prefix, entry.family);
    else return;
    this.entries++;
  }

  /** Resolved addresses of a name. */
  addResolved(addresses: string[]): void {
    for (const address of addresses)
      this.add({ kind: 'ip', address: plainAddress(address), family: familyOf(address) });
  }

  get size(): number {
    return this.entries;
  }

  has(address: string): boolean {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }
}
