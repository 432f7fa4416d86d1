// Who put a call through by a transfer, on each party's call-log row: the call a transfer joins
// is neither party's own doing, so their logs say who made it instead of listing it as a call
// they placed. Rows written before stay as they were (no transfer known).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('call_log').addColumn('transferred_by_number', 'text').execute();
  await db.schema.alterTable('call_log').addColumn('transferred_by_name', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('call_log').dropColumn('transferred_by_name').execute();
  await db.schema.alterTable('call_log').dropColumn('transferred_by_number').execute();
}
