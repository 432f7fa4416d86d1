// The admin's office-wide call log ("Usage").
import { Type, type Static } from 'typebox';
import { Cursor, ExtensionNumber, Id, Limit, Nullable, StrictObject, Timestamp } from './primitives';
import { CallResult } from './call-log';

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
  /** For a call to a ring group (the callee): the member's extension that answered it. */
  answeredByNumber: Nullable(Type.String()),
});
export type OfficeCall = Static<typeof OfficeCall>;

/** Totals over the whole filtered period, not just the page. */
export const UsageTotals = StrictObject({
  calls: Type.Integer(),
  answered: Type.Integer(),
  /** Calls that rang but were not answered (missed, cancelled or busy). */
  missed: Type.Integer(),
  /** Talk time of answered calls, in minutes (two decimals). */
  minutes: Type.Number(),
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
