// Socket errors and refused connections are worth a line each, but a peer can make thousands a
// second: at most so many lines a minute, then one line saying how many more there were.
import type { Logger } from './logger';

const MINUTE_MS = 60_000;

export class RateLimitedLog {
  private windowStart = 0;
  private logged = 0;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly perMinute = 20,
    private readonly clock: () => number = Date.now,
  ) {}

  warn(details: object, message: string): void {
    const now = this.clock();
    if (now - this.windowStart >= MINUTE_MS) {
      if (this.suppressed > 0)
        this.logger.warn({ suppressed: this.suppressed }, 'Socket warnings not logged in the last minute');
      this.windowStart = now;
      this.logged = 0;
      this.suppressed = 0;
    }
    if (this.logged < this.perMinute) {
      this.logged++;
      this.logger.warn(details, message);
    } else this.suppressed++;
  }
}
