// A caller the agent leads by prompts and keys (the mailbox menu, a conference bridge's PIN):
// the keypad fed from the media and SIP INFO, a key cutting a prompt short, a cap on the call's
// length, and one way to end that frees the stream. The session's `run` is the call: once it
// returns (or fails), the call ends.
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
    private readonly callSeconds: number,
    protected readonly logger: Logger,
    /** What the log says when `run` fails. */
    private readonly failure: string,
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

  /** The caller's ACK came: the session speaks. */
  start(): void {
    if (this.started || this.finished) return;
    this.started = true;
    this.callTimer = setTimeout(() => this.hangUp(), this.callSeconds * 1000);
    void this.run()
      .catch((error: unknown) => this.logger.error({ error: String(error) }, this.failure))
      .finally(() => this.end());
  }

  /** A key from the caller, in the media or by SIP INFO. */
  digit(digit: string): void {
    this.keys.press(digit);
  }

  hangUp(): void {
    this.end();
  }

  protected end(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.callTimer) clearTimeout(this.callTimer);
    this.keys.close();
    this.release();
    this.endpoint.close();
    this.resolve();
  }

  /** The call: it ends when this settles. */
  protected abstract run(): Promise<void>;

  /** What the session holds besides the stream, let go as the call ends. */
  protected release(): void {}
}
