import { sql, type SelectQueryBuilder } from 'kysely';
import type { OfficeCall, OfficeCallQuery, UsageTotals } from '../../common/api/usage';
import type { OfficeDb } from '../db/database';
import type { CallTable, Database } from '../db/schema';
import { decodeCursor, encodeCursor, pageOf, pastCursor } from './cursor';

type CallFilter = Omit<OfficeCallQuery, 'limit' | 'before'>;

function filtered<O>(query: SelectQueryBuilder<Database, 'calls', O>, filter: CallFilter) {
  let q = query;
  if (filter.from) q = q.where('started_at', '>=', new Date(filter.from).toISOString());
  if (filter.to) q = q.where('started_at', '<', new Date(filter.to).toISOString());
  if (filter.result) q = q.where('result', '=', filter.result);
  const extension = filter.extension;
  if (extension)
    q = q.where((eb) => eb.or([eb('caller_number', '=', extension), eb('callee_number', '=', extension)]));
  return q;
}

export function toOfficeCall(row: CallTable): OfficeCall {
  return {
    id: row.id,
    callerNumber: row.caller_number,
    calleeNumber: row.callee_number,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_seconds,
    result: row.result,
  };
}

/** One page of every call of the office, newest first. */
export async function listOfficeCalls(db: OfficeDb, query: OfficeCallQuery, limit: number) {
  let select = filtered(db.selectFrom('calls').selectAll(), query);
  if (query.before) select = select.where(pastCursor('started_at', 'id', decodeCursor(query.before), 'desc'));
  const rows = await select
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageOf(rows.map(toOfficeCall), limit, (call) => encodeCursor(call.startedAt, call.id));
}

export async function officeCallTotals(db: OfficeDb, filter: CallFilter): Promise<UsageTotals> {
  const row = await filtered(db.selectFrom('calls'), filter)
    .select([
      sql<string | number>`count(*)`.as('calls'),
      sql<string | number | null>`sum(case when result = 'answered' then 1 else 0 end)`.as('answered'),
      sql<
        string | number | null
      >`sum(case when result in ('missed', 'cancelled', 'busy') then 1 else 0 end)`.as('missed'),
      sql<string | number | null>`sum(duration_seconds)`.as('seconds'),
    ])
    .executeTakeFirstOrThrow();
  // PostgreSQL returns bigint aggregates as strings.
  return {
    calls: Number(row.calls),
    answered: Number(row.answered ?? 0),
    missed: Number(row.missed ?? 0),
    minutes: Math.round((Number(row.seconds ?? 0) / 60) * 100) / 100,
  };
}

/** Every matching call, newest first, fetched a batch at a time (for the CSV export). */
export async function* eachOfficeCall(
  db: OfficeDb,
  filter: CallFilter,
  batch = 1000,
): AsyncGenerator<OfficeCall> {
  let before: string | undefined;
  do {
    const page = await listOfficeCalls(db, { ...filter, ...(before && { before }) }, batch);
    yield* page.items;
    before = page.nextCursor ?? undefined;
  } while (before);
}
