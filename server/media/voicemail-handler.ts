// Voicemail as the answer to a call nobody took: the callee's box greets the caller through
// the media agent, and a message worth keeping is stored and announced ('voicemail-received').
import type { OfficeServices } from '../office-services';
import { isoAt } from '../time';
import { findVoicemailBox } from '../directory/voicemail-boxes';
import { storeVoicemail } from '../directory/voicemail';
import { refuseUnanswered, type UnansweredCall, type UnansweredCallHandler } from '../sip/calls/unanswered';
import { mailLanguage } from '../mail/language';
import { NO_SDP_OFFER, answeringWith, sdpOffer, type MediaAgent } from './agent';
import type { SessionResult } from './session';
import { MailboxSession, type MailboxLimits } from './mailbox-session';
import { pinLockedMailbox } from './mailbox';

export function voicemailHandler(
  office: OfficeServices,
  agent: MediaAgent,
  limits: MailboxLimits,
): UnansweredCallHandler {
  return async (call) => {
    const box = await findVoicemailBox(office.db, call.callee.number);
    if (!box) return refuseUnanswered(call);
    const offer = sdpOffer(call.offer);
    if (offer === null) return NO_SDP_OFFER;
    // The default greeting speaks the owner's language, the one their mail is written in.
    const language = await mailLanguage(office.db, box.userId);
    // The owner pressing * over their own greeting signs in with the box's PIN.
    const owner = box.userId;
    const locked = owner
      ? pinLockedMailbox(office, { userId: owner, hasPin: box.hasPin }, language, call.sourceAddress)
      : null;
    const outcome = await agent.answer({
      offer,
      greeting: { boxId: box.id, greetingFile: box.greetingFile, language },
      maxMessageSeconds: box.maxMessageSeconds,
      ownerMenu:
        locked &&
        ((endpoint) =>
          new MailboxSession(
            endpoint,
            agent.prompts,
            { kind: 'ask-pin', box: locked },
            limits,
            office.logger,
          )),
    });
    if (outcome.ok) {
      const receivedAt = isoAt(office.clock());
      // The call hangs up as soon as the session ends; storing the message goes on behind it.
      void outcome.session.result.then((result) => keep(office, call, box.userId, receivedAt, result));
    }
    return answeringWith(outcome);
  };
}

async function keep(
  office: OfficeServices,
  call: UnansweredCall,
  ownerId: string | null,
  receivedAt: string,
  result: SessionResult,
): Promise<void> {
  if (!result.message) return;
  try {
    const messageId = await storeVoicemail(office.db, office.voicemailDir, {
      extension: call.callee.number,
      callerNumber: call.caller.number,
      callerName: call.caller.name,
      receivedAt,
      durationSeconds: Math.max(1, Math.round(result.message.seconds)),
      audio: result.message.audio,
      audioType: 'audio/ogg',
    });
    if (ownerId) office.events.emit('voicemail-received', { userId: ownerId, messageId });
  } catch (error) {
    office.logger.error({ error: String(error), callee: call.callee.number }, 'voicemail message not stored');
  }
}
