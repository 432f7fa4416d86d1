// Per-day call totals, office-wide (number '') and per extension, so the usage view's totals
// for a period sum a few rows per day instead of every call.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_totals_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addColumn('seconds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_totals_daily_pk', ['number', 'day', 'result'])
    .execute();
  // Calls recorded before this migration.
  await sql`
    insert into call_totals_daily (day, number, result, calls, seconds)
    select day, number, result, count(*), sum(duration_seconds) from (
      select substr(started_at, 1, 10) as day, '' as number, result, duration_seconds from calls
      union all
      select substr(started_at, 1, 10), caller_number, result, duration_seconds from calls
      union all
      select substr(started_at, 1, 10), callee_number, result, duration_seconds from calls
        where callee_number <> caller_number
    ) as parts
    group by day, number, result`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_totals_daily').execute();
}
