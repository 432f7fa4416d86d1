// Repeated failed authentication from one address is slowed, then blocked for a while, like
// Kamailio's pike module or a fail2ban jail.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import { SlidingWindow } from '../accounts/sliding-window';

const WINDOW_MS = 5 * 60_000;
const SLOW_AFTER = 5;
const BLOCK_AFTER = 15;
const BLOCK_MS = 10 * 60_000;
const DELAY_STEP_MS = 200;
const MAX_DELAY_MS = 2_000;

export class AuthFailureGuard {
  private readonly failures: SlidingWindow;
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.failures = new SlidingWindow(clock, WINDOW_MS);
  }

  blocked(address: string): boolean {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return false;
    if (until > this.clock()) return true;
    this.blockedUntil.delete(address);
    return false;
  }

  /** Records a failure; returns how long to hold the answer back (0 while under the threshold). */
  fail(address: string): number {
    this.failures.add(address);
    const count = this.failures.count(address);
    if (count >= BLOCK_AFTER && !this.blocked(address)) {
      this.blockedUntil.set(address, this.clock() + BLOCK_MS);
      this.logger.warn({ address, failures: count }, 'SIP authentication failures: address blocked');
    }
    return count > SLOW_AFTER ? Math.min(MAX_DELAY_MS, (count - SLOW_AFTER) * DELAY_STEP_MS) : 0;
  }
}
