// The voicemail menu by phone (*97, *98, one's own extension) as a call the media agent answers.
import type { VoicemailAccessHandler } from '../sip/calls/voicemail-access';
import { mailLanguage } from '../mail/language';
import { NO_SDP_OFFER, answeringWith, sdpOffer, type MediaAgent } from './agent';
import { MailboxSession, type MailboxLimits, type MailboxStart } from './mailbox-session';
import { lockedMailbox, openMailbox, type MailboxServices } from './mailbox';

export function mailboxHandler(
  services: MailboxServices,
  agent: MediaAgent,
  limits: MailboxLimits,
): VoicemailAccessHandler {
  return async (call) => {
    const offer = sdpOffer(call.offer);
    if (offer === null) return NO_SDP_OFFER;
    let start: MailboxStart;
    if (call.mailbox === 'own') {
      const ownerId = call.caller.userId;
      if (!ownerId)
        return { kind: 'refuse', status: 404, reason: 'Not Found (this phone’s extension has no owner)' };
      start = {
        kind: 'open',
        mailbox: openMailbox(services, ownerId, await mailLanguage(services.db, ownerId)),
      };
    } else {
      start = {
        kind: 'ask-number',
        // Until the box is known, the company's language.
        language: await mailLanguage(services.db, null),
        find: (number) => lockedMailbox(services, number, call.sourceAddress),
      };
    }
    const outcome = await agent.open(
      offer,
      (endpoint) => new MailboxSession(endpoint, agent.prompts, start, limits, services.logger),
    );
    return answeringWith(outcome);
  };
}
