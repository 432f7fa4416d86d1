// What counts as this machine's networks, what a Contact can be reached at, and what the office
// writes for a flow: with the interfaces given, so the answers do not depend on the machine.
import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { LocalNetwork } from '../../server/sip/transports/local-network';
import { AdvertisedAddress } from '../../server/sip/transports/advertised-address';
import type { Flow } from '../../server/sip/transports/transport';

const info = (address: string, cidr: string): os.NetworkInterfaceInfo =>
  ({ address, cidr, family: 'IPv4', netmask: '', mac: '', internal: false }) as os.NetworkInterfaceInfo;
const network = new LocalNetwork(() => ({
  lo: [info('127.0.0.1', '127.0.0.1/8')],
  lan: [info('192.168.1.10', '192.168.1.10/24')],
}));
const udp = (address: string): Flow => ({ transport: 'UDP', address, port: 5060, connectionId: null });

describe('the local network', () => {
  it('reaches public addresses and its own networks, not private ones elsewhere nor unroutable ones', () => {
    expect(network.isReachable('192.168.1.77')).toBe(true);
    expect(network.isReachable('127.0.0.2')).toBe(true);
    expect(network.isReachable('203.0.113.5')).toBe(true);
    expect(network.isReachable('10.9.9.9')).toBe(false);
    expect(network.isReachable('192.168.2.7')).toBe(false);
    expect(network.isReachable('100.64.0.1')).toBe(false);
    expect(network.isReachable('0.0.0.0')).toBe(false);
    expect(network.isReachable('224.0.0.1')).toBe(false);
    expect(network.isReachable('phone.example.com')).toBe(false);
    expect(network.addressFacing('::ffff:192.168.1.77')).toBe('192.168.1.10');
  });

  it('writes the interface a near phone reached, the public address for a far one, never a wildcard', () => {
    const withPublic = new AdvertisedAddress(network, '198.51.100.7', '192.168.1.10');
    expect(withPublic.for('0.0.0.0', udp('192.168.1.77'))).toBe('192.168.1.10');
    expect(withPublic.for('0.0.0.0', udp('127.0.0.1'))).toBe('127.0.0.1');
    expect(withPublic.for('0.0.0.0', udp('203.0.113.5'))).toBe('198.51.100.7');
    expect(withPublic.for('192.168.1.10', udp('203.0.113.5'))).toBe('198.51.100.7');
    const stream: Flow = {
      transport: 'TCP',
      address: '192.168.1.77',
      port: 40000,
      connectionId: 'c',
      local: '::ffff:192.168.1.10',
    };
    expect(withPublic.for('::', stream)).toBe('192.168.1.10');
    const without = new AdvertisedAddress(network, null, '192.168.1.10');
    expect(without.for('0.0.0.0', udp('203.0.113.5'))).toBe('192.168.1.10');
    expect(without.for('127.0.0.1', udp('127.0.0.1'))).toBe('127.0.0.1');
  });
});
