// A caller at a virtual receptionist: the menu's greeting, then a key. A key's option is taken;
// digits that make an extension ring it (typed at any time, ended by a pause or #); no key in
// the menu's time, or a wrong key twice, takes the menu's fallback. Ringing someone plays
// ringback until they answer (the call then moves the caller to them and this session ends) or
// nobody does (the caller is back in the menu). Voicemail goes on in a message session on the
// same stream; another receptionist's extension goes on in its menus.
import type { Logger } from '../logger';
import type { Menu, MenuAction } from '../../common/api/receptionists';
import type { ReceptionistPlan } from '../directory/receptionists';
import type { Colleague } from '../receptionist/dial-by-name';
import { matchingColleagues } from '../receptionist/dial-by-name';
import type { PhraseName } from '../receptionist/phrases';
import type { MediaEndpoint } from './endpoint';
import type { AgentSession } from './agent-session';
import { KeypadSession } from './keypad-session';
import { concatSamples } from './samples';

/** The receptionist's menus and the one that answers first. */
export interface MenuStart {
  plan: ReceptionistPlan;
  menu: string;
}

/** What the session takes from the office around it. */
export interface ReceptionistServices {
  /** The menu's greeting (uploaded, or its text spoken) at `rate`. */
  greeting(menu: Menu, rate: number): Promise<Int16Array>;
  phrase(name: PhraseName, rate: number): Promise<Int16Array>;
  /** "Name, extension 1 2 3." */
  colleague(colleague: Colleague, rate: number): Promise<Int16Array>;
  /** Every number a caller may dial from the menu (extensions, groups, receptionists). */
  dialable: ReadonlySet<string>;
  colleagues: Colleague[];
  /** Rings the number as if dialled (see ReceptionistCall.transfer). */
  transfer(target: { number: string; outside: boolean }, answering: () => void): Promise<boolean>;
  /** What the caller hears while it rings, at `rate`, looped: music; null for ringback. */
  waiting(rate: number): Promise<Int16Array | null>;
  /** The box of the extension takes a message on the stream; null when it has none. */
  leaveMessage(number: string, endpoint: MediaEndpoint): Promise<AgentSession | null>;
  /** Another receptionist's menus and the one answering now; null when the number is none's. */
  receptionist(number: string): Promise<MenuStart | null>;
  logger: Logger;
}

export interface ReceptionistLimits {
  /** A pause this long ends an extension being typed. */
  interDigitMs: number;
  /** The whole call with the receptionist at most. */
  callSeconds: number;
}

export const DEFAULT_RECEPTIONIST_LIMITS: ReceptionistLimits = { interDigitMs: 2000, callSeconds: 10 * 60 };

/** Menus, directory turns and transfers one call goes through at most. */
const MAX_STEPS = 30;
const MAX_NAME_KEYS = 8;
const MAX_SPOKEN_MATCHES = 9;
/** Wrong keys in a row before the fallback. */
const WRONG_KEYS = 2;

/** What to do next: an action of the plan, or an extension the caller typed. */
type Step = MenuAction | { type: 'dialled'; number: string };

/** North American ringback (440 + 480 Hz, 2 s on, 4 s off), one cycle. */
function ringbackCycle(rate: number): Int16Array {
  const on = 2 * rate;
  return Int16Array.from({ length: 6 * rate }, (_, i) =>
    i < on
      ? Math.round(
          4000 * (Math.sin((2 * Math.PI * 440 * i) / rate) + Math.sin((2 * Math.PI * 480 * i) / rate)),
        )
      : 0,
  );
}

export class ReceptionistSession extends KeypadSession {
  /** The message session the caller went on to, which now has the stream. */
  private handedTo: AgentSession | null = null;
  private plan: ReceptionistPlan;

  constructor(
    endpoint: MediaEndpoint,
    private readonly opening: MenuStart,
    private readonly services: ReceptionistServices,
    private readonly limits: ReceptionistLimits,
  ) {
    super(endpoint, limits.callSeconds, services.logger, 'receptionist call');
    this.plan = opening.plan;
  }

  override digit(digit: string): void {
    if (this.handedTo) this.handedTo.digit(digit);
    else super.digit(digit);
  }

  override hangUp(): void {
    this.handedTo?.hangUp();
    super.hangUp();
  }

  /** A message session owns the stream once the caller went on to it, and closes it itself. */
  protected override ownsStream(): boolean {
    return !this.handedTo;
  }

  private menu(id: string): Menu {
    return this.plan.menus.find((menu) => menu.id === id)!;
  }

  protected async run(): Promise<void> {
    let menu = this.menu(this.opening.menu);
    for (let step = 0; step < MAX_STEPS && !this.finished; step++) {
      const next = await this.act(await this.choose(menu), menu);
      if (!next) return;
      menu = next;
    }
  }

  /** The greeting, then keys until one means something (or the fallback's turn comes). */
  private async choose(menu: Menu): Promise<Step> {
    const greeting = await this.services.greeting(menu, this.endpoint.rate);
    let wrong = 0;
    for (;;) {
      await this.play(greeting);
      const key = await this.keys.next(menu.timeoutSeconds * 1000);
      if (key === null) return menu.fallback;
      const step = await this.meaningOf(key, menu);
      if (step) return step;
      if (++wrong >= WRONG_KEYS) return menu.fallback;
      await this.play(await this.services.phrase('wrong-key', this.endpoint.rate));
    }
  }

  /**
   * The key's option, or the extension it starts: while the digits so far begin a longer
   * number, the next digit is awaited (a pause or # ends it). Null for a wrong key.
   */
  private async meaningOf(key: string, menu: Menu): Promise<Step | null> {
    const option = menu.options.find((o) => o.key === key)?.action ?? null;
    if (!/^\d$/.test(key)) return option;
    const dialable = this.services.dialable;
    let entry = key;
    const longer = () =>
      [...dialable].some((number) => number.length > entry.length && number.startsWith(entry));
    while (longer()) {
      const more = await this.keys.next(this.limits.interDigitMs);
      if (more === null || !/^\d$/.test(more)) break;
      entry += more;
    }
    if (entry === key && option) return option;
    return dialable.has(entry) ? { type: 'dialled', number: entry } : null;
  }

  /** Does the step; answers the menu to go on in, or null when the call is done with. */
  private async act(step: Step, menu: Menu): Promise<Menu | null> {
    switch (step.type) {
      case 'repeat':
        return menu;
      case 'menu':
        return this.menu(step.menu);
      case 'hang-up':
        await this.play(await this.services.phrase('goodbye', this.endpoint.rate));
        return null;
      case 'voicemail': {
        const session = await this.services.leaveMessage(step.number, this.endpoint);
        if (!session) return menu;
        this.handedTo = session;
        session.start();
        await session.result;
        return null;
      }
      case 'receptionist': {
        const other = await this.services.receptionist(step.number);
        if (!other) return menu;
        this.plan = other.plan;
        return this.menu(other.menu);
      }
      case 'directory': {
        const colleague = await this.directory();
        return colleague ? this.act({ type: 'dialled', number: colleague }, menu) : menu;
      }
      case 'outside':
        return (await this.putThrough({ number: step.number, outside: true })) ? null : menu;
      default:
        return (await this.putThrough({ number: step.number, outside: false })) ? null : menu;
    }
  }

  /** Ringback (or music) while the number rings; true once the caller is with whoever answered. */
  private async putThrough(target: { number: string; outside: boolean }): Promise<boolean> {
    let ringing = true;
    const cycle = (await this.services.waiting(this.endpoint.rate)) ?? ringbackCycle(this.endpoint.rate);
    const ringback = (async () => {
      while (ringing && !this.finished) await this.endpoint.play(cycle);
    })();
    const answered = await this.services.transfer(target, () => {
      // The caller's media moves to the one who answered: nothing more is sent from here.
      ringing = false;
      this.endpoint.stopPlaying();
    });
    ringing = false;
    this.endpoint.stopPlaying();
    await ringback;
    if (answered) {
      this.end();
      return true;
    }
    await this.play(await this.services.phrase('unavailable', this.endpoint.rate));
    return false;
  }

  /** Dial by name: the letters, then each match with "1 to call, 2 for the next"; the extension picked. */
  private async directory(): Promise<string | null> {
    const rate = this.endpoint.rate;
    await this.play(await this.services.phrase('directory', rate));
    let letters = '';
    for (;;) {
      const key = await this.keys.next(this.limits.interDigitMs * 2);
      if (key === null || key === '#') break;
      if (key === '*') letters = '';
      else if (letters.length < MAX_NAME_KEYS) letters += key;
    }
    const matches = matchingColleagues(this.services.colleagues, letters).slice(0, MAX_SPOKEN_MATCHES);
    for (const colleague of matches) {
      if (this.finished) return null;
      const said = await Promise.all([
        this.services.colleague(colleague, rate),
        this.services.phrase('call-or-next', rate),
      ]);
      await this.play(concatSamples(said));
      const key = await this.keys.next(this.limits.interDigitMs * 3);
      if (key === '1') return colleague.extension;
      if (key !== '2') return null;
    }
    await this.play(await this.services.phrase('no-match', rate));
    return null;
  }

  /** Plays the samples unless the call is over or a key is already waiting. */
  private async play(samples: Int16Array): Promise<void> {
    if (this.finished || this.keys.pending) return;
    await this.endpoint.play(samples);
  }
}
