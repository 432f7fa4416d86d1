import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { OfficeDb } from '../db/database';
import { isoAt } from '../time';

export interface LockoutRule {
  lockout_threshold: number;
  lockout_minutes: number;
}

/** A guess refused (the account is locked), counted, or counted as the one that starts the lock. */
export type AccountGuess = 'refused' | 'counted' | 'locks';

/**
 * Counts a password guess against the account before the password is checked, in one
 * conditional update: refused while the account is locked. The guess that reaches the threshold
 * starts the lock as it is counted, so however many guesses arrive at once, at most `threshold`
 * passwords are checked per lockout period. Each counted guess keeps the address it came from,
 * for the lockout mail; the right password forgets them again.
 */
export async function takeAccountGuess(
  db: OfficeDb,
  userId: string,
  rule: LockoutRule,
  now: number,
  address: string,
): Promise<AccountGuess> {
  const reaches = sql<boolean>`failed_login_count + 1 >= ${rule.lockout_threshold}`;
  return db.transaction().execute(async (trx) => {
    const counted = await trx
      .updateTable('users')
      .set({
        failed_login_count: sql<number>`case when ${reaches} then 0 else failed_login_count + 1 end`,
        locked_until: sql<
          string | null
        >`case when ${reaches} then ${isoAt(now + rule.lockout_minutes * 60_000)}
          else locked_until end`,
      })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', isoAt(now))]))
      .returning('failed_login_count')
      .executeTakeFirst();
    if (!counted) return 'refused';
    await trx
      .insertInto('failed_sign_ins')
      .values({ id: randomUUID(), user_id: userId, address, at: isoAt(now) })
      .execute();
    // The count starts again at 0 only when this guess reached the threshold.
    return counted.failed_login_count === 0 ? 'locks' : 'counted';
  });
}

/** The right password: the count starts again, any lock ends, the kept addresses go. */
export async function clearAccountGuesses(db: OfficeDb, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
  await forgetFailedSignIns(db, userId);
}

export async function forgetFailedSignIns(db: OfficeDb, userId: string): Promise<void> {
  await db.deleteFrom('failed_sign_ins').where('user_id', '=', userId).execute();
}

/** The wrong guesses that locked the account, oldest first, taken out of the table (once per lock). */
export async function takeFailedSignIns(db: OfficeDb, userId: string) {
  return db.transaction().execute(async (trx) => {
    const failures = await trx
      .selectFrom('failed_sign_ins')
      .select(['id', 'address', 'at'])
      .where('user_id', '=', userId)
      .orderBy('at')
      .execute();
    if (failures.length > 0) {
      const ids = failures.map((failure) => failure.id);
      await trx.deleteFrom('failed_sign_ins').where('id', 'in', ids).execute();
    }
    return failures;
  });
}
