// The page's side of the browser host's socket, against a real WebSocket server on loopback
// (jsdom's WebSocket client, ws's server).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { socketTransport } from './socket-transport';

async function startEchoServer() {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const connections: ServerSocket[] = [];
  let hung!: () => void;
  const hangReceived = new Promise<void>((resolve) => (hung = resolve));
  wss.on('connection', (socket) => {
    connections.push(socket);
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { id: string; channel: string; payload: unknown };
      if (frame.channel === 'test:hang') return hung();
      socket.send(
        JSON.stringify({
          id: frame.id,
          result: { ok: true, value: { channel: frame.channel, echo: frame.payload } },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ipc`;
  return {
    url,
    connections,
    hangReceived,
    close: () => {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      http.close();
    },
  };
}

let stop: (() => void)[] = [];
afterEach(() => {
  stop.forEach((fn) => fn());
  stop = [];
});

describe('socketTransport', () => {
  it('answers requests made before and after the socket opens, and delivers events', async () => {
    const server = await startEchoServer();
    const transport = socketTransport(() => new WebSocket(server.url));
    stop.push(() => transport.close(), server.close);
    const early = transport.invoke('calls:dial', { target: '101' });
    expect(await early).toEqual({ ok: true, value: { channel: 'calls:dial', echo: { target: '101' } } });
    const events: unknown[] = [];
    const unsubscribe = transport.subscribe('calls:state-changed', (payload) => events.push(payload));
    server.connections[0]!.send(
      JSON.stringify({ event: 'calls:state-changed', payload: { state: 'ringing' } }),
    );
    server.connections[0]!.send('not json');
    await expect(transport.invoke('app:info', {})).resolves.toMatchObject({ ok: true });
    expect(events).toEqual([{ state: 'ringing' }]);
    unsubscribe();
    server.connections[0]!.send(
      JSON.stringify({ event: 'calls:state-changed', payload: { state: 'ended' } }),
    );
    await transport.invoke('app:info', {});
    expect(events).toHaveLength(1);
  });

  it('answers offline for a request lost with the socket, then reconnects by itself', async () => {
    const server = await startEchoServer();
    const transport = socketTransport(() => new WebSocket(server.url));
    stop.push(() => transport.close(), server.close);
    await transport.invoke('app:info', {});
    const lost = transport.invoke('test:hang', {});
    await server.hangReceived;
    server.connections[0]!.terminate();
    expect(await lost).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await transport.invoke('app:info', {})).toMatchObject({ ok: true });
    expect(server.connections).toHaveLength(2);
  });
});
