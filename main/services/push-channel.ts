// The app's end of the office's push channel (`GET /me/events`, server-sent events): one
// stream while signed in, opened again with backoff when it drops, so the first event after
// the office comes back also tells the app it is back. The app has one, for whoever is signed in:
// their missed calls and their voicemail.
import { EventEmitter } from 'node:events';
import { IpcFailure } from '../ipc/failure';
import { pause } from './pause';
import type { PortalClient, SessionInfo } from './portal-client';

export interface PushFrame {
  /** The SSE event name, which is the push event's `type`. */
  type: string;
  data: unknown;
}

interface PushChannelEvents {
  /** The stream is open (again): whatever happened while it was closed is worth fetching. */
  open: [];
  event: [PushFrame];
}

export interface PushChannelTiming {
  firstRetryMs: number;
  maxRetryMs: number;
}

const DEFAULT_TIMING: PushChannelTiming = { firstRetryMs: 500, maxRetryMs: 15_000 };
/** A frame longer than this is not the office's: the stream is dropped and opened again. */
const MAX_FRAME_CHARS = 256 * 1024;
/** Refusals that no retry mends: the session is over. */
const FINAL = new Set<IpcFailure['code']>(['not_signed_in', 'session_expired', 'forbidden']);

export class PushChannel extends EventEmitter<PushChannelEvents> {
  private abort: AbortController | null = null;
  /** The run whose stream is open now. */
  private streaming: AbortSignal | null = null;
  /** Whose session the stream is for (a user id), while following the portal's sessions. */
  private owner: string | null = null;
  private readonly sessionChanged = (session: SessionInfo | null) => {
    const owner = session?.user.extension ? session.user.id : null;
    if (owner !== this.owner) this.stop();
    this.owner = owner;
    // Also after a refusal ended the stream: the same person signed in again (a password asked anew).
    if (owner !== null) this.start();
  };

  constructor(
    private readonly portal: PortalClient,
    private readonly timing: PushChannelTiming = DEFAULT_TIMING,
  ) {
    super();
  }

  /**
   * A channel open for each session of a person with an extension, closed when the session ends
   * or another person's begins, until `close`.
   */
  static following(portal: PortalClient): PushChannel {
    const push = new PushChannel(portal);
    portal.on('session', push.sessionChanged);
    push.sessionChanged(portal.session);
    return push;
  }

  close(): void {
    this.portal.off('session', this.sessionChanged);
    this.owner = null;
    this.stop();
  }

  /** Whether a stream is open now: what happened before its `open` event has been read since. */
  get isOpen(): boolean {
    return this.streaming !== null && this.streaming === this.abort?.signal;
  }

  /** Opens the stream, unless it runs already; again after a session's refusal ended it. */
  start(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    void this.run(abort.signal);
  }

  stop(): void {
    this.abort?.abort();
    this.abort = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let delay = this.timing.firstRetryMs;
    while (!signal.aborted) {
      try {
        const response = await this.portal.open('/me/events', { accept: 'text/event-stream' }, signal);
        delay = this.timing.firstRetryMs;
        this.streaming = signal;
        this.emit('open');
        await this.read(response, signal);
      } catch (error) {
        if (error instanceof IpcFailure && FINAL.has(error.code)) {
          // This session is over; the next one (the same person signing in again) starts anew.
          if (this.abort?.signal === signal) this.abort = null;
          return;
        }
      } finally {
        if (this.streaming === signal) this.streaming = null;
      }
      if (signal.aborted) return;
      // Jitter keeps a whole office's apps from returning in the same instant.
      await pause(delay * (0.5 + Math.random() / 2), signal);
      delay = Math.min(delay * 2, this.timing.maxRetryMs);
    }
  }

  private async read(response: Response, signal: AbortSignal): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body ?? []) {
      if (signal.aborted) return;
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
      if (buffer.length > MAX_FRAME_CHARS) return;
    }
  }

  private dispatch(frame: string): void {
    const lines = frame.split('\n');
    const type = lines.find((line) => line.startsWith('event: '))?.slice(7);
    const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
    if (!type || data === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return; // Data that is not JSON is not the office's; the frame is ignored.
    }
    this.emit('event', { type, data: parsed });
  }
}
