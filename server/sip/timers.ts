// RFC 3261 §17 timer values and a registry of running timers, so closing the stack stops them all.

export interface TimerValues {
  /** Round-trip estimate: first retransmission interval. */
  t1: number;
  /** Longest retransmission interval for non-INVITE requests and INVITE responses. */
  t2: number;
  /** How long a message may stay in the network. */
  t4: number;
}

export const RFC3261_TIMERS: TimerValues = { t1: 500, t2: 4000, t4: 5000 };

export class TimerSet {
  private readonly running = new Set<NodeJS.Timeout>();

  after(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.running.delete(timer);
      run();
    }, ms);
    this.running.add(timer);
    return timer;
  }

  clear(timer: NodeJS.Timeout | null | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.running.delete(timer);
  }

  clearAll(): void {
    for (const timer of this.running) clearTimeout(timer);
    this.running.clear();
  }
}

/**
 * Sends at once, then again at `first`, doubling up to `cap` (Timers A, E and G), until
 * stopped. Returns the stop function.
 */
export function retransmit(timers: TimerSet, send: () => void, first: number, cap: number): () => void {
  let interval = first;
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    timer = timers.after(interval, () => {
      send();
      interval = Math.min(interval * 2, cap);
      schedule();
    });
  };
  send();
  schedule();
  return () => timers.clear(timer);
}
