import type { PushEvent } from '../../common/api/push';

/** Where one open event stream writes; `end` closes it. */
export interface PushStream {
  userId: string;
  sessionId: string;
  write(chunk: string): void;
  end(): void;
}

export interface PushHubLimits {
  /** Streams one user may hold open (the app, a second window, a browser tab…); the oldest gives way. */
  perUser: number;
  /** Streams the office holds open at all: past this, new ones are refused. */
  total: number;
}

export const DEFAULT_PUSH_LIMITS: PushHubLimits = { perUser: 5, total: 2_000 };

function frame(event: PushEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The office's push channel: open event streams per user, events published to a user's
 * streams, a heartbeat that keeps proxies from closing idle streams and ends those whose
 * session no longer holds (so a forced sign-out reaches an app that is only listening).
 */
export class PushHub {
  private readonly byUser = new Map<string, Set<PushStream>>();
  private count = 0;

  constructor(
    private readonly sessionsStillLive: (sessionIds: string[]) => Promise<Set<string>>,
    private readonly limits: PushHubLimits = DEFAULT_PUSH_LIMITS,
  ) {}

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.limits.total;
  }

  /** Adds a stream; the caller checks `size` against `capacity` first. */
  open(stream: PushStream): void {
    const streams = this.byUser.get(stream.userId) ?? new Set();
    if (streams.size >= this.limits.perUser) {
      const oldest = streams.values().next().value!;
      this.end(oldest, { type: 'signed-out', reason: 'replaced' });
    }
    streams.add(stream);
    this.byUser.set(stream.userId, streams);
    this.count++;
    stream.write(': connected\n\n');
  }

  /** The stream went away by itself (the client closed it). */
  close(stream: PushStream): void {
    const streams = this.byUser.get(stream.userId);
    if (!streams?.delete(stream)) return;
    this.count--;
    if (streams.size === 0) this.byUser.delete(stream.userId);
  }

  publish(userId: string, event: PushEvent): void {
    for (const stream of this.byUser.get(userId) ?? []) stream.write(frame(event));
  }

  /** Sends a heartbeat to every stream and ends those whose session has ended. */
  async heartbeat(): Promise<void> {
    const streams = [...this.byUser.values()].flatMap((set) => [...set]);
    if (streams.length === 0) return;
    const live = await this.sessionsStillLive([...new Set(streams.map((s) => s.sessionId))]);
    for (const stream of streams) {
      if (live.has(stream.sessionId)) stream.write(': heartbeat\n\n');
      else this.end(stream, { type: 'signed-out', reason: 'session-ended' });
    }
  }

  /**
   * Ends this user's streams whose session no longer holds (an administrator just ended it), with
   * the `signed-out` event: the app asks the office why and says so, without waiting for a heartbeat.
   */
  async recheck(userId: string): Promise<void> {
    const streams = [...(this.byUser.get(userId) ?? [])];
    if (streams.length === 0) return;
    const live = await this.sessionsStillLive([...new Set(streams.map((s) => s.sessionId))]);
    for (const stream of streams)
      if (!live.has(stream.sessionId)) this.end(stream, { type: 'signed-out', reason: 'session-ended' });
  }

  /** Ends every stream (the office is stopping). */
  endAll(): void {
    for (const streams of [...this.byUser.values()]) for (const stream of [...streams]) this.end(stream);
  }

  private end(stream: PushStream, last?: PushEvent): void {
    if (last) stream.write(frame(last));
    this.close(stream);
    stream.end();
  }
}
