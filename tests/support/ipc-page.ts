// A page's side of the browser host's IPC socket, as the renderer (or a hostile page that has
// the page's origin and token) speaks it: what the browser-host suite and the attack scripts use.
import WebSocket from 'ws';

/** Where a started host answers: its page's address and the per-launch token from its fragment. */
export interface HostAddress {
  url: URL;
  token: string;
}

/** Opens the IPC socket; resolves with the socket, or with the HTTP refusal it got instead. */
export function connect(host: HostAddress, options: { token?: string | null; origin?: string } = {}) {
  const token = options.token === undefined ? host.token : options.token;
  const address = `ws://${host.url.host}/ipc${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const socket = new WebSocket(address, { origin: options.origin ?? host.url.origin });
  return new Promise<{ socket?: WebSocket; status?: number; body?: any }>((resolve, reject) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(text) }));
    });
    socket.once('error', reject);
  });
}

/** A page's side of the contract: numbered requests, answers matched by id, events collected. */
export class Page {
  private next = 0;
  private readonly waiting = new Map<string, (result: any) => void>();
  readonly events: { event: string; payload: any }[] = [];
  private readonly orphans: any[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if ('event' in frame) return this.events.push(frame);
      const resolve = this.waiting.get(frame.id);
      if (!resolve) return this.orphans.push(frame);
      this.waiting.delete(frame.id);
      resolve(frame.result);
    });
  }

  invoke(channel: string, payload: unknown): Promise<any> {
    return this.raw(JSON.stringify({ id: `r${++this.next}`, channel, payload }), `r${this.next}`);
  }

  raw(text: string | Buffer, id: string | null = null): Promise<any> {
    return new Promise((resolve) => {
      if (id === null) {
        this.socket.once('message', (data) => resolve(JSON.parse(data.toString())));
      } else this.waiting.set(id, resolve);
      this.socket.send(text);
    });
  }
}
