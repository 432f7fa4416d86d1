// The contract over the browser host's WebSocket: frames `{ id, channel, payload }` in,
// `{ id, result }` and `{ event, payload }` out. The socket's upgrade is checked elsewhere
// (token and Origin); here every frame is checked before the router sees it.
import type { WebSocket } from 'ws';
import type { IpcError, IpcResult } from '../../common/ipc/result';
import type { ChannelHandler, IpcTransport, Sender } from '../ipc/transport';

/** Requests one page may have in flight at once; more is a runaway page, not a person. */
export const MAX_IN_FLIGHT = 32;

const RequestId = /^[A-Za-z0-9_-]{1,64}$/;

interface Frame {
  id: string;
  channel: string;
  payload: unknown;
}

function parseFrame(data: string): Frame | IpcError {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return { code: 'invalid_json', message: 'The frame is not JSON' };
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return { code: 'invalid_request', message: 'The frame must be an object { id, channel, payload }' };
  const { id, channel, payload } = frame as Record<string, unknown>;
  if (typeof id !== 'string' || !RequestId.test(id))
    return {
      code: 'invalid_request',
      message: 'The frame needs an id of 1 to 64 letters, digits, _ or -',
      field: 'id',
    };
  if (typeof channel !== 'string' || channel.length > 100)
    return { code: 'invalid_request', message: 'The frame needs a channel name', field: 'channel' };
  return { id, channel, payload };
}

export class SocketTransport implements IpcTransport {
  private readonly handlers = new Map<string, ChannelHandler>();
  private readonly sockets = new Map<string, WebSocket>();
  private readonly disconnectListeners: ((connection: string) => void)[] = [];
  private nextConnection = 0;

  handle(channel: string, handler: ChannelHandler): void {
    this.handlers.set(channel, handler);
  }

  broadcast(event: string, payload: unknown): void {
    const frame = JSON.stringify({ event, payload });
    for (const socket of this.sockets.values()) socket.send(frame);
  }

  sendTo(connection: string, event: string, payload: unknown): boolean {
    const socket = this.sockets.get(connection);
    if (!socket || socket.readyState !== socket.OPEN) return false;
    socket.send(JSON.stringify({ event, payload }));
    return true;
  }

  onDisconnect(listener: (connection: string) => void): void {
    this.disconnectListeners.push(listener);
  }

  /** Carries the contract over one accepted socket, for the page of the given origin. */
  attach(socket: WebSocket, origin: string): void {
    const connection = `socket-${++this.nextConnection}`;
    const sender: Sender = { origin, topLevel: true, connection };
    let inFlight = 0;
    this.sockets.set(connection, socket);
    socket.on('close', () => {
      this.sockets.delete(connection);
      for (const listener of this.disconnectListeners) listener(connection);
    });
    // ws closes the socket itself (1009 for an oversize frame); unhandled, the error would end the process.
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      const answer = (id: string | null, result: IpcResult<unknown>) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, result }));
      };
      const frame = isBinary
        ? ({ code: 'invalid_request', message: 'Frames are JSON text' } as const)
        : parseFrame(data.toString());
      if (!('channel' in frame)) return answer(null, { ok: false, error: frame });
      const handler = this.handlers.get(frame.channel);
      if (!handler) {
        return answer(frame.id, {
          ok: false,
          error: { code: 'unknown_channel', message: 'No such channel', field: 'channel' },
        });
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        return answer(frame.id, {
          ok: false,
          error: { code: 'busy', message: `At most ${MAX_IN_FLIGHT} requests may wait at once` },
        });
      }
      inFlight++;
      void handler(sender, frame.payload)
        .then((result) => answer(frame.id, result))
        .finally(() => inFlight--);
    });
  }
}
