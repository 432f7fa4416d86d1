// A link from outside the app (a click in a browser or another app, handed over by the OS) is
// never dialled on its own word: once the softphone can dial, the person is asked, and the
// window dials it if they say Call. A link that arrives before that (it launched the app, nobody
// is signed in yet, or the registration is being renewed) waits. Only the latest link waits or
// is asked, and a link does not wait for ever: a click from long ago is not brought up when
// someone finally signs in.
import type { Static } from 'typebox';
import type { RegistrationState } from '../../common/ipc/domains/registration';

type Registration = Static<typeof RegistrationState>['state'];

/** Ten minutes: time enough to sign in after a link opened the app. */
export const LINK_WAIT_MS = 10 * 60_000;

export class PendingDial {
  private waiting: { target: string; since: number } | null = null;
  private registration: Registration = 'unregistered';
  private asked: string | null = null;

  constructor(
    /** The link the person is now asked about, or null once none is. */
    private readonly ask: (target: string | null) => void,
    private readonly clock: () => number = Date.now,
    private readonly maxWaitMs = LINK_WAIT_MS,
  ) {}

  /** The link waiting for the person's answer. */
  get question(): string | null {
    return this.asked;
  }

  /** A link to dial: asked about now if registered, otherwise once registered. */
  request(target: string): void {
    if (this.registration === 'registered') return this.setAsked(target);
    this.waiting = { target, since: this.clock() };
  }

  registrationChanged(state: Registration): void {
    this.registration = state;
    if (state !== 'registered' || !this.waiting) return;
    const { target, since } = this.waiting;
    this.waiting = null;
    if (this.clock() - since <= this.maxWaitMs) this.setAsked(target);
  }

  /** The person said Call or Cancel to `target`; an answer to a link since replaced changes nothing. */
  answered(target: string): void {
    if (this.asked === target) this.setAsked(null);
  }

  /** The session's softphone stops: its person is no longer asked; a link waiting still waits. */
  softphoneStopping(): void {
    this.registrationChanged('unregistered');
    if (this.asked !== null) this.setAsked(null);
  }

  private setAsked(target: string | null): void {
    this.asked = target;
    this.ask(target);
  }
}
