// The voicemail API: replayable actions (idempotency keys, so an app's queued offline changes
// land once however often they are sent), and the language mail is written in (a user's
// own, else the company's).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    /** Null while the first request with the key is still being answered. */
    .addColumn('status', 'integer')
    .addColumn('body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_user_created')
    .on('idempotency_keys')
    .columns(['user_id', 'created_at'])
    .execute();
  // Existing users follow the company's language until they choose one.
  await db.schema.alterTable('users').addColumn('language', 'text').execute();
  await db.schema
    .alterTable('company')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('company').dropColumn('language').execute();
  await db.schema.alterTable('users').dropColumn('language').execute();
  await db.schema.dropTable('idempotency_keys').execute();
}
