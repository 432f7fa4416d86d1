import { Type, type Static } from 'typebox';
import { CallLogEntry } from './call-log';
import { LiveConference } from './conferences';
import { Preferences } from './preferences';
import { Id, Nullable, StrictObject } from './primitives';
import { VoicemailMessage } from './voicemail';

/**
 * What the office pushes to a signed-in app over `GET /me/events` (server-sent events): each
 * event's SSE name is its `type`, its data this JSON.
 */
/** A call of the user's, made, answered or missed, as it was written to their call log. */
export const CallLoggedEvent = StrictObject({ type: Type.Literal('call-logged'), call: CallLogEntry });
export const SignedOutEvent = StrictObject({
  type: Type.Literal('signed-out'),
  /** `session-ended`: signed out, revoked, expired, or the account may no longer sign in. */
  reason: Type.Union([Type.Literal('session-ended'), Type.Literal('replaced')]),
});
/** A new message in the user's voicemail box. */
export const VoicemailEvent = StrictObject({ type: Type.Literal('voicemail'), message: VoicemailMessage });
/** The user's call preferences as they now are, changed from any of their apps (do-not-disturb…). */
export const PreferencesChangedEvent = StrictObject({
  type: Type.Literal('preferences-changed'),
  preferences: Preferences,
});
/** A conference the user sits in changed (someone came, left, was muted), or null once they left it. */
export const ConferenceEvent = StrictObject({
  type: Type.Literal('conference'),
  id: Id,
  conference: Nullable(LiveConference),
});
export const PushEvent = Type.Union([
  CallLoggedEvent,
  VoicemailEvent,
  SignedOutEvent,
  PreferencesChangedEvent,
  ConferenceEvent,
]);
export type PushEvent = Static<typeof PushEvent>;
