// The latest switchboard: link until a window takes it: a link that started the app waits for
// its window to load, and every open window is told one came. Only the latest waits, and not for
// ever: a click from long ago does not open a screen when the app is finally looked at.
import type { Static } from 'typebox';
import type { AppLink } from '../../common/ipc/domains/app';
import { LINK_WAIT_MS } from './pending-dial';

type Link = Static<typeof AppLink>;

export class PendingAppLink {
  private waiting: { link: Link; since: number } | null = null;

  constructor(
    /** Tells the windows a link waits. */
    private readonly announce: () => void,
    private readonly clock: () => number = Date.now,
    private readonly maxWaitMs = LINK_WAIT_MS,
  ) {}

  request(link: Link): void {
    this.waiting = { link, since: this.clock() };
    this.announce();
  }

  /** The link waiting, once: taking it clears it. */
  take(): Link | null {
    const waiting = this.waiting;
    this.waiting = null;
    return waiting !== null && this.clock() - waiting.since <= this.maxWaitMs ? waiting.link : null;
  }
}
