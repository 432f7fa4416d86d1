// Sessions for a desktop client: a remembered session outlives the idle limit (only its absolute
// limit ends it), an elevated one has its own shorter idle limit, and a refresh retried because
// its answer was lost is honoured for a short grace instead of revoking the session.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('remember', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('sessions').addColumn('rotated_at', 'text').execute();
  await db.schema
    .alterTable('company')
    .addColumn('admin_idle_timeout_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .execute();
  await db.schema
    .alterTable('company')
    .addColumn('remembered_session_days', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('company').dropColumn('remembered_session_days').execute();
  await db.schema.alterTable('company').dropColumn('admin_idle_timeout_minutes').execute();
  await db.schema.alterTable('sessions').dropColumn('rotated_at').execute();
  await db.schema.alterTable('sessions').dropColumn('remember').execute();
}
