import { Type, type Static } from 'typebox';
import { Cursor, Id, Nullable, ShortText, StrictObject, Timestamp } from './primitives';

export const VoicemailMessage = StrictObject({
  id: Id,
  callerNumber: Type.String({ maxLength: 64 }),
  callerName: Nullable(ShortText),
  receivedAt: Timestamp,
  durationSeconds: Type.Integer({ minimum: 0 }),
  read: Type.Boolean(),
  audioType: Type.String(),
});
export type VoicemailMessage = Static<typeof VoicemailMessage>;

/** One page of the box, newest first: pass `nextCursor` as `before` for the next one. */
export const VoicemailList = StrictObject({
  items: Type.Array(VoicemailMessage),
  nextCursor: Nullable(Cursor),
  /** Unread messages in the whole box, not only this page. */
  unread: Type.Integer({ minimum: 0 }),
});
export type VoicemailList = Static<typeof VoicemailList>;

export const VoicemailPatch = StrictObject({ read: Type.Boolean() });
export type VoicemailPatch = Static<typeof VoicemailPatch>;

/** The voicemail PIN typed on a phone's keypad: 4 to 10 digits. */
export const VoicemailPinRequest = StrictObject({
  pin: Type.String({ pattern: '^[0-9]{4,10}$', minLength: 4, maxLength: 10 }),
});
export type VoicemailPinRequest = Static<typeof VoicemailPinRequest>;
