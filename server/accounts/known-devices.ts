// Devices an account signed in from before (NIST SP 800-63B on lockout abuse: let the owner in
// from where they are known, while strangers stay locked). At each successful sign-in from
// anywhere else the office gives the app a long random token, kept here only as a hash; the app
// sends it back at its next sign-ins. A stranger cannot forge one (256 random bits) and only a
// sign-in with the right password makes one. A known device is not held by the stranger's lock,
// but its own wrong passwords count: once it has used up the company's lockout threshold the
// device is forgotten, a stranger from then on. Unlike the account's count, time does not renew
// it, so a stolen token is worth a handful of guesses, ever.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { OfficeDb } from '../db/database';
import { isoAt } from '../time';
import { hashSecret } from './tokens';

/** Devices an account keeps known; past it, the one unused longest is forgotten. */
export const MAX_KNOWN_DEVICES = 20;

/** The known device a token names, whoever's it is; undefined for any other token. */
export async function findKnownDevice(db: OfficeDb, token: string) {
  return db
    .selectFrom('known_devices')
    .select(['id', 'user_id'])
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
}

/**
 * Counts a guess from the device before its password is checked, in one conditional update:
 * false once the device has used up `threshold` wrong passwords (then it is a stranger).
 */
export async function takeDeviceGuess(db: OfficeDb, deviceId: string, threshold: number): Promise<boolean> {
  const counted = await db
    .updateTable('known_devices')
    .set({ failed_count: sql<number>`failed_count + 1` })
    .where('id', '=', deviceId)
    .where('failed_count', '<', threshold)
    .executeTakeFirst();
  return Number(counted.numUpdatedRows) === 1;
}

/** A wrong password from the device: one that has used up its guesses is known no more. */
export async function forgetSpentDevice(db: OfficeDb, deviceId: string, threshold: number): Promise<void> {
  await db
    .deleteFrom('known_devices')
    .where('id', '=', deviceId)
    .where('failed_count', '>=', threshold)
    .execute();
}

/** The right password from the device: its wrong guesses are forgiven. */
export async function deviceSignedIn(db: OfficeDb, deviceId: string, now: number): Promise<void> {
  await db
    .updateTable('known_devices')
    .set({ failed_count: 0, last_used_at: isoAt(now) })
    .where('id', '=', deviceId)
    .execute();
}

/** The account signed in from a device it did not know: the device's token, shown this once. */
export async function rememberDevice(db: OfficeDb, userId: string, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  await db
    .insertInto('known_devices')
    .values({
      id,
      user_id: userId,
      token_hash: hashSecret(token),
      failed_count: 0,
      created_at: isoAt(now),
      last_used_at: isoAt(now),
    })
    .execute();
  const unusedLongest = await db
    .selectFrom('known_devices')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', '!=', id)
    .orderBy('last_used_at', 'desc')
    // SQLite takes an offset only with a limit: any number past what pruning at each insert leaves.
    .limit(1000)
    .offset(MAX_KNOWN_DEVICES - 1)
    .execute();
  if (unusedLongest.length > 0) {
    const ids = unusedLongest.map((device) => device.id);
    await db.deleteFrom('known_devices').where('id', 'in', ids).execute();
  }
  return token;
}

/** The password was replaced by someone else (a reset, a recovery): no device is known any more. */
export async function forgetKnownDevices(db: OfficeDb, userId: string): Promise<void> {
  await db.deleteFrom('known_devices').where('user_id', '=', userId).execute();
}
