// Where the office is: the company's country and time zone, asked on the first-run screen and
// kept with its language. Offices from before say no country and keep UTC until an admin sets them.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('company')
    .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('company')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('company').dropColumn('time_zone').execute();
  await db.schema.alterTable('company').dropColumn('country').execute();
}
