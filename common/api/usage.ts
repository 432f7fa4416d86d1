// The admin's office-wide call log ("Usage").
import { Type, type Static } from 'typebox';
import { Cursor, ExtensionNumber, Id, Limit, Nullable, StrictObject, Timestamp } from './primitives';
import { CallFault, CallResult } from './call-log';

export const OfficeCallQuery = StrictObject({
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  extension: Type.Optional(ExtensionNumber),
  result: Type.Optional(CallResult),
  limit: Type.Optional(Limit),
  before: Type.Optional(Cursor),
});
export type OfficeCallQuery = Static<typeof OfficeCallQuery>;

export const OfficeCall = StrictObject({
  id: Id,
  callerNumber: Type.String(),
  calleeNumber: Type.String(),
  startedAt: Timestamp,
  answeredAt: Nullable(Timestamp),
  endedAt: Nullable(Timestamp),
  durationSeconds: Type.Integer({ minimum: 0 }),
  result: CallResult,
  fault: Nullable(CallFault),
  /** For a call to a ring group (the callee): the member's extension that answered it. */
  answeredByNumber: Nullable(Type.String()),
});
export type OfficeCall = Static<typeof OfficeCall>;

/** How many calls of a period ended each way: every result counted, so they add up to the calls. */
export const ResultCounts = StrictObject({
  answered: Type.Integer({ minimum: 0 }),
  missed: Type.Integer({ minimum: 0 }),
  busy: Type.Integer({ minimum: 0 }),
  voicemail: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
  cancelled: Type.Integer({ minimum: 0 }),
});
export type ResultCounts = Static<typeof ResultCounts>;

/** Totals over the whole filtered period, not just the page. */
export const UsageTotals = StrictObject({
  calls: Type.Integer({ minimum: 0 }),
  results: ResultCounts,
  /** Talk time of the answered calls, in seconds. */
  talkSeconds: Type.Integer({ minimum: 0 }),
});
export type UsageTotals = Static<typeof UsageTotals>;

export const OfficeCallPage = StrictObject({
  items: Type.Array(OfficeCall),
  nextCursor: Nullable(Cursor),
  /** With the first page only (no `before`): the period's totals do not change from page to page. */
  totals: Nullable(UsageTotals),
});
export type OfficeCallPage = Static<typeof OfficeCallPage>;

export const OfficeCallCsvQuery = Type.Omit(OfficeCallQuery, ['limit', 'before'], {
  additionalProperties: false,
});
