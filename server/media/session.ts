// One caller leaving a message: greeting, beep, then recording until the caller hangs up,
// presses #, stays silent too long or reaches the box's maximum length. A * before the beep
// is the box's owner wanting their messages: the call goes on in the mailbox menu instead.
import type { MediaEndpoint } from './endpoint';
import { beep } from './prompts';
import { Recording, type RecordedMessage, type RecordingEnd } from './recording';
import type { Ticker } from './ticker';
import type { AgentSession } from './agent-session';

export interface SessionLimits {
  maxMessageSeconds: number;
  silenceSeconds: number;
}

export interface SessionResult {
  /** How the message ended; `owner-menu` when the caller went on to the mailbox menu. */
  end: RecordingEnd | 'owner-menu';
  message: RecordedMessage | null;
}

/** Opens the box's mailbox menu on the caller's stream (see mailbox-session.ts). */
export type OwnerMenu = (endpoint: MediaEndpoint) => AgentSession;

export class VoicemailSession {
  readonly result: Promise<SessionResult>;
  private resolve!: (result: SessionResult) => void;
  private recording: Recording | null = null;
  private started = false;
  private finished = false;
  private stopWatch: (() => void) | null = null;
  /** The mailbox menu the caller went on to, which now has the stream. */
  private menu: AgentSession | null = null;

  constructor(
    private readonly endpoint: MediaEndpoint,
    private readonly greeting: Int16Array,
    private readonly limits: SessionLimits,
    private readonly ticker: Ticker,
    /** Null for a box nobody owns. */
    private readonly ownerMenu: OwnerMenu | null = null,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    endpoint.onDigit = (digit) => this.digit(digit);
    endpoint.onFailed = () => this.hangUp();
  }

  get answer(): string {
    return this.endpoint.answer;
  }

  /** The caller's ACK came: the greeting starts. */
  start(): void {
    if (this.started || this.finished) return;
    this.started = true;
    void this.run();
  }

  /** A key from the caller, in the media or by SIP INFO. */
  digit(digit: string): void {
    if (this.menu) this.menu.digit(digit);
    else if (digit === '#' && this.recording) this.end('hash');
    else if (digit === '*' && this.started && !this.recording) this.openMenu();
  }

  hangUp(): void {
    if (this.menu) this.menu.hangUp();
    else this.end('hang-up');
  }

  /** The greeting stops and the menu takes the stream over; this session ends with it. */
  private openMenu(): void {
    if (!this.ownerMenu || this.finished) return;
    this.finished = true;
    this.endpoint.stopPlaying();
    const menu = this.ownerMenu(this.endpoint);
    this.menu = menu;
    menu.start();
    void menu.result.then(() => this.resolve({ end: 'owner-menu', message: null }));
  }

  private async run(): Promise<void> {
    await this.endpoint.play(this.greeting);
    if (this.finished) return;
    await this.endpoint.play(beep(this.endpoint.rate));
    if (this.finished) return;
    const recording = new Recording(this.limits.maxMessageSeconds, this.endpoint.format);
    this.recording = recording;
    let lastVoice = performance.now();
    this.endpoint.onRecorded = (packet, rms) => {
      if (recording.add(packet, rms)) lastVoice = performance.now();
      if (recording.full) this.end('max-length');
    };
    const startedAt = performance.now();
    // Wall-clock limits too: a caller whose packets stop must not hold the session open.
    this.stopWatch = this.ticker.add(() => {
      const now = performance.now();
      if (now - lastVoice >= this.limits.silenceSeconds * 1000) this.end('silence');
      else if (now - startedAt >= (this.limits.maxMessageSeconds + 1) * 1000) this.end('max-length');
    });
  }

  private end(end: RecordingEnd): void {
    if (this.finished) return;
    this.finished = true;
    this.stopWatch?.();
    this.endpoint.onRecorded = null;
    this.endpoint.close();
    this.resolve({ end, message: this.recording?.finish(end) ?? null });
  }
}
