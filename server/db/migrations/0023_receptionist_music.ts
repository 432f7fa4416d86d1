// A receptionist may choose its own music on hold, as a ring group does (0020): the calls it puts
// through hear it on hold, and, when it says so, while the number they asked for rings. A file a receptionist uses cannot be deleted (music-library.ts), so
// the reference needs no cascade. A menu's uploaded greeting keeps how long it plays, for the
// console to show; greetings uploaded before have none (null) until uploaded again.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('receptionists')
    .addColumn('music_id', 'text', (c) => c.references('music_files.id'))
    .execute();
  await db.schema
    .alterTable('receptionists')
    .addColumn('caller_hears', 'text', (c) => c.notNull().defaultTo('ringing'))
    .execute();
  await db.schema.alterTable('receptionist_greetings').addColumn('duration_ms', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('receptionist_greetings').dropColumn('duration_ms').execute();
  await db.schema.alterTable('receptionists').dropColumn('caller_hears').execute();
  await db.schema.alterTable('receptionists').dropColumn('music_id').execute();
}
