import type { OfficeDb } from '../db/database';
import { notFound } from '../errors';

/** Deletes one row of a simple admin resource by id, or says it was not there. */
export async function deleteById(
  db: OfficeDb,
  table: 'user_groups' | 'settings_templates' | 'phone_numbers' | 'trunks',
  id: string,
  what: string,
): Promise<void> {
  const result = await db.deleteFrom(table).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound(what);
}
