// Toll fraud caps: outside calls at once per person and for the whole company, and international
// minutes a day. The counts of calls at once live in memory and are checked and taken in one
// synchronous step, so hundreds of INVITEs arriving together cannot all slip past a cap between a
// check and a take. International seconds are added up per day in the database (they outlive a
// restart). An emergency call is counted but never refused. The first refusal of a cap on a day
// tells the admins (`alert`), once a day per cap however many calls hit it.
import type { OfficeDb } from '../../db/database';
import { isUniqueViolation } from '../../db/database';
import type { Clock } from '../../time';
import type { Logger } from '../../logger';
import { isoAt } from '../../time';

export type TollCap = 'calls-per-user' | 'calls-total' | 'international-minutes';

export interface TollLimits {
  perUser: number;
  total: number;
  internationalMinutesPerDay: number;
}

export type TollVerdict = { kind: 'taken'; release: () => void } | { kind: 'refused'; cap: TollCap };

export interface TollGuardDeps {
  db: OfficeDb;
  clock: Clock;
  logger: Logger;
  /** Tells the admins a cap was reached (only the first time a day). */
  alert: (cap: TollCap, limits: TollLimits) => Promise<void>;
}

const dayOf = (at: number) => isoAt(at).slice(0, 10);

export class TollGuard {
  private readonly byUser = new Map<string, number>();
  private total = 0;

  constructor(private readonly deps: TollGuardDeps) {}

  /** Outside calls going on now, in all and of one person. */
  inUse(userId?: string): number {
    return userId === undefined ? this.total : (this.byUser.get(userId) ?? 0);
  }

  /**
   * Takes a place for one outside call of `userId` (null: a call nobody in the office placed, as
   * one forwarded from outside). `force` takes it past the caps (an emergency call).
   */
  take(userId: string | null, limits: TollLimits, force = false): TollVerdict {
    const own = userId === null ? 0 : (this.byUser.get(userId) ?? 0);
    if (!force) {
      const cap: TollCap | null =
        userId !== null && own >= limits.perUser
          ? 'calls-per-user'
          : this.total >= limits.total
            ? 'calls-total'
            : null;
      if (cap) {
        this.alertOnce(cap, limits);
        return { kind: 'refused', cap };
      }
    }
    this.total++;
    if (userId !== null) this.byUser.set(userId, own + 1);
    let released = false;
    return {
      kind: 'taken',
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        if (userId === null) return;
        const left = (this.byUser.get(userId) ?? 1) - 1;
        if (left > 0) this.byUser.set(userId, left);
        else this.byUser.delete(userId);
      },
    };
  }

  /** Whether today's international minutes are used up (then the admins hear of it). */
  async internationalUsedUp(limits: TollLimits): Promise<boolean> {
    const row = await this.deps.db
      .selectFrom('international_seconds_daily')
      .select('seconds')
      .where('day', '=', dayOf(this.deps.clock()))
      .executeTakeFirst();
    const usedUp = (row?.seconds ?? 0) >= limits.internationalMinutesPerDay * 60;
    if (usedUp) this.alertOnce('international-minutes', limits);
    return usedUp;
  }

  /** Adds an international call's talk time to today's. */
  async addInternational(seconds: number): Promise<void> {
    if (seconds <= 0) return;
    await this.deps.db
      .insertInto('international_seconds_daily')
      .values({ day: dayOf(this.deps.clock()), seconds })
      .onConflict((oc) =>
        oc
          .column('day')
          .doUpdateSet((eb) => ({ seconds: eb('international_seconds_daily.seconds', '+', seconds) })),
      )
      .execute();
  }

  /** The cap's alert, unless today's was already sent: the row's key makes it once however many race. */
  private alertOnce(cap: TollCap, limits: TollLimits): void {
    const now = this.deps.clock();
    void (async () => {
      try {
        await this.deps.db
          .insertInto('toll_alerts')
          .values({ day: dayOf(now), cap, sent_at: isoAt(now) })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) return;
        throw error;
      }
      await this.deps.alert(cap, limits);
    })().catch((error: unknown) =>
      this.deps.logger.error({ error: String(error), cap }, 'toll-fraud alert not sent'),
    );
  }
}
