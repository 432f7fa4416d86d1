import type { Clock } from '../time';

/** Counts events per key over a trailing window, in memory, with bounded size. */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  count(key: string): number {
    return this.recent(key).length;
  }

  add(key: string): void {
    const recent = this.recent(key);
    recent.push(this.clock());
    this.events.set(key, recent);
    if (this.events.size > this.maxKeys) {
      for (const [k] of this.events) if (this.recent(k).length === 0) this.events.delete(k);
    }
  }

  private recent(key: string): number[] {
    const since = this.clock() - this.windowMs;
    return (this.events.get(key) ?? []).filter((at) => at > since);
  }
}
