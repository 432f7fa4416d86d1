// The keys a caller presses during a call with the agent, in order: what a menu reads. Keys
// pressed before the menu asks are kept (a caller who knows the menu types ahead), up to a cap.

/** Keys held for a menu that has not asked yet; a caller leaning on the keypad loses the rest. */
const MAX_WAITING_KEYS = 32;

export class Keypad {
  private readonly waiting: string[] = [];
  private reader: ((key: string | null) => void) | null = null;
  private closed = false;
  /** Called on every key as it comes (a prompt playing stops). */
  onKey: (() => void) | null = null;

  press(key: string): void {
    if (this.closed) return;
    if (this.reader) {
      const reader = this.reader;
      this.reader = null;
      reader(key);
    } else if (this.waiting.length < MAX_WAITING_KEYS) this.waiting.push(key);
    this.onKey?.();
  }

  /** Whether a key is waiting to be read. */
  get pending(): boolean {
    return this.waiting.length > 0;
  }

  /** The next key, or null once `timeoutMs` pass without one or the keypad is closed. */
  next(timeoutMs: number): Promise<string | null> {
    const waiting = this.waiting.shift();
    if (waiting !== undefined) return Promise.resolve(waiting);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.reader = null;
        resolve(null);
      }, timeoutMs);
      this.reader = (key) => {
        clearTimeout(timer);
        resolve(key);
      };
    });
  }

  /**
   * Digits typed up to # (a number, a PIN): * starts over, other keys and digits past `maxLength`
   * are ignored. Null once a key takes longer than `timeoutMs` or the keypad is closed.
   */
  async entry(timeoutMs: number, maxLength: number): Promise<string | null> {
    let entry = '';
    for (;;) {
      const key = await this.next(timeoutMs);
      if (key === null) return null;
      if (key === '#') return entry;
      if (key === '*') entry = '';
      else if (/^\d$/.test(key) && entry.length < maxLength) entry += key;
    }
  }

  /** The call is over: a read in progress gets null, and so does every later one. */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    const reader = this.reader;
    this.reader = null;
    reader?.(null);
  }
}
