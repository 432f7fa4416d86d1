// Reads a server-sent event stream (GET /me/events) as the app would: frames with their event
// name and JSON data, comments dropped.

export interface StreamEvent {
  event: string;
  data: any;
}

export class EventStreamReader {
  private buffer = '';
  private readonly events: StreamEvent[] = [];
  private waiters: (() => void)[] = [];
  private heartbeats = 0;
  ended = false;

  private constructor(
    readonly status: number,
    private readonly abort: AbortController,
  ) {}

  static async open(baseUrl: string, token: string): Promise<EventStreamReader> {
    const abort = new AbortController();
    const response = await fetch(`${baseUrl}/api/v1/me/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    const reader = new EventStreamReader(response.status, abort);
    if (response.ok && response.body) void reader.pump(response.body);
    else reader.ended = true;
    return reader;
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const frame = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          if (frame === ': heartbeat') this.heartbeats++;
          const lines = frame.split('\n').filter((line) => !line.startsWith(':'));
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event && data) this.events.push({ event, data: JSON.parse(data) });
        }
        this.wake();
      }
    } catch {
      // aborted by close()
    }
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  /** The next event, in order; rejects if the stream ends first. */
  async next(): Promise<StreamEvent> {
    for (;;) {
      const event = this.events.shift();
      if (event) return event;
      if (this.ended) throw new Error('the event stream ended');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Events received and not yet taken with next(). */
  get queued(): number {
    return this.events.length;
  }

  /** Resolves when the next heartbeat arrives: everything sent before it has arrived too. */
  async heartbeat(): Promise<void> {
    const seen = this.heartbeats;
    while (this.heartbeats === seen) {
      if (this.ended) throw new Error('the event stream ended');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves once the server has closed the stream. */
  async closedByServer(): Promise<void> {
    while (!this.ended) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.abort.abort();
  }
}
