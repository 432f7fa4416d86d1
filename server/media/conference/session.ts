// One caller on a conference bridge: the PIN when the bridge has one (three tries; the moderator
// PIN makes them a moderator), how many are there, then the mix until they hang up, a moderator
// removes them or the conference ends.
import type { CallParty } from '../../directory/call-log';
import type { ConferencePlan } from '../../directory/conferences';
import type { Logger } from '../../logger';
import type { MediaEndpoint } from '../endpoint';
import { KeypadSession } from '../keypad-session';
import { PIN_ATTEMPTS, spoken } from '../mailbox-session';
import { type PromptLanguage, type Prompts, type VoicePrompt } from '../prompts';
import { concatSamples } from '../samples';
import type { ConferencePrompt } from './conference-prompts';
import type { DismissReason, Seat } from './room';
import type { ConferenceRooms } from './rooms';

/** What a typed PIN opens: a seat as a moderator or as a participant. */
export type PinRole = 'moderator' | 'participant' | 'wrong' | 'locked';

export interface ConferenceCaller {
  plan: ConferencePlan;
  party: CallParty;
  language: PromptLanguage;
  /** Checks a typed PIN (throttled; see conference-handler.ts). */
  checkPin(pin: string): Promise<PinRole>;
  /** The time a seat was taken, for the app. */
  now(): string;
}

export interface ConferenceSessionLimits {
  /** Silence at the PIN prompt before the call ends. */
  keySeconds: number;
  /** One caller's time in a conference at most. */
  callSeconds: number;
  /**
   * A seated caller whose audio stops this long is gone (a phone that vanished without a BYE):
   * the seat is freed. Phones send audio even when silent or on mute.
   */
  mediaTimeoutSeconds: number;
}

export const DEFAULT_CONFERENCE_SESSION_LIMITS: ConferenceSessionLimits = {
  keySeconds: 10,
  callSeconds: 8 * 60 * 60,
  mediaTimeoutSeconds: 60,
};

/** Longer than any PIN: keys past it are ignored. */
const MAX_PIN_LENGTH = 16;

type Part = VoicePrompt | ConferencePrompt | number;

export class ConferenceSession extends KeypadSession {
  private seat: Seat | null = null;
  private mediaWatch: NodeJS.Timeout | null = null;

  constructor(
    endpoint: MediaEndpoint,
    private readonly prompts: Prompts,
    private readonly rooms: ConferenceRooms,
    private readonly caller: ConferenceCaller,
    private readonly limits: ConferenceSessionLimits,
    logger: Logger,
  ) {
    super(endpoint, limits.callSeconds, logger, 'conference call');
  }

  /** Keys matter only at the PIN prompt; in the conference they are ignored. */
  override digit(digit: string): void {
    if (!this.seat) super.digit(digit);
  }

  protected override release(): void {
    if (this.mediaWatch) clearInterval(this.mediaWatch);
    this.leaveRoom();
  }

  private leaveRoom(): void {
    const seat = this.seat;
    if (!seat) return;
    this.seat = null;
    this.endpoint.onHeard = null;
    this.rooms.leave(this.caller.plan.id, seat);
  }

  protected async run(): Promise<void> {
    const { plan } = this.caller;
    const role = plan.pinHash || plan.moderatorPinHash ? await this.askPin() : 'participant';
    if (role === null || this.finished) return;
    const count = this.rooms.sizeOf(plan.id) + 1;
    if (!this.rooms.hasRoom(plan)) return this.say('conference-full', 'goodbye');
    if (count === 1) await this.say('conference-alone');
    else await this.say('conference-there-are', spoken(count), 'conference-participants');
    if (this.finished) return;
    const seat = this.rooms.join(
      plan,
      this.caller.party,
      role === 'moderator',
      this.caller.now(),
      (frame) => this.endpoint.sendFrame(frame),
      (reason) => void this.dismissed(reason),
    );
    // Someone took the last place while the count was being said.
    if (!seat) return this.say('conference-full', 'goodbye');
    this.seat = seat;
    let heardAt = performance.now();
    this.endpoint.onHeard = (samples) => {
      heardAt = performance.now();
      seat.talker.say(samples);
    };
    const timeoutMs = this.limits.mediaTimeoutSeconds * 1000;
    this.mediaWatch = setInterval(
      () => performance.now() - heardAt > timeoutMs && this.hangUp(),
      Math.min(timeoutMs, 5000),
    );
    // In the conference until the caller hangs up, is removed or it ends.
    await this.result;
  }

  /** The caller's role from the PIN they type; null when the call is to end. */
  private async askPin(): Promise<'moderator' | 'participant' | null> {
    for (let attempt = 0; attempt < PIN_ATTEMPTS; attempt++) {
      const pin = await this.entry();
      if (pin === null) return null;
      const role = await this.caller.checkPin(pin);
      if (role === 'moderator' || role === 'participant') return role;
      if (role === 'locked') {
        await this.say('conference-locked', 'goodbye');
        return null;
      }
      await this.say('wrong-pin');
    }
    await this.say('goodbye');
    return null;
  }

  /** Keys up to #, after the PIN prompt (* starts over); null when none came in time. */
  private async entry(): Promise<string | null> {
    await this.say('conference-enter-pin');
    const entry = await this.keys.entry(this.limits.keySeconds * 1000, MAX_PIN_LENGTH);
    if (entry === null) await this.say('goodbye');
    return entry;
  }

  /** Out of the mix at once; the caller hears why, then the call ends. */
  private async dismissed(reason: DismissReason): Promise<void> {
    if (this.finished) return;
    this.leaveRoom();
    if (reason === 'ended') await this.say('conference-ended');
    this.end();
  }

  /** Plays the parts as one, unless the call is over or a key is already waiting. */
  private async say(...parts: Part[]): Promise<void> {
    const { language } = this.caller;
    const rate = this.endpoint.rate;
    const samples = await Promise.all(
      parts.map((part) =>
        typeof part === 'number'
          ? this.prompts.number(language, part, rate)
          : this.prompts.voice(language, part, rate),
      ),
    );
    if (this.finished || this.keys.pending) return;
    await this.endpoint.play(concatSamples(samples));
  }
}
