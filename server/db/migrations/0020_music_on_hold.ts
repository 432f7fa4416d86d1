// Music on hold: the uploaded files (re-encoded once, kept in the data folder's music/ folder),
// one of them the company's default, and each ring group's own music and whether its callers
// hear it (or ringing) while the members ring. A file a group uses cannot be deleted, so the
// reference needs no cascade.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('music_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('ring_groups')
    .addColumn('music_id', 'text', (c) => c.references('music_files.id'))
    .execute();
  await db.schema
    .alterTable('ring_groups')
    .addColumn('caller_hears', 'text', (c) => c.notNull().defaultTo('ringing'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ring_groups').dropColumn('caller_hears').execute();
  await db.schema.alterTable('ring_groups').dropColumn('music_id').execute();
  await db.schema.dropTable('music_files').execute();
}
