import { randomUUID } from 'node:crypto';
import type {
  CallDirection,
  CallFault,
  CallLogEntry,
  CallLogQuery,
  CallResult,
} from '../../common/api/call-log';
import type { OfficeDb } from '../db/database';
import type { CallLogTable } from '../db/schema';
import { decodeCursor, encodeCursor, pageOf, pastCursor } from './cursor';

function toEntry(row: CallLogTable): CallLogEntry {
  return {
    id: row.id,
    callId: row.call_id,
    direction: row.direction,
    otherNumber: row.other_number,
    otherName: row.other_name,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_seconds,
    result: row.result,
    fault: row.fault,
    transferredBy:
      row.transferred_by_number === null
        ? null
        : { number: row.transferred_by_number, name: row.transferred_by_name },
  };
}

/** One user's calls, newest first, keyset-paged on (started_at, id). */
export async function listCallLog(db: OfficeDb, userId: string, query: CallLogQuery) {
  const limit = query.limit ?? 50;
  let select = db.selectFrom('call_log').selectAll().where('user_id', '=', userId);
  if (query.filter === 'incoming' || query.filter === 'outgoing')
    select = select.where('direction', '=', query.filter);
  if (query.filter === 'missed')
    select = select.where('direction', '=', 'incoming').where('result', '!=', 'answered');
  if (query.before) select = select.where(pastCursor('started_at', 'id', decodeCursor(query.before), 'desc'));
  const rows = await select
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageOf(rows.map(toEntry), limit, (entry) => encodeCursor(entry.startedAt, entry.id));
}

export interface CallParty {
  number: string;
  name: string | null;
  /** The user the row belongs to; null for a party with no account (no row written). */
  userId: string | null;
}

export interface FinishedCall {
  caller: CallParty;
  callee: CallParty;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  result: CallResult;
  /** For a call to a ring group (the callee): the member who answered it. */
  answeredBy?: CallParty | null;
  /** What went wrong beside the result, if anything (a phone's 488 or 503, no room to bridge). */
  fault?: CallFault | null;
  /** Set on a call a transfer (or a take-over) joined; see JoinedCall. */
  joined?: JoinedCall;
}

/**
 * A call made of two legs already in calls of their own: nobody dialled it, so each party's row
 * keeps the direction of the call they were in (the caller of a call they were transferred out
 * of still made an outgoing call; whoever was called still received one), and names who
 * transferred it.
 */
export interface JoinedCall {
  callerDirection: CallDirection;
  calleeDirection: CallDirection;
  /** Who made the transfer; null when a person took their own call over on another phone. */
  transferredBy: CallParty | null;
}

export interface RecordedCall {
  callId: string;
  /** The call as each party with an account sees it in their call log. */
  entries: { userId: string; entry: CallLogEntry }[];
}

/**
 * Writes a finished call: the office-wide row, one row per party with an account, and the
 * day's totals. The callee of a call they did not answer sees it as missed, or as voicemail when
 * their box took it, with no answer time and no talk time (voicemail answered the caller, not
 * them); the caller sees what happened to them. Both rows name the fault, if any.
 */
export async function recordCall(db: OfficeDb, call: FinishedCall): Promise<RecordedCall> {
  const callId = randomUUID();
  const durationSeconds = call.answeredAt
    ? Math.max(0, Math.round((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000))
    : 0;
  const fault = call.fault ?? null;
  const times = { started_at: call.startedAt, answered_at: call.answeredAt, ended_at: call.endedAt };
  const transferredBy = {
    transferred_by_number: call.joined?.transferredBy?.number ?? null,
    transferred_by_name: call.joined?.transferredBy?.name ?? null,
  };
  const rows: CallLogTable[] = [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calls')
      .values({
        id: callId,
        caller_number: call.caller.number,
        callee_number: call.callee.number,
        ...times,
        duration_seconds: durationSeconds,
        result: call.result,
        answered_by_number: call.answeredBy?.number ?? null,
        fault,
      })
      .execute();
    if (call.caller.userId) {
      rows.push({
        id: randomUUID(),
        call_id: callId,
        user_id: call.caller.userId,
        direction: call.joined?.callerDirection ?? 'outgoing',
        other_number: call.callee.number,
        other_name: call.callee.name,
        ...times,
        duration_seconds: durationSeconds,
        result: call.result,
        ...transferredBy,
        fault,
      });
    }
    if (call.callee.userId) {
      const answered = call.result === 'answered';
      rows.push({
        id: randomUUID(),
        call_id: callId,
        user_id: call.callee.userId,
        direction: call.joined?.calleeDirection ?? 'incoming',
        other_number: call.caller.number,
        other_name: call.caller.name,
        // A call their voicemail took was not answered by the callee: no answer time, no talk.
        ...times,
        answered_at: answered ? call.answeredAt : null,
        duration_seconds: answered ? durationSeconds : 0,
        result: answered || call.result === 'voicemail' ? call.result : 'missed',
        ...transferredBy,
        fault,
      });
    }
    if (call.answeredBy?.userId) {
      rows.push({
        id: randomUUID(),
        call_id: callId,
        user_id: call.answeredBy.userId,
        direction: call.joined?.calleeDirection ?? 'incoming',
        other_number: call.caller.number,
        other_name: call.caller.name,
        ...times,
        duration_seconds: durationSeconds,
        result: 'answered',
        ...transferredBy,
        fault,
      });
    }
    if (rows.length > 0) await trx.insertInto('call_log').values(rows).execute();
    const numbers = new Set(['', call.caller.number, call.callee.number]);
    for (const number of numbers) {
      await trx
        .insertInto('call_totals_daily')
        .values({
          day: call.startedAt.slice(0, 10),
          number,
          result: call.result,
          calls: 1,
          seconds: durationSeconds,
        })
        .onConflict((oc) =>
          oc.columns(['number', 'day', 'result']).doUpdateSet((eb) => ({
            calls: eb('call_totals_daily.calls', '+', 1),
            seconds: eb('call_totals_daily.seconds', '+', durationSeconds),
          })),
        )
        .execute();
    }
  });
  return { callId, entries: rows.map((row) => ({ userId: row.user_id, entry: toEntry(row) })) };
}
