import net from 'node:net';

/**
 * A TCP connection from `localAddress` (another loopback address is another source) that never
 * sends a byte; resolves once it is up or refused, and stays open until destroyed.
 */
export function idleConnection(port: number, localAddress = '127.0.0.1'): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve(socket));
    socket.once('close', () => resolve(socket));
  });
}
