// Why a session ended, kept with it, so the office can tell the app the real reason (an
// administrator turned sign-in off, a password reset) rather than a guess. Sessions ended before
// this migration keep no reason.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('end_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('end_reason').execute();
}
