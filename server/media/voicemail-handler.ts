// Voicemail as the answer to a call nobody took: the callee's box greets the caller through
// the media agent, and a message worth keeping is stored and announced ('voicemail-received').
import { isoAt, type Clock } from '../time';
import { findVoicemailBox, type VoicemailBoxTarget } from '../directory/voicemail-boxes';
import { readersOfBox, storeVoicemail } from '../directory/voicemail';
import { refuseUnanswered, type UnansweredCall, type UnansweredCallHandler } from '../sip/calls/unanswered';
import type { MediaEndpoint } from './endpoint';
import { mailLanguage } from '../mail/language';
import { NO_SDP_OFFER, answeringWith, sdpOffer, type MediaAgent } from './agent';
import type { SessionResult, VoicemailSession } from './session';
import { MailboxSession, type MailboxLimits } from './mailbox-session';
import { pinLockedMailbox, type MailboxServices } from './mailbox';

/** What taking a message works with: the box on the phone's services, and the clock that stamps it. */
export type VoicemailServices = MailboxServices & { clock: Clock };

export function voicemailHandler(
  services: VoicemailServices,
  agent: MediaAgent,
  limits: MailboxLimits,
): UnansweredCallHandler {
  return async (call) => {
    const box = await findVoicemailBox(services.db, call.callee.number);
    if (!box) return refuseUnanswered(call);
    const offer = sdpOffer(call.offer);
    if (offer === null) return NO_SDP_OFFER;
    const outcome = await agent.open(offer, (endpoint) =>
      messageSession(services, agent, limits, call, box, endpoint),
    );
    return answeringWith(outcome);
  };
}

/** Who left a message for whom, and from where. */
export type MessageCall = Pick<UnansweredCall, 'caller' | 'callee' | 'sourceAddress'>;

/**
 * The box greets the caller on `endpoint` and takes their message, which is stored and announced
 * once the session ends (the call hangs up at once; storing goes on behind it).
 */
export async function messageSession(
  services: VoicemailServices,
  agent: MediaAgent,
  limits: MailboxLimits,
  call: MessageCall,
  box: VoicemailBoxTarget,
  endpoint: MediaEndpoint,
): Promise<VoicemailSession> {
  // The default greeting speaks the owner's language, the one their mail is written in.
  const language = await mailLanguage(services.db, box.userId);
  // The owner pressing * over their own greeting signs in with the box's PIN.
  const locked = box.userId ? pinLockedMailbox(services, box, language, call.sourceAddress) : null;
  const session = await agent.messageOn(endpoint, {
    greeting: { boxId: box.id, greetingFile: box.greetingFile, language },
    maxMessageSeconds: box.maxMessageSeconds,
    ownerMenu:
      locked &&
      ((owned) =>
        new MailboxSession(owned, agent.prompts, { kind: 'ask-pin', box: locked }, limits, services.logger)),
  });
  const receivedAt = isoAt(services.clock());
  void session.result.then((result) => keep(services, call, box.id, receivedAt, result));
  return session;
}

async function keep(
  services: Pick<VoicemailServices, 'db' | 'voicemailFiles' | 'events' | 'logger'>,
  call: MessageCall,
  boxId: string,
  receivedAt: string,
  result: SessionResult,
): Promise<void> {
  if (!result.message) return;
  try {
    const messageId = await storeVoicemail(services.db, services.voicemailFiles, {
      extension: call.callee.number,
      callerNumber: call.caller.number,
      callerName: call.caller.name,
      receivedAt,
      durationSeconds: Math.max(1, Math.round(result.message.seconds)),
      audio: result.message.audio,
      audioType: 'audio/ogg',
    });
    // A ring group's box has no owner: its members share it, and each hears of a new message.
    for (const userId of await readersOfBox(services.db, boxId))
      services.events.emit('voicemail-received', { userId, messageId });
  } catch (error) {
    services.logger.error(
      { error: String(error), callee: call.callee.number },
      'voicemail message not stored',
    );
  }
}
