// Calls whose BYE never comes (a phone that lost power, a network gone) must not stay up for
// ever: a call with no in-dialog traffic for its session interval is ended. The interval is the
// office's own (2 h by default) or, where the caller offers RFC 4028 session timers, the
// Session-Expires it asks for, refreshed by its re-INVITEs.
import type { SipRequest } from '../message';
import type { TimerSet } from '../timers';

/** RFC 4028 §4: the smallest Session-Expires the server accepts (the RFC's floor). */
export const MIN_SE_SECONDS = 90;
export const DEFAULT_SESSION_EXPIRES_SECONDS = 2 * 60 * 60;

export interface SessionInterval {
  seconds: number;
  /** The caller supports session timers: the answer says so with Session-Expires and Require. */
  negotiated: boolean;
}

/**
 * The interval for a new call, or 'too-small' (to be answered 422 with Min-SE) when the caller
 * asks for less than MIN_SE_SECONDS; a malformed Session-Expires is ignored like a missing one.
 */
export function sessionInterval(invite: SipRequest, officeSeconds: number): SessionInterval | 'too-small' {
  const match = /^([0-9]{1,10})\s*(?:;.*)?$/.exec(invite.headers.get('Session-Expires') ?? '');
  if (!match) return { seconds: officeSeconds, negotiated: false };
  const asked = Number(match[1]);
  if (asked < MIN_SE_SECONDS) return 'too-small';
  const supported = invite.headers
    .getAll('Supported')
    .some((option) => option.trim().toLowerCase() === 'timer');
  return { seconds: Math.min(asked, officeSeconds), negotiated: supported };
}

/** The headers of a 2xx that accepts the caller's session timer, refreshed by the caller. */
export const sessionTimerHeaders = (interval: SessionInterval): [string, string][] =>
  interval.negotiated
    ? [
        ['Session-Expires', `${interval.seconds};refresher=uac`],
        ['Require', 'timer'],
      ]
    : [];

/** Watches a call's in-dialog traffic and calls `expired` once a whole interval passes without any. */
export class SessionTimer {
  private last: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly timers: TimerSet,
    private readonly clock: () => number,
    private readonly intervalMs: number,
    private readonly expired: () => void,
  ) {
    this.last = clock();
    this.schedule(intervalMs);
  }

  /** In-dialog traffic: the session is alive. */
  touch(): void {
    this.last = this.clock();
  }

  stop(): void {
    this.timers.clear(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.timer = this.timers.after(ms, () => {
      const quiet = this.clock() - this.last;
      if (quiet >= this.intervalMs) this.expired();
      else this.schedule(this.intervalMs - quiet);
    });
  }
}
