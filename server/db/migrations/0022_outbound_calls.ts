// Calls out to the world: each person's outbound permission (internal only, national,
// international; international is off unless a template or an admin grants it) and whether they
// hide their number; the company's toll-fraud caps (outside calls at once per person and in all,
// international minutes a day, premium-rate numbers); the international seconds used each day;
// and which cap's alert mail was sent on which day (one a day per cap, however many calls hit it).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('preferences')
    .addColumn('outbound_calls', 'text', (c) => c.notNull().defaultTo('national'))
    .execute();
  await db.schema
    .alterTable('preferences')
    .addColumn('hide_caller_id', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [column, value] of [
    ['outside_calls_per_user', 4],
    ['outside_calls_total', 30],
    ['international_minutes_per_day', 600],
    ['premium_numbers_allowed', 0],
  ] as const)
    await db.schema
      .alterTable('company')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(value))
      .execute();
  await db.schema
    .createTable('international_seconds_daily')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('seconds', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('toll_alerts')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('cap', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('toll_alerts_pk', ['day', 'cap'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('toll_alerts').execute();
  await db.schema.dropTable('international_seconds_daily').execute();
  for (const column of [
    'premium_numbers_allowed',
    'international_minutes_per_day',
    'outside_calls_total',
    'outside_calls_per_user',
  ])
    await db.schema.alterTable('company').dropColumn(column).execute();
  await db.schema.alterTable('preferences').dropColumn('hide_caller_id').execute();
  await db.schema.alterTable('preferences').dropColumn('outbound_calls').execute();
}
