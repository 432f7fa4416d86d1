import type { Logger } from './logger';

/**
 * Work that goes on after the answer was sent (a mail whose lookup and sending must not show in
 * the answer's timing): a failure is logged, never thrown at anyone, and shutdown can wait for it.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `work`; `failure` is what the log says if it fails. */
  start(failure: string, work: () => Promise<void>): void {
    const running = work().catch((error: unknown) => this.logger.error({ error: String(error) }, failure));
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
  }

  /** Resolves when everything started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
