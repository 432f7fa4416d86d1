// How each trunk is doing, kept in memory: the SIP service writes it as registrations and
// keep-alives go, the API reads it to show the console. One board per office process.
import type { TrunkError, TrunkStatus } from '../../../common/api/trunks';
import type { Clock } from '../../time';
import { isoAt } from '../../time';
import type { TrunkSettings } from '../../directory/trunks';

/** A status as the SIP service reports it, with times in milliseconds. */
export interface TrunkReport {
  state: TrunkStatus['state'];
  lastError?: Omit<TrunkError, 'at'> | null;
  retryAt?: number | null;
  registeredUntil?: number | null;
}

export class TrunkStatusBoard {
  private readonly held = new Map<string, TrunkStatus>();
  private running = false;

  constructor(private readonly clock: Clock) {}

  /** The SIP service runs trunks from now on (until `stopped`). */
  started(): void {
    this.running = true;
  }

  stopped(): void {
    this.running = false;
    this.held.clear();
  }

  /**
   * Records a trunk's new state. The last error stays until a report says otherwise (a trunk that
   * registers again keeps it for the console to show what happened, with its time).
   */
  report(id: string, report: TrunkReport): void {
    const before = this.held.get(id);
    const now = this.clock();
    const lastError =
      report.lastError === undefined
        ? (before?.lastError ?? null)
        : report.lastError && { ...report.lastError, at: isoAt(now) };
    this.held.set(id, {
      state: report.state,
      since: before && before.state === report.state ? before.since : isoAt(now),
      lastError,
      retryAt: report.retryAt ? isoAt(report.retryAt) : null,
      registeredUntil: report.registeredUntil ? isoAt(report.registeredUntil) : null,
      channelsInUse: before?.channelsInUse ?? 0,
    });
  }

  /** Calls through the trunk now (the call control's channel counting reports it). */
  channels(id: string, inUse: number): void {
    const held = this.held.get(id);
    if (held) this.held.set(id, { ...held, channelsInUse: inUse });
  }

  forget(id: string): void {
    this.held.delete(id);
  }

  /** The trunk's status; without a report, what its settings say (disabled, or the service stopped). */
  statusOf(trunk: Pick<TrunkSettings, 'id' | 'enabled' | 'updatedAt'>): TrunkStatus {
    const held = this.held.get(trunk.id);
    if (held && this.running) return held;
    return {
      state: trunk.enabled ? 'stopped' : 'disabled',
      since: trunk.updatedAt,
      lastError: null,
      retryAt: null,
      registeredUntil: null,
      channelsInUse: 0,
    };
  }
}
