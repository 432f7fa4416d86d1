// What every menu the agent runs on a caller's stream shares (the mailbox, the receptionist, a
// conference bridge's PIN): it starts on the caller's ACK, reads keys (a key cuts the prompt
// short), ends by itself, when the caller hangs up or when the call has lasted its limit, and
// closes the stream once.
import type { Logger } from '../logger';
import type { AgentSession } from './agent-session';
import type { MediaEndpoint } from './endpoint';
import { Keypad } from './keypad';

export abstract class KeypadSession implements AgentSession {
  readonly result: Promise<void>;
  private resolve!: () => void;
  protected readonly keys = new Keypad();
  private started = false;
  protected finished = false;
  private callTimer: NodeJS.Timeout | null = null;

  constructor(
    protected readonly endpoint: MediaEndpoint,
    /** The whole call's length at most. */
    private readonly callSeconds: number,
    protected readonly logger: Logger,
    /** What the session is, for the log of a failure ("mailbox call"). */
    private readonly what: string,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    endpoint.onDigit = (digit) => this.digit(digit);
    endpoint.onFailed = () => this.hangUp();
    // A key cuts the prompt short: the caller knows what they want.
    this.keys.onKey = () => endpoint.stopPlaying();
  }

  get answer(): string {
    return this.endpoint.answer;
  }

  /** The caller's ACK came: the menu speaks. */
  start(): void {
    if (this.started || this.finished) return;
    this.started = true;
    this.callTimer = setTimeout(() => this.hangUp(), this.callSeconds * 1000);
    void this.run()
      .catch((error: unknown) => this.logger.error({ error: String(error) }, `${this.what} failed`))
      .finally(() => this.end());
  }

  /** A key from the caller, in the media or by SIP INFO. */
  digit(digit: string): void {
    this.keys.press(digit);
  }

  hangUp(): void {
    this.end();
  }

  /** What the caller hears and does, until the call is to end. */
  protected abstract run(): Promise<void>;

  /** Whether the stream is still this session's to close (one handed on is not). */
  protected ownsStream(): boolean {
    return true;
  }

  /** What the session holds besides the stream, let go as the call ends. */
  protected release(): void {}

  protected end(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.callTimer) clearTimeout(this.callTimer);
    this.keys.close();
    this.release();
    if (this.ownsStream()) this.endpoint.close();
    this.resolve();
  }
}
