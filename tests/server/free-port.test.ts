// Ports chosen ahead of listening come from below the kernel's ephemeral range, where no
// outgoing connection can take them in between.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freeSipPort, freeTcpPort, freeUdpPort } from '../../server/free-port';

const ephemeralStart = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);

const listenTcp = (port: number) =>
  new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

const bindUdp = (port: number) =>
  new Promise<dgram.Socket>((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });

describe('free ports', () => {
  it('are below the ephemeral range and can be taken for TCP, UDP or both', async () => {
    const [tcp, udp, sip] = await Promise.all([freeTcpPort(), freeUdpPort(), freeSipPort()]);
    for (const port of [tcp, udp, sip]) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(ephemeralStart);
    }
    const taken = [await listenTcp(tcp), await listenTcp(sip)];
    const bound = [await bindUdp(udp), await bindUdp(sip)];
    await Promise.all(taken.map((server) => new Promise((done) => server.close(done))));
    await Promise.all(bound.map((socket) => new Promise<void>((done) => socket.close(done))));
  });

  it('skip a port something already listens on', async () => {
    const held = await Promise.all(Array.from({ length: 50 }, () => freeTcpPort().then(listenTcp)));
    const heldPorts = new Set(held.map((server) => (server.address() as net.AddressInfo).port));
    const chosen = await Promise.all(Array.from({ length: 200 }, () => freeTcpPort()));
    expect(chosen.filter((port) => heldPorts.has(port))).toEqual([]);
    await Promise.all(held.map((server) => new Promise((done) => server.close(done))));
  });
});
