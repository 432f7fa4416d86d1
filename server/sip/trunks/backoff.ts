// How long to wait before trying a carrier again: doubling from a base to a ceiling, each wait
// drawn between its half and its whole ("equal jitter"), so offices that lost the same carrier at
// once do not all come back at the same instant.

export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

export class Backoff {
  private failures = 0;

  constructor(
    private readonly settings: BackoffSettings,
    private readonly random: () => number = Math.random,
  ) {}

  /** The wait after one more failure. */
  next(): number {
    const ceiling = Math.min(this.settings.maxMs, this.settings.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** It worked: the next failure waits the base again. */
  reset(): void {
    this.failures = 0;
  }
}
