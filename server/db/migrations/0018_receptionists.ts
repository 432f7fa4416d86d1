// Virtual receptionists: an extension of the office (its own row, no user) answered by the media
// agent with a menu. The schedule and menus are one JSON document, validated whole by the API
// schema before it is written; uploaded menu greetings are files, one row each.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receptionists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('extension_id', 'text', (c) =>
      c.notNull().unique().references('extensions.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    // Hours, holidays, menus and which menu answers when (common/api/receptionists.ts).
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('receptionist_greetings')
    .addColumn('receptionist_id', 'text', (c) =>
      c.notNull().references('receptionists.id').onDelete('cascade'),
    )
    .addColumn('menu_id', 'text', (c) => c.notNull())
    // In the voicemail folder's greetings/, sealed like every greeting.
    .addColumn('file', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('receptionist_greetings_pk', ['receptionist_id', 'menu_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('receptionist_greetings').execute();
  await db.schema.dropTable('receptionists').execute();
}
