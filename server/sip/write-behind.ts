// Writes that may lag a moment: the SIP service keeps registrations and subscriptions in memory,
// where every request reads them, and writes them to the database behind, in one transaction
// per round. A phone refreshing its registration every minute then costs a share of a batched
// write, not a write of its own, and a burst of refreshes costs one round.
import type { Logger } from '../logger';

export class WriteBehind<Row> {
  private puts = new Map<string, Row>();
  private removals = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> = Promise.resolve();

  /**
   * `write` stores a round's rows and removes its keys, all or nothing; `delayMs` is how long a
   * change may wait for others to join it (and so what a crash may lose).
   */
  constructor(
    private readonly write: (puts: Row[], removals: string[]) => Promise<void>,
    private readonly delayMs: number,
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  put(key: string, row: Row): void {
    this.removals.delete(key);
    this.puts.set(key, row);
    this.schedule();
  }

  remove(key: string): void {
    this.puts.delete(key);
    this.removals.add(key);
    this.schedule();
  }

  /** Writes whatever waits, now (on close, and in tests); resolves once it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const puts = this.puts;
    const removals = this.removals;
    this.puts = new Map();
    this.removals = new Set();
    this.round = this.round.then(async () => {
      if (puts.size === 0 && removals.size === 0) return;
      try {
        await this.write([...puts.values()], [...removals]);
      } catch (error) {
        // Kept for the next round, unless something newer took their place meanwhile.
        for (const [key, row] of puts)
          if (!this.puts.has(key) && !this.removals.has(key)) this.puts.set(key, row);
        for (const key of removals) if (!this.puts.has(key)) this.removals.add(key);
        this.logger.warn({ error: String(error), what: this.what }, 'SIP state not written; will retry');
        this.schedule();
      }
    });
    return this.round;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }
}
