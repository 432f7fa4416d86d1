// Conference bridges: an extension of the office (a row with no user, so its number is unique
// among all extensions) that the media agent answers and mixes. PINs are stored hashed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conferences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('extension_id', 'text', (c) =>
      c.notNull().unique().references('extensions.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('pin_hash', 'text')
    .addColumn('moderator_pin_hash', 'text')
    .addColumn('end_with_moderator', 'integer', (c) => c.notNull())
    .addColumn('max_participants', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conferences').execute();
}
