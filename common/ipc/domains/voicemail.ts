import { VoicemailList, VoicemailMessage, VoicemailPatch } from '../../api/voicemail';
import { NoContent, rest, type DomainSpec } from '../channel';

export const voicemail = {
  requests: {
    list: rest('GET', '/me/voicemail', VoicemailList),
    mark: rest('PATCH', '/me/voicemail/:id', VoicemailMessage, { body: VoicemailPatch }),
    delete: rest('DELETE', '/me/voicemail/:id', NoContent),
  },
  events: {
    /** A new message arrived; the list is worth fetching again. */
    received: VoicemailMessage,
  },
} satisfies DomainSpec;
