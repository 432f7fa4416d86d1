import { sql, type SelectQueryBuilder } from 'kysely';
import type { CallResult } from '../../common/api/call-log';
import type { OfficeCall, OfficeCallQuery, ResultCounts, UsageTotals } from '../../common/api/usage';
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
    q = q.where((eb) =>
      eb.or([
        eb('caller_number', '=', extension),
        eb('callee_number', '=', extension),
        eb('answered_by_number', '=', extension),
      ]),
    );
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
    answeredByNumber: row.answered_by_number,
    fault: row.fault,
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

interface Sums {
  results: ResultCounts;
  talkSeconds: number;
}

const noCalls = (): Sums => ({
  results: { answered: 0, missed: 0, busy: 0, voicemail: 0, failed: 0, cancelled: 0 },
  talkSeconds: 0,
});

/** The rows of a count grouped by result, added up. PostgreSQL returns bigint sums as strings. */
function toSums(
  rows: { result: CallResult; calls: string | number; seconds: string | number | null }[],
): Sums {
  const sums = noCalls();
  for (const row of rows) {
    sums.results[row.result] += Number(row.calls);
    if (row.result === 'answered') sums.talkSeconds += Number(row.seconds ?? 0);
  }
  return sums;
}

/** Sums straight from the calls: for the part of a period that is not whole days. */
async function sumCalls(db: OfficeDb, filter: CallFilter): Promise<Sums> {
  const rows = await filtered(db.selectFrom('calls'), filter)
    .select([
      'result',
      sql<string | number>`count(*)`.as('calls'),
      sql<string | number | null>`sum(duration_seconds)`.as('seconds'),
    ])
    .groupBy('result')
    .execute();
  return toSums(rows);
}

/** Sums of whole UTC days from the daily totals, `fromDay` inclusive, `toDay` exclusive. */
async function sumDays(
  db: OfficeDb,
  filter: CallFilter,
  fromDay: string | null,
  toDay: string | null,
): Promise<Sums> {
  let query = db.selectFrom('call_totals_daily').where('number', '=', filter.extension ?? '');
  if (filter.result) query = query.where('result', '=', filter.result);
  if (fromDay) query = query.where('day', '>=', fromDay);
  if (toDay) query = query.where('day', '<', toDay);
  const rows = await query
    .select([
      'result',
      sql<string | number>`sum(calls)`.as('calls'),
      sql<string | number | null>`sum(seconds)`.as('seconds'),
    ])
    .groupBy('result')
    .execute();
  return toSums(rows);
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Totals of a period: whole days from the daily totals, the partial days at either end from
 * the calls themselves, so the cost no longer grows with the number of calls.
 */
export async function officeCallTotals(db: OfficeDb, filter: CallFilter): Promise<UsageTotals> {
  const from = filter.from ? Date.parse(filter.from) : null;
  const to = filter.to ? Date.parse(filter.to) : null;
  const firstWholeDay = from === null ? null : Math.ceil(from / DAY_MS) * DAY_MS;
  const endWholeDays = to === null ? null : Math.floor(to / DAY_MS) * DAY_MS;
  const parts: Promise<Sums>[] = [];
  if (firstWholeDay !== null && endWholeDays !== null && firstWholeDay >= endWholeDays) {
    parts.push(sumCalls(db, filter)); // less than a whole day
  } else {
    parts.push(
      sumDays(
        db,
        filter,
        firstWholeDay === null ? null : dayOf(firstWholeDay),
        endWholeDays === null ? null : dayOf(endWholeDays),
      ),
    );
    if (from !== null && firstWholeDay !== null && from < firstWholeDay) {
      parts.push(sumCalls(db, { ...filter, to: new Date(firstWholeDay).toISOString() }));
    }
    if (to !== null && endWholeDays !== null && endWholeDays < to) {
      parts.push(sumCalls(db, { ...filter, from: new Date(endWholeDays).toISOString() }));
    }
  }
  const sums = (await Promise.all(parts)).reduce((a, b) => {
    for (const result of Object.keys(a.results) as CallResult[]) a.results[result] += b.results[result];
    a.talkSeconds += b.talkSeconds;
    return a;
  }, noCalls());
  return {
    calls: Object.values(sums.results).reduce((total, count) => total + count, 0),
    results: sums.results,
    talkSeconds: sums.talkSeconds,
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
