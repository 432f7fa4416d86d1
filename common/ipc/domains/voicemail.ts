import { Type } from 'typebox';
import { VoicemailList, VoicemailMessage, VoicemailPatch } from '../../api/voicemail';
import { Id, Nullable, PageQuery, StrictObject, Timestamp } from '../../api/primitives';
import { NoContent, NoRequest, channel, rest, type DomainSpec } from '../channel';

/** The most audio one `voicemail:audio` answer carries (base64 makes it a third larger on the wire). */
export const MAX_VOICEMAIL_AUDIO_BYTES = 16 * 1024 * 1024;

export const VoicemailAudio = StrictObject({
  /** The recording's bytes, base64. */
  data: Type.String({ maxLength: Math.ceil(MAX_VOICEMAIL_AUDIO_BYTES / 3) * 4 }),
  audioType: Type.String({ maxLength: 100 }),
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
  },
  events: {
    /** A new message arrived; the list is worth fetching again. */
    received: VoicemailMessage,
    syncStateChanged: VoicemailSyncState,
  },
} satisfies DomainSpec;
