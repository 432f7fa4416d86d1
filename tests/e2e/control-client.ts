// Drives a browser host from a test the way its page does: the IPC contract over the host's
// WebSocket, with the launch token from the printed URL and the page's own Origin. The page in
// Chromium stays the media provider; this client never announces itself.
import WebSocket from 'ws';
import type { IpcResult } from '../../common/ipc/result';

export class ControlClient {
  private readonly pending = new Map<string, (result: IpcResult<unknown>) => void>();
  private readonly events: { event: string; payload: any }[] = [];
  private readonly waiters = new Set<() => void>();
  private nextId = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as {
        id?: string;
        result?: IpcResult<unknown>;
        event?: string;
        payload?: unknown;
      };
      if (frame.event) {
        this.events.push({ event: frame.event, payload: frame.payload });
        for (const wake of this.waiters) wake();
      } else if (frame.id && frame.result) {
        this.pending.get(frame.id)?.(frame.result);
        this.pending.delete(frame.id);
      }
    });
  }

  /** Connects to the host whose page is at `url` (`http://127.0.0.1:PORT/#token=…`). */
  static async connect(url: string): Promise<ControlClient> {
    const page = new URL(url);
    const token = new URLSearchParams(page.hash.slice(1)).get('token') ?? '';
    const socket = new WebSocket(`ws://${page.host}/ipc?token=${encodeURIComponent(token)}`, {
      origin: page.origin,
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new ControlClient(socket);
  }

  invoke(channel: string, payload: unknown = {}): Promise<IpcResult<any>> {
    const id = `t${++this.nextId}`;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, channel, payload }));
    });
  }

  /** The value of a request that must succeed. */
  async value(channel: string, payload: unknown = {}): Promise<any> {
    const result = await this.invoke(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** The first event of that name (already received or to come) whose payload matches. */
  event(event: string, match: (payload: any) => boolean = () => true, timeoutMs = 10_000): Promise<any> {
    const found = () => this.events.find((e) => e.event === event && match(e.payload))?.payload;
    return new Promise((resolve, reject) => {
      const check = () => {
        const payload = found();
        if (payload === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(payload);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${event} event came`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Forgets the events received so far: `event` then waits for new ones only. */
  forgetEvents(): void {
    this.events.length = 0;
  }

  close(): void {
    this.socket.close();
  }
}
