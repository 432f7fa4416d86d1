import type { OfficeDb } from '../db/database';
import type { ExtensionKind } from '../../common/api/numbering-plan';
import { OfficeError } from '../errors';
import { isoAt } from '../time';
import { moveUses } from './number-uses';
import { inRange, rangeOf } from './numbering-plan';

/**
 * Refuses a requested extension that does not fit the numbering plan (its length, its kind's
 * range) or is already used (said first: another kind's number in use is taken, not misplaced).
 */
export async function checkFreeExtension(
  db: OfficeDb,
  kind: ExtensionKind,
  number: string,
  field = 'body.extension',
) {
  const { length, range } = await rangeOf(db, kind);
  if (number.length !== length) {
    throw new OfficeError(400, 'extension_invalid', `Extensions have ${length} digits in this office`, field);
  }
  const taken = await db
    .selectFrom('extensions')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirst();
  if (taken) throw new OfficeError(409, 'extension_taken', `Extension ${number} is already in use`, field);
  if (!inRange(number, range))
    throw new OfficeError(
      400,
      'extension_invalid',
      `This kind of extension is numbered from ${range.first} to ${range.last}`,
      field,
    );
}

/**
 * The lowest free number of the kind's range (users, ring groups, receptionists, conferences):
 * every service that owns an extension takes its number here.
 */
export async function nextFreeExtension(db: OfficeDb, kind: ExtensionKind): Promise<string> {
  const { range } = await rangeOf(db, kind);
  const rows = await db
    .selectFrom('extensions')
    .select('number')
    .where('number', '>=', range.first)
    .where('number', '<=', range.last)
    .execute();
  const used = new Set(rows.map((r) => r.number));
  const length = range.first.length;
  for (let n = Number(range.first); n <= Number(range.last); n++) {
    const candidate = String(n).padStart(length, '0');
    if (!used.has(candidate)) return candidate;
  }
  throw new OfficeError(
    409,
    'extension_taken',
    `Every extension from ${range.first} to ${range.last} is in use`,
  );
}

/** A user's extension, or a service's (userId null): `number` must be free (checkFreeExtension). */
export interface NewExtension {
  id: string;
  number: string;
  callerIdName: string;
  userId: string | null;
}

export async function insertExtension(db: OfficeDb, extension: NewExtension, now: number): Promise<void> {
  await db
    .insertInto('extensions')
    .values({
      id: extension.id,
      number: extension.number,
      caller_id_name: extension.callerIdName,
      user_id: extension.userId,
      created_at: isoAt(now),
    })
    .execute();
}

/**
 * Renumbers an extension or changes the name its calls show. A renumbered extension takes what
 * sent calls to it along (phone numbers, forwardings: number-uses.ts).
 */
export async function updateExtension(
  db: OfficeDb,
  id: string,
  changes: { number?: string; callerIdName?: string },
): Promise<void> {
  const before = changes.number === undefined ? undefined : await extensionNumberOf(db, id);
  await db
    .updateTable('extensions')
    .set({
      ...(changes.number !== undefined && { number: changes.number }),
      ...(changes.callerIdName !== undefined && { caller_id_name: changes.callerIdName }),
    })
    .where('id', '=', id)
    .execute();
  if (before !== undefined && changes.number !== undefined && before !== changes.number)
    await moveUses(db, before, changes.number);
}

export async function extensionNumberOf(db: OfficeDb, id: string): Promise<string> {
  const { number } = await db
    .selectFrom('extensions')
    .select('number')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return number;
}
