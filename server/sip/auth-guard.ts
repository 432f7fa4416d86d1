// Repeated failed authentication is slowed, then blocked for a while, like Kamailio's pike
// module or a fail2ban jail. Failures slow down their address, but the block holds one address
// and username together: whoever else shares that address (a NAT, another program on the same
// machine) cannot lock the other devices behind it out by guessing, and a guesser that moves on
// to other usernames is still held back by the delay. Device passwords are long and random, so
// guesses spread over usernames win nothing either.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import { ExpiringCounter } from './expiring-counter';

export interface AuthGuardLimits {
  /** Keys (addresses, address and username pairs) remembered; the least recently failed go first. */
  maxKeys: number;
}

export const DEFAULT_AUTH_GUARD_LIMITS: AuthGuardLimits = { maxKeys: 100_000 };

const WINDOW_MS = 5 * 60_000;
const SLOW_AFTER = 5;
const BLOCK_AFTER = 15;
const BLOCK_MS = 10 * 60_000;
const DELAY_STEP_MS = 200;
const MAX_DELAY_MS = 2_000;

const pair = (address: string, username: string) => `${address}\n${username}`;

export class AuthFailureGuard {
  private readonly byAddress: ExpiringCounter;
  private readonly byPair: ExpiringCounter;
  /** Blocks in the order they were set, which is also the order they end in. */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly limits: AuthGuardLimits = DEFAULT_AUTH_GUARD_LIMITS,
  ) {
    this.byAddress = new ExpiringCounter(WINDOW_MS, limits.maxKeys);
    this.byPair = new ExpiringCounter(WINDOW_MS, limits.maxKeys);
  }

  /** Keys held in memory, for tests and operators. */
  get size(): number {
    return this.byAddress.size + this.byPair.size + this.blockedUntil.size;
  }

  blocked(address: string, username: string): boolean {
    const now = this.clock();
    for (const [key, until] of this.blockedUntil) {
      if (until > now) break;
      this.blockedUntil.delete(key);
    }
    return this.blockedUntil.has(pair(address, username));
  }

  /** Records a failure; returns how long to hold the answer back (0 while under the threshold). */
  fail(address: string, username: string): number {
    const now = this.clock();
    const key = pair(address, username);
    const failures = this.byPair.add(key, now);
    if (failures >= BLOCK_AFTER && !this.blockedUntil.has(key)) {
      this.blockedUntil.set(key, now + BLOCK_MS);
      if (this.blockedUntil.size > this.limits.maxKeys)
        this.blockedUntil.delete(this.blockedUntil.keys().next().value!);
      this.logger.warn(
        { address, username, failures },
        'SIP authentication failures: device blocked from address',
      );
    }
    const count = this.byAddress.add(address, now);
    return count > SLOW_AFTER ? Math.min(MAX_DELAY_MS, (count - SLOW_AFTER) * DELAY_STEP_MS) : 0;
  }
}
