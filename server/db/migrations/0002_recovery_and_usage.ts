// Self-service password recovery codes, and the indexes the admin's office-wide call log needs.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_recoveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('password_recoveries_user')
    .on('password_recoveries')
    .column('user_id')
    .execute();
  // Filtering the usage view by extension: either side of the call, in time order.
  await db.schema
    .createIndex('calls_caller_started')
    .on('calls')
    .columns(['caller_number', 'started_at', 'id'])
    .execute();
  await db.schema
    .createIndex('calls_callee_started')
    .on('calls')
    .columns(['callee_number', 'started_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('calls_callee_started').execute();
  await db.schema.dropIndex('calls_caller_started').execute();
  await db.schema.dropTable('password_recoveries').execute();
}
