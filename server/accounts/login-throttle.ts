import type { Clock } from '../time';
import { RecentMap } from './recent-map';
import { SlidingWindow } from './sliding-window';

const ADDRESS_WINDOW_MS = 15 * 60_000;
const ADDRESS_MAX_FAILURES = 50;
/** A login's failures are forgotten a day after the last one (or sooner under a flood). */
const LOGIN_MEMORY_MS = 24 * 60 * 60_000;
const MAX_KEYS = 10_000;

interface LoginFailures {
  failures: number;
  lockedUntil: number;
}

/**
 * Failed sign-ins kept in memory: per address (slows down anyone guessing across many
 * accounts) and per login as typed (an extension or an email, whether or not an account has
 * it, so the answers never tell whether one exists or which email owns which extension). The
 * account's own counter, which decides whether a password is checked at all, is in the
 * database (account-lockout.ts). Each check-and-count is one synchronous step: requests in
 * flight at once cannot all slip under a limit.
 */
export class LoginThrottle {
  private readonly byAddress: SlidingWindow;
  private readonly byLogin: RecentMap<LoginFailures>;

  constructor(private readonly clock: Clock) {
    this.byAddress = new SlidingWindow(clock, ADDRESS_WINDOW_MS, {
      limit: ADDRESS_MAX_FAILURES,
      maxKeys: MAX_KEYS,
    });
    this.byLogin = new RecentMap(clock, LOGIN_MEMORY_MS, MAX_KEYS);
  }

  /** Counts an attempt from this address as failed until given back; false when blocked. */
  takeAddressAttempt(address: string): boolean {
    return this.byAddress.take(address);
  }

  /** The attempt succeeded, or was refused before any password was checked. */
  giveBackAddressAttempt(address: string): void {
    this.byAddress.giveBack(address);
  }

  /**
   * Counts an attempt of this login, locking it for `lockoutMinutes` at the `threshold`-th;
   * false while it is locked. Same rule as the account's counter in the database.
   */
  takeLoginAttempt(login: string, threshold: number, lockoutMinutes: number): boolean {
    const now = this.clock();
    const entry = this.byLogin.get(login) ?? { failures: 0, lockedUntil: 0 };
    if (entry.lockedUntil > now) return false;
    const failures = entry.failures + 1;
    this.byLogin.set(
      login,
      failures >= threshold
        ? { failures: 0, lockedUntil: now + lockoutMinutes * 60_000 }
        : { failures, lockedUntil: 0 },
    );
    return true;
  }

  /** A sign-in succeeded, or the password was set anew: the logins' failures are forgotten. */
  clearLogins(...logins: (string | null)[]): void {
    for (const login of logins) if (login !== null) this.byLogin.delete(login.toLowerCase());
  }

  /** How many addresses and logins are held (for tests of the bound). */
  get size(): { addresses: number; logins: number } {
    return { addresses: this.byAddress.keys, logins: this.byLogin.size };
  }
}
