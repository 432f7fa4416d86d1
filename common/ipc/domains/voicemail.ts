import { Type } from 'typebox';
import { VoicemailList, VoicemailMessage, VoicemailPatch } from '../../api/voicemail';
import { Id, StrictObject } from '../../api/primitives';
import { NoContent, channel, rest, type DomainSpec } from '../channel';

/** The largest recording the player fetches over the contract (minutes of Opus fit many times). */
export const MAX_VOICEMAIL_AUDIO_BYTES = 10 * 1024 * 1024;

/** A recording for the player: its media type and its bytes in base64. */
export const VoicemailAudio = StrictObject({
  type: Type.String({ maxLength: 64 }),
  base64: Type.String({ maxLength: Math.ceil(MAX_VOICEMAIL_AUDIO_BYTES / 3) * 4 }),
});

export const voicemail = {
  requests: {
    list: rest('GET', '/me/voicemail', VoicemailList),
    mark: rest('PATCH', '/me/voicemail/:id', VoicemailMessage, { body: VoicemailPatch }),
    delete: rest('DELETE', '/me/voicemail/:id', NoContent),
    /** `GET /me/voicemail/:id/audio`, read by main and handed over as bytes. */
    audio: channel(StrictObject({ id: Id }), VoicemailAudio),
  },
  events: {
    /** A new message arrived; the list is worth fetching again. */
    received: VoicemailMessage,
  },
} satisfies DomainSpec;
