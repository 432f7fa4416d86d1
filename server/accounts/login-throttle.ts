import type { Clock } from '../time';
import { SlidingWindow } from './sliding-window';

const ADDRESS_WINDOW_MS = 15 * 60_000;
const ADDRESS_MAX_FAILURES = 50;

/**
 * Failed sign-ins kept in memory: per address (slows down anyone guessing across many
 * accounts) and per login that names no account (so an unknown login locks exactly as a real
 * one would, and the answers never tell whether an account exists).
 */
export class LoginThrottle {
  private readonly byAddress: SlidingWindow;
  private readonly unknownLogins = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(private readonly clock: Clock) {
    this.byAddress = new SlidingWindow(clock, ADDRESS_WINDOW_MS);
  }

  addressBlocked(address: string): boolean {
    return this.byAddress.count(address) >= ADDRESS_MAX_FAILURES;
  }

  recordAddressFailure(address: string): void {
    this.byAddress.add(address);
  }

  unknownLoginLocked(login: string): boolean {
    return (this.unknownLogins.get(login)?.lockedUntil ?? 0) > this.clock();
  }

  /** Counts a failure for a login with no account, locking it at the company's threshold. */
  recordUnknownLoginFailure(login: string, threshold: number, lockoutMinutes: number): void {
    const entry = this.unknownLogins.get(login) ?? { failures: 0, lockedUntil: 0 };
    entry.failures += 1;
    if (entry.failures >= threshold) {
      entry.failures = 0;
      entry.lockedUntil = this.clock() + lockoutMinutes * 60_000;
    }
    this.unknownLogins.set(login, entry);
    // Bounded memory under a flood of distinct logins.
    if (this.unknownLogins.size > 10_000) {
      const now = this.clock();
      for (const [login, entry] of this.unknownLogins)
        if (entry.lockedUntil < now) this.unknownLogins.delete(login);
    }
  }
}
