// The company's time zone, in which the office writes times in its mail (a voice message's
// arrival) instead of UTC. An office that existed before takes the zone of the computer it runs
// on: the embedded office's is the person's own.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('company')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  await sql`update company set time_zone = ${zone}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('company').dropColumn('time_zone').execute();
}
