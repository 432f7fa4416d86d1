// Counts events per key over a window, in memory, with a cap on keys. The map is kept in order
// of each key's latest event, so expired and surplus keys are always at its head: each event
// costs constant time however many keys there are.

interface Entry {
  count: number;
  /** When the window this count belongs to began. */
  since: number;
  last: number;
}

export class ExpiringCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Counts an event of `key` at `now`; returns the key's count in its current window. */
  add(key: string, now: number): number {
    this.forget(now);
    const known = this.entries.get(key);
    const entry = known && known.since > now - this.windowMs ? known : { count: 0, since: now, last: now };
    this.entries.delete(key);
    entry.count++;
    entry.last = now;
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    return entry.count;
  }

  /** Drops keys whose latest event left the window; stops at the first one still inside it. */
  private forget(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.last > now - this.windowMs) return;
      this.entries.delete(key);
    }
  }
}
