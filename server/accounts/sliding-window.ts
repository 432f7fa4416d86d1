import type { Clock } from '../time';
import { RecentMap } from './recent-map';

/**
 * Counts events per key over a trailing window, in memory. `take` counts one only while fewer
 * than `limit` are in the window, in one synchronous step, so requests in flight at once cannot
 * all slip under the limit. Memory is bounded: at most `maxKeys` keys, the least recently
 * counted forgotten first, and keys with nothing in the window dropped as they age.
 */
export class SlidingWindow {
  private readonly events: RecentMap<number[]>;
  private readonly limit: number;

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    { limit = Infinity, maxKeys = 10_000 }: { limit?: number; maxKeys?: number } = {},
  ) {
    this.limit = limit;
    this.events = new RecentMap(clock, windowMs, maxKeys);
  }

  /** How many keys are held (for tests of the bound). */
  get keys(): number {
    return this.events.size;
  }

  count(key: string): number {
    return this.recent(key).length;
  }

  /** Counts an event whatever the count. */
  add(key: string): void {
    const recent = this.recent(key);
    recent.push(this.clock());
    this.events.set(key, recent);
  }

  /** Counts an event unless the key is at its limit; false when it is. */
  take(key: string): boolean {
    if (this.count(key) >= this.limit) return false;
    this.add(key);
    return true;
  }

  /** Takes back the latest event of a key (an attempt that turned out not to count). */
  giveBack(key: string): void {
    this.events.get(key)?.pop();
  }

  /** The key's events still in the window, oldest first (expired ones are dropped in place). */
  private recent(key: string): number[] {
    const events = this.events.get(key) ?? [];
    const since = this.clock() - this.windowMs;
    while (events.length > 0 && events[0]! <= since) events.shift();
    return events;
  }
}
