// Conference bridges ("ponts de conférence"): an extension several callers dial to talk together,
// with an optional PIN and a separate moderator PIN, and what the app shows of one while it runs.
import { Type, type Static } from 'typebox';
import { ExtensionNumber, Id, Nullable, PATCH_OPTIONS, StrictObject, Timestamp } from './primitives';

const BridgeName = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });
/** Typed on a phone's keypad: digits only. Stored hashed, never shown. */
export const ConferencePin = Type.String({ pattern: '^[0-9]{4,12}$', minLength: 4, maxLength: 12 });
/** What one bridge may hold; the media agent also caps all bridges together. */
export const MAX_CONFERENCE_PARTICIPANTS = 100;
export const ConferenceSize = Type.Integer({ minimum: 2, maximum: MAX_CONFERENCE_PARTICIPANTS });

export const Conference = StrictObject({
  id: Id,
  name: BridgeName,
  extension: ExtensionNumber,
  /** Callers are asked for a PIN (the PIN itself is never readable). */
  hasPin: Type.Boolean(),
  /** A moderator PIN is set: who types it may mute and remove the others. */
  hasModeratorPin: Type.Boolean(),
  /** Everybody is hung up when the last moderator leaves. */
  endWithModerator: Type.Boolean(),
  maxParticipants: ConferenceSize,
  createdAt: Timestamp,
});
export type Conference = Static<typeof Conference>;

export const CreateConference = StrictObject({
  name: BridgeName,
  /** Taken from the numbering plan when left out. */
  extension: Type.Optional(ExtensionNumber),
  /** Null (or left out): no PIN. */
  pin: Type.Optional(Nullable(ConferencePin)),
  moderatorPin: Type.Optional(Nullable(ConferencePin)),
  endWithModerator: Type.Optional(Type.Boolean()),
  maxParticipants: Type.Optional(ConferenceSize),
});
export type CreateConference = Static<typeof CreateConference>;

export const UpdateConference = Type.Partial(CreateConference, PATCH_OPTIONS);
export type UpdateConference = Static<typeof UpdateConference>;

/** One caller in a running conference, as its participants' apps show them. */
export const LiveParticipant = StrictObject({
  id: Id,
  /** The caller's number (their extension) and name, when known. */
  number: Type.String({ maxLength: 40 }),
  name: Nullable(Type.String({ maxLength: 200 })),
  moderator: Type.Boolean(),
  muted: Type.Boolean(),
  joinedAt: Timestamp,
});
export type LiveParticipant = Static<typeof LiveParticipant>;

/** A running conference the signed-in user is in. */
export const LiveConference = StrictObject({
  id: Id,
  name: BridgeName,
  extension: ExtensionNumber,
  /** The signed-in user joined as a moderator: they may mute and remove participants. */
  moderator: Type.Boolean(),
  participants: Type.Array(LiveParticipant, { maxItems: MAX_CONFERENCE_PARTICIPANTS }),
});
export type LiveConference = Static<typeof LiveConference>;

export const ParticipantMute = StrictObject({ muted: Type.Boolean() });
export type ParticipantMute = Static<typeof ParticipantMute>;
