// A caller listening to a mailbox by phone: signs in (mailbox number and PIN; only the PIN
// after * during the box's greeting; nothing from the owner's own phone), hears how many
// messages there are, then each message with a menu of keys: 1 again, 7 delete, # (or 9) next,
// 0 the menu again. New messages come first, oldest first, then the saved ones.
import type { Logger } from '../logger';
import type { MediaEndpoint } from './endpoint';
import { KeypadSession } from './keypad-session';
import { concatSamples } from './samples';
import { MAX_SPOKEN_NUMBER, type PromptLanguage, type Prompts, type VoicePrompt } from './prompts';

export interface MailboxMessage {
  id: string;
  callerNumber: string;
  read: boolean;
}

/** A box the caller has opened: what they may do with its messages. */
export interface OpenMailbox {
  language: PromptLanguage;
  /** How many new and saved messages there are, and the messages to play in order. */
  contents(): Promise<{ fresh: number; saved: number; messages: MailboxMessage[] }>;
  /** The message's samples at `rate` (none when its audio cannot be read). */
  audio(id: string, rate: number): Promise<Int16Array>;
  markRead(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export type Unlocking = { result: 'ok'; mailbox: OpenMailbox } | { result: 'wrong' | 'locked' };

/** A box that opens with its PIN. */
export interface LockedMailbox {
  language: PromptLanguage;
  /** A box without a PIN opens only from its owner's own phone. */
  hasPin: boolean;
  unlock(pin: string): Promise<Unlocking>;
}

export type MailboxStart =
  /** From the owner's own phone: no PIN. */
  | { kind: 'open'; mailbox: OpenMailbox }
  /** From any phone: the mailbox number first (prompts in `language` until the box is known). */
  | { kind: 'ask-number'; language: PromptLanguage; find(number: string): Promise<LockedMailbox> }
  /** The box whose greeting the caller interrupted with *: its PIN. */
  | { kind: 'ask-pin'; box: LockedMailbox };

export interface MailboxLimits {
  /** Silence at a prompt that waits for a key before the call ends. */
  keySeconds: number;
  /** The whole call's length at most. */
  callSeconds: number;
}

export const DEFAULT_MAILBOX_LIMITS: MailboxLimits = { keySeconds: 10, callSeconds: 15 * 60 };

/** Wrong PINs in one call before it ends (the throttle behind the PIN counts across calls). */
export const PIN_ATTEMPTS = 3;
/** Longer than any mailbox number or PIN: keys past it are ignored. */
const MAX_ENTRY_LENGTH = 16;
/** Digits of a caller's number read out at most. */
const MAX_SPOKEN_DIGITS = 20;

type Part = VoicePrompt | number | Int16Array;

export class MailboxSession extends KeypadSession {
  constructor(
    endpoint: MediaEndpoint,
    private readonly prompts: Prompts,
    private readonly begin: MailboxStart,
    private readonly limits: MailboxLimits,
    logger: Logger,
  ) {
    super(endpoint, limits.callSeconds, logger, 'mailbox call');
  }

  protected async run(): Promise<void> {
    const mailbox = this.begin.kind === 'open' ? this.begin.mailbox : await this.signIn(this.begin);
    if (!mailbox || this.finished) return;
    const { fresh, saved, messages } = await mailbox.contents();
    // A key over the count only cuts it short: the first message is still heard.
    await this.sayThenKey(mailbox.language, ...countParts(fresh, saved));
    for (const [index, message] of messages.entries()) {
      if (!(await this.present(mailbox, message, index + 1))) return;
    }
    await this.say(mailbox.language, 'no-more', 'goodbye');
  }

  /** The mailbox number (unless known) and its PIN; null when the call is to end. */
  private async signIn(begin: Exclude<MailboxStart, { kind: 'open' }>): Promise<OpenMailbox | null> {
    const box = begin.kind === 'ask-pin' ? begin.box : await this.askMailbox(begin);
    if (!box) return null;
    if (!box.hasPin) {
      await this.say(box.language, 'no-pin', 'goodbye');
      return null;
    }
    for (let attempt = 0; attempt < PIN_ATTEMPTS; attempt++) {
      const pin = await this.entry(box.language, 'enter-pin');
      if (pin === null) return null;
      const unlocking = await box.unlock(pin);
      if (unlocking.result === 'ok') return unlocking.mailbox;
      if (unlocking.result === 'locked') {
        await this.say(box.language, 'locked', 'goodbye');
        return null;
      }
      await this.say(box.language, 'wrong-pin');
    }
    await this.say(box.language, 'goodbye');
    return null;
  }

  private async askMailbox(
    begin: Extract<MailboxStart, { kind: 'ask-number' }>,
  ): Promise<LockedMailbox | null> {
    const number = await this.entry(begin.language, 'enter-mailbox');
    return number === null ? null : begin.find(number);
  }

  /**
   * One message: its header and audio, then the menu until the caller moves on. False when the
   * call is to end (the caller hung up or pressed nothing).
   */
  private async present(mailbox: OpenMailbox, message: MailboxMessage, position: number): Promise<boolean> {
    const { language } = mailbox;
    const audio = await mailbox.audio(message.id, this.endpoint.rate);
    if (!message.read) await mailbox.markRead(message.id);
    const digits = [...message.callerNumber.replace(/\D/g, '').slice(0, MAX_SPOKEN_DIGITS)].map(Number);
    const from: Part[] = digits.length > 0 ? ['from', ...digits] : [];
    let key = await this.sayThenKey(language, 'message', spoken(position), ...from, audio);
    for (;;) {
      if (this.finished) return false;
      key ??= await this.menu(language);
      if (key === null) {
        await this.say(language, 'goodbye');
        return false;
      }
      if (key === '1') key = await this.sayThenKey(language, audio);
      else if (key === '7') {
        await mailbox.remove(message.id);
        await this.say(language, 'deleted');
        return true;
      } else if (key === '#' || key === '9') return true;
      else key = null; // 0, or a key the menu does not know: the menu again
    }
  }

  /** The menu, then the key the caller picks; null when none came in time. */
  private async menu(language: PromptLanguage): Promise<string | null> {
    const key = await this.sayThenKey(language, 'menu');
    return key ?? this.keys.next(this.limits.keySeconds * 1000);
  }

  /** Keys up to #, after `prompt` (* starts over); null when none came in time or the call ended. */
  private async entry(language: PromptLanguage, prompt: VoicePrompt): Promise<string | null> {
    await this.say(language, prompt);
    const entry = await this.keys.entry(this.limits.keySeconds * 1000, MAX_ENTRY_LENGTH);
    if (entry === null) await this.say(language, 'goodbye');
    return entry;
  }

  /** Plays the parts as one; a key pressed meanwhile cuts it short, and is returned (else null). */
  private async sayThenKey(language: PromptLanguage, ...parts: Part[]): Promise<string | null> {
    await this.say(language, ...parts);
    return this.keys.pending ? this.keys.next(0) : null;
  }

  /** Plays the parts as one, unless the call is over or a key is already waiting. */
  private async say(language: PromptLanguage, ...parts: Part[]): Promise<void> {
    const rate = this.endpoint.rate;
    const samples = await Promise.all(
      parts.map((part) => {
        if (part instanceof Int16Array) return part;
        if (typeof part === 'number') return this.prompts.number(language, part, rate);
        return this.prompts.voice(language, part, rate);
      }),
    );
    if (this.finished || this.keys.pending) return;
    await this.endpoint.play(concatSamples(samples));
  }
}

/** A count as spoken: the number itself up to MAX_SPOKEN_NUMBER, else "more than" it. */
export function spoken(n: number): number | VoicePrompt {
  return n <= MAX_SPOKEN_NUMBER ? n : 'more-than-20';
}

/** "You have 3 new messages and 2 saved messages", with the forms for none and one. */
function countParts(fresh: number, saved: number): Part[] {
  const parts: Part[] =
    fresh === 0 ? ['new-none'] : fresh === 1 ? ['new-one'] : ['you-have', spoken(fresh), 'new-many'];
  if (saved === 1) parts.push('saved-one');
  else if (saved > 1) parts.push('and', spoken(saved), 'saved-many');
  return parts;
}
