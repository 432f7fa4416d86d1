import type { Clock } from '../time';

/**
 * A map that forgets: entries not written for `maxAgeMs` go, and past `maxKeys` the least
 * recently written goes first. A write moves its key to the end of the map's order, so the
 * oldest entry is always the first: eviction looks only at the front, in constant time per
 * operation (amortised), however many keys there are.
 */
export class RecentMap<V> {
  private readonly entries = new Map<string, { value: V; writtenAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.writtenAt + this.maxAgeMs <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    const now = this.clock();
    this.entries.delete(key);
    this.entries.set(key, { value, writtenAt: now });
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxKeys && entry.writtenAt + this.maxAgeMs > now) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
