// A receptionist may choose its own music on hold, as a ring group does (0020): the calls it puts
// through hear it on hold. A file a receptionist uses cannot be deleted (music-library.ts), so
// the reference needs no cascade.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('receptionists')
    .addColumn('music_id', 'text', (c) => c.references('music_files.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('receptionists').dropColumn('music_id').execute();
}
