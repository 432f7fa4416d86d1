// The browser host as people start it (`npm run web`), as its own process, and a page's side of
// its IPC socket: what the browser-host suite and the attack scripts drive it with.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './office';

/** Where a started host answers: its page's address and the per-launch token from its fragment. */
export interface HostAddress {
  url: URL;
  token: string;
}

export interface Host extends HostAddress {
  process: ChildProcess;
  stdout: string[];
}

const RUNNING_AT = /^Switchboard is running at (http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]{43}))$/;

/** The address in the host's one line on stdout, or null when the line is not that. */
export function hostAddress(line: string): HostAddress | null {
  const match = RUNNING_AT.exec(line);
  return match ? { url: new URL(match[1]!), token: match[2]! } : null;
}

/** Starts the host on `dataDir` with its embedded office, whose super admin is ADMIN_EMAIL. */
export async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/web/cli.ts', '--data-dir', dataDir, '--port', '0'].concat([
      '--admin-email',
      ADMIN_EMAIL,
      '--admin-password',
      ADMIN_PASSWORD,
    ]),
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // An empty renderer folder: the page shown before the renderer is built; the socket is the same.
      env: { ...process.env, LOG_LEVEL: 'warn', SWITCHBOARD_RENDERER_DIR: path.join(dataDir, 'no-renderer') },
    },
  );
  const stdout: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}`)));
    lines.on('line', (line) => {
      stdout.push(line);
      if (stdout.length === 1) resolve(line);
    });
  });
  const address = hostAddress(first);
  if (!address) throw new Error(`unexpected first line: ${first}`);
  return { process: child, ...address, stdout };
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
