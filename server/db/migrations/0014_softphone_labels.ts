// A softphone's label was written by the office in English ("Softphone of 104"). It is now kept
// empty and the app names the softphone in the reader's language; labels an administrator typed
// stay as they are.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update devices set label = '' where kind = 'softphone' and label like 'Softphone of %'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update devices set label = 'Softphone of ' || (select number from extensions where extensions.id = devices.extension_id)
    where kind = 'softphone' and label = '' and extension_id is not null`.execute(db);
}
