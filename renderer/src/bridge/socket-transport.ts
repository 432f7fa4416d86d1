// The contract over the browser host's WebSocket, for a page that has no preload bridge: the
// same frames the host's SocketTransport reads (`{ id, channel, payload }` out, `{ id, result }`
// and `{ event, payload }` in). The socket is re-opened when it drops; requests made while it is
// down wait for it, and requests lost with a dropped socket answer `offline`.
import type { BridgeTransport } from '../../../common/ipc/bridge';
import type { IpcResult } from '../../../common/ipc/result';

const RECONNECT_MS = [250, 500, 1000, 2000, 4000];

/** `onOpen` runs each time the socket (re)opens: main forgets what a dropped page told it. */
export function socketTransport(
  openSocket: () => WebSocket,
  onOpen: () => void = () => undefined,
): BridgeTransport & { close(): void } {
  const pending = new Map<string, (result: IpcResult<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let queue: string[] = [];
  let nextId = 0;
  let attempt = 0;
  let closed = false;
  let socket: WebSocket;

  const connect = () => {
    socket = openSocket();
    socket.onopen = () => {
      attempt = 0;
      for (const frame of queue) socket.send(frame);
      queue = [];
      onOpen();
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let frame: { id?: unknown; result?: IpcResult<unknown>; event?: unknown; payload?: unknown };
      try {
        frame = JSON.parse(event.data) as typeof frame;
      } catch {
        return;
      }
      if (typeof frame.event === 'string') {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      } else if (typeof frame.id === 'string' && frame.result) {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      }
    };
    socket.onclose = () => {
      for (const settle of pending.values())
        settle({ ok: false, error: { code: 'offline', message: 'The app’s background service went away' } });
      pending.clear();
      if (closed) return;
      setTimeout(connect, RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]);
    };
  };
  connect();

  return {
    invoke(channel, payload) {
      const id = `r${++nextId}`;
      const frame = JSON.stringify({ id, channel, payload });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
    close() {
      closed = true;
      socket.close();
    },
  };
}
