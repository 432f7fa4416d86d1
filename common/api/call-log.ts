import { Type, type Static } from 'typebox';
import { Cursor, Id, Limit, Nullable, Page, ShortText, StrictObject, Timestamp } from './primitives';

export const CallDirection = Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')]);
export type CallDirection = Static<typeof CallDirection>;

export const CallResult = Type.Union([
  Type.Literal('answered'),
  Type.Literal('missed'),
  Type.Literal('busy'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
  /** Nobody answered and the media agent took it: the caller may have left a message. */
  Type.Literal('voicemail'),
]);
export type CallResult = Static<typeof CallResult>;

/**
 * What went wrong, beside the result, when the office or a phone could not carry the call:
 * a phone refused its audio (488/606: no codec in common), a phone or the network answered 503,
 * or the office had no room to bridge a softphone and a desk phone. Null for a call that went as
 * calls go (answered, missed, busy, cancelled).
 */
export const CallFault = Type.Union([
  Type.Literal('media-not-acceptable'),
  Type.Literal('unavailable'),
  Type.Literal('bridge-full'),
]);
export type CallFault = Static<typeof CallFault>;

/** Whom a call was with, or who transferred it: a number and, when the office knows one, a name. */
export const CallPartyRef = StrictObject({
  number: Type.String({ maxLength: 64 }),
  name: Nullable(ShortText),
});

export const CallLogEntry = StrictObject({
  id: Id,
  callId: Id,
  direction: CallDirection,
  otherNumber: Type.String({ maxLength: 64 }),
  otherName: Nullable(ShortText),
  startedAt: Timestamp,
  answeredAt: Nullable(Timestamp),
  endedAt: Nullable(Timestamp),
  durationSeconds: Type.Integer({ minimum: 0 }),
  result: CallResult,
  fault: Nullable(CallFault),
  /**
   * The colleague who put this call through by a transfer (blind or attended), when a transfer
   * made it: the person neither placed nor was rung by the other party in the usual way.
   */
  transferredBy: Nullable(CallPartyRef),
});
export type CallLogEntry = Static<typeof CallLogEntry>;

export const CallLogFilter = Type.Union([
  Type.Literal('all'),
  Type.Literal('incoming'),
  Type.Literal('outgoing'),
  Type.Literal('missed'),
]);
export type CallLogFilter = Static<typeof CallLogFilter>;

export const CallLogQuery = StrictObject({
  limit: Type.Optional(Limit),
  before: Type.Optional(Cursor),
  filter: Type.Optional(CallLogFilter),
});
export type CallLogQuery = Static<typeof CallLogQuery>;

export const CallLogPage = Page(CallLogEntry);
export type CallLogPage = Static<typeof CallLogPage>;
