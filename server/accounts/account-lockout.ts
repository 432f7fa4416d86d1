import { sql } from 'kysely';
import type { OfficeDb } from '../db/database';
import { isoAt } from '../time';

export interface LockoutRule {
  lockout_threshold: number;
  lockout_minutes: number;
}

/**
 * Counts a password guess against the account before the password is checked, in one
 * conditional update: false while the account is locked. The guess that reaches the threshold
 * starts the lock as it is counted, so however many guesses arrive at once, at most `threshold`
 * passwords are checked per lockout period.
 */
export async function takeAccountGuess(
  db: OfficeDb,
  userId: string,
  rule: LockoutRule,
  now: number,
): Promise<boolean> {
  const reaches = sql<boolean>`failed_login_count + 1 >= ${rule.lockout_threshold}`;
  const counted = await db
    .updateTable('users')
    .set({
      failed_login_count: sql<number>`case when ${reaches} then 0 else failed_login_count + 1 end`,
      locked_until: sql<string | null>`case when ${reaches} then ${isoAt(now + rule.lockout_minutes * 60_000)}
        else locked_until end`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', isoAt(now))]))
    .executeTakeFirst();
  return Number(counted.numUpdatedRows) === 1;
}

/** The right password: the count starts again and any lock ends. */
export async function clearAccountGuesses(db: OfficeDb, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}
