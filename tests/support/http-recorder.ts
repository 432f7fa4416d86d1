// An HTTP proxy on loopback in front of a real office that notes every request it forwards
// (method, path, Idempotency-Key). Tests close it to make the office unreachable, open it again
// on the same port, and may have it lose the answer to a request the office did carry out.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  /** The office's answer; null when it gave none (down, or the answer was lost on the way back). */
  status: number | null;
}

export class HttpRecorder {
  readonly requests: RecordedRequest[] = [];
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private loseAnswer: ((request: RecordedRequest) => boolean) | null = null;
  port = 0;

  constructor(private readonly targetPort: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next request matching `match` reaches the office, but its answer never reaches the client. */
  loseNextAnswerTo(match: (request: RecordedRequest) => boolean): void {
    this.loseAnswer = match;
  }

  async open(): Promise<void> {
    const server = http.createServer((incoming, outgoing) => {
      // One connection per request, so a cut is seen by the next request, never half-way by a reused one.
      outgoing.shouldKeepAlive = false;
      const key = incoming.headers['idempotency-key'];
      const recorded: RecordedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        idempotencyKey: typeof key === 'string' ? key : null,
        status: null,
      };
      this.requests.push(recorded);
      const lose = this.loseAnswer?.(recorded) ?? false;
      if (lose) this.loseAnswer = null;
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: this.targetPort,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
          // A fresh connection each time: no idle one that the office closes just as it is reused.
          agent: false,
        },
        (answer) => {
          if (lose) {
            answer.resume();
            answer.on('end', () => outgoing.destroy());
            return;
          }
          // The office's own connection headers are about the hop behind this proxy, not the client's.
          const headers = { ...answer.headers };
          delete headers.connection;
          delete headers['keep-alive'];
          recorded.status = answer.statusCode ?? null;
          outgoing.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.destroy());
      outgoing.on('close', () => upstream.destroy());
      incoming.pipe(upstream);
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every connection: the office is unreachable. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The PATCH and DELETE requests, in order. */
  changes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE');
  }
}
