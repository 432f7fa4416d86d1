import type { OfficeDb } from '../db/database';
import type { CompanyTable } from '../db/schema';
import { OfficeError } from '../errors';
import { isoAt } from '../time';

/** Refuses a requested extension that does not fit the numbering plan or is already used. */
export async function checkFreeExtension(
  db: OfficeDb,
  company: CompanyTable,
  number: string,
  field = 'body.extension',
) {
  if (number.length !== company.extension_length) {
    throw new OfficeError(
      400,
      'extension_invalid',
      `Extensions have ${company.extension_length} digits in this office`,
      field,
    );
  }
  const taken = await db
    .selectFrom('extensions')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirst();
  if (taken) throw new OfficeError(409, 'extension_taken', `Extension ${number} is already in use`, field);
}

/** The lowest free number of the plan, from its first number up. */
export async function nextFreeExtension(db: OfficeDb, company: CompanyTable): Promise<string> {
  const length = company.extension_length;
  const rows = await db.selectFrom('extensions').select('number').execute();
  const used = new Set(rows.map((r) => r.number));
  const last = 10 ** length - 1;
  for (let n = Number(company.first_extension); n <= last; n++) {
    const candidate = String(n).padStart(length, '0');
    if (!used.has(candidate)) return candidate;
  }
  throw new OfficeError(409, 'extension_taken', 'Every extension of the numbering plan is in use');
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

/** Renumbers an extension or changes the name its calls show. */
export async function updateExtension(
  db: OfficeDb,
  id: string,
  changes: { number?: string; callerIdName?: string },
): Promise<void> {
  await db
    .updateTable('extensions')
    .set({
      ...(changes.number !== undefined && { number: changes.number }),
      ...(changes.callerIdName !== undefined && { caller_id_name: changes.callerIdName }),
    })
    .where('id', '=', id)
    .execute();
}

export async function extensionNumberOf(db: OfficeDb, id: string): Promise<string> {
  const { number } = await db
    .selectFrom('extensions')
    .select('number')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return number;
}
