import { Type } from 'typebox';
import {
  GREETING_MAX_BYTES,
  VoicemailList,
  VoicemailMessage,
  VoicemailPatch,
  VoicemailPinRequest,
} from '../../api/voicemail';
import { Id, Nullable, PageQuery, StrictObject, Timestamp } from '../../api/primitives';
import { NoContent, NoRequest, channel, rest, type DomainSpec } from '../channel';

/** The most audio one `voicemail:audio` answer carries (base64 makes it a third larger on the wire). */
export const MAX_VOICEMAIL_AUDIO_BYTES = 16 * 1024 * 1024;

export const VoicemailAudio = StrictObject({
  /** The recording's bytes, base64. */
  data: Type.String({ maxLength: Math.ceil(MAX_VOICEMAIL_AUDIO_BYTES / 3) * 4 }),
  audioType: Type.String({ maxLength: 100 }),
});

/**
 * A greeting file crosses in parts of at most this many bytes: a whole one is larger than a frame
 * of the browser host's socket may be.
 */
export const GREETING_PART_BYTES = 512 * 1024;
export const MAX_GREETING_PARTS = Math.ceil(GREETING_MAX_BYTES / GREETING_PART_BYTES);

/**
 * One part of a greeting the person uploads, in order from 0; main sends the file to the office
 * with the last part and answers that part with the office's answer.
 */
export const GreetingPart = StrictObject({
  /** The file's type: the office takes WAV or MP3. */
  type: Type.Union([Type.Literal('audio/wav'), Type.Literal('audio/mpeg')]),
  index: Type.Integer({ minimum: 0, maximum: MAX_GREETING_PARTS - 1 }),
  count: Type.Integer({ minimum: 1, maximum: MAX_GREETING_PARTS }),
  /** This part's bytes, base64. */
  data: Type.String({ minLength: 1, maxLength: Math.ceil(GREETING_PART_BYTES / 3) * 4 }),
});

/** An action taken while the office was unreachable, waiting to be sent. */
export const PendingVoicemailAction = StrictObject({
  id: Id,
  action: Type.Union([Type.Literal('mark-read'), Type.Literal('mark-unread'), Type.Literal('delete')]),
});

/** What the screen needs to say "will sync": the office's reachability and the actions not yet sent. */
export const VoicemailSyncState = StrictObject({
  connection: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
  pending: Type.Array(PendingVoicemailAction),
  /** When the cache last matched the office; null before the first sync. */
  syncedAt: Nullable(Timestamp),
});

export const voicemail = {
  requests: {
    // Served from the offline cache in main: the office when it answers, the copies when not.
    list: rest('GET', '/me/voicemail', VoicemailList, { query: PageQuery }),
    mark: rest('PATCH', '/me/voicemail/:id', VoicemailMessage, { body: VoicemailPatch }),
    delete: rest('DELETE', '/me/voicemail/:id', NoContent),
    audio: channel(StrictObject({ id: Id }), VoicemailAudio),
    syncState: channel(NoRequest, VoicemailSyncState),
    /** The PIN that opens the box from a phone; the office refuses an easy one (`easyPin`). */
    setPin: rest('PUT', '/me/voicemail/pin', NoContent, { body: VoicemailPinRequest }),
    /** The person's own greeting as callers hear it; null while they use the default one. */
    greeting: channel(NoRequest, Nullable(VoicemailAudio)),
    uploadGreeting: channel(GreetingPart, NoContent),
    /** Back to the default greeting. */
    deleteGreeting: rest('DELETE', '/me/voicemail/greeting', NoContent),
  },
  events: {
    /** A new message arrived; the list is worth fetching again. */
    received: VoicemailMessage,
    syncStateChanged: VoicemailSyncState,
  },
} satisfies DomainSpec;
