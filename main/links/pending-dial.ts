// A link that arrives before the softphone can dial (it launched the app, nobody is signed in
// yet, or the registration is being renewed) waits here and is dialled once registered. Only
// the latest link waits, and not for ever: a click from long ago must not start a call out of
// the blue when someone finally signs in.
import type { Static } from 'typebox';
import type { RegistrationState } from '../../common/ipc/domains/registration';

type Registration = Static<typeof RegistrationState>['state'];

/** Ten minutes: time enough to sign in after a link opened the app. */
export const LINK_WAIT_MS = 10 * 60_000;

export class PendingDial {
  private waiting: { target: string; since: number } | null = null;
  private registration: Registration = 'unregistered';

  constructor(
    private readonly dial: (target: string) => void,
    private readonly clock: () => number = Date.now,
    private readonly maxWaitMs = LINK_WAIT_MS,
  ) {}

  /** A link to dial: now if registered, otherwise once registered. */
  request(target: string): void {
    if (this.registration === 'registered') return this.dial(target);
    this.waiting = { target, since: this.clock() };
  }

  registrationChanged(state: Registration): void {
    this.registration = state;
    if (state !== 'registered' || !this.waiting) return;
    const { target, since } = this.waiting;
    this.waiting = null;
    if (this.clock() - since <= this.maxWaitMs) this.dial(target);
  }
}
