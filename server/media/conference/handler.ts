// Calls to a conference bridge's extension as calls the media agent answers: the bridge is
// looked up, a full one refused before it answers (486), and the caller's session seated.
import { findConferencePlan, type ConferencePlan } from '../../directory/conferences';
import type { ConferenceAccessHandler } from '../../sip/calls/conference-access';
import { mailLanguage } from '../../mail/language';
import { decoyPasswordHash, verifyPassword } from '../../accounts/passwords';
import { throttledPinCheck, type PinServices } from '../../voicemail/pin';
import type { Logger } from '../../logger';
import { isoAt, type Clock } from '../../time';
import { NO_SDP_OFFER, answeringWith, sdpOffer, type MediaAgent } from '../agent';
import { ConferenceSession, type ConferenceSessionLimits, type PinRole } from './session';
import type { ConferenceRooms } from './rooms';

export interface ConferenceServices extends PinServices {
  clock: Clock;
  logger: Logger;
}

/**
 * The role a typed PIN opens. Both hashes are checked every time (a decoy stands in for a PIN
 * not set), so the time taken tells nothing. A bridge with only a moderator PIN seats everybody
 * else on an empty entry (just #).
 */
async function roleOf(plan: ConferencePlan, pin: string): Promise<'moderator' | 'participant' | null> {
  const [moderator, participant] = await Promise.all(
    [plan.moderatorPinHash, plan.pinHash].map(async (hash) =>
      verifyPassword(pin, hash ?? (await decoyPasswordHash())),
    ),
  );
  if (moderator && plan.moderatorPinHash) return 'moderator';
  if (participant && plan.pinHash) return 'participant';
  return plan.pinHash === null && pin === '' ? 'participant' : null;
}

export function conferenceHandler(
  services: ConferenceServices,
  agent: MediaAgent,
  rooms: ConferenceRooms,
  limits: ConferenceSessionLimits,
): ConferenceAccessHandler {
  return async (call) => {
    const plan = await findConferencePlan(services.db, call.number);
    if (!plan) return null;
    const offer = sdpOffer(call.offer);
    if (offer === null) return NO_SDP_OFFER;
    if (!rooms.hasRoom(plan)) return { kind: 'refuse', status: 486, reason: 'Busy Here (conference full)' };
    const language = await mailLanguage(services.db, call.caller.userId);
    const checkPin = async (pin: string): Promise<PinRole> =>
      (await throttledPinCheck(services, `conference-pin:${plan.id}`, call.sourceAddress, () =>
        roleOf(plan, pin),
      )) ?? 'wrong';
    const outcome = await agent.open(
      offer,
      (endpoint) =>
        new ConferenceSession(
          endpoint,
          agent.prompts,
          rooms,
          { plan, party: call.caller, language, checkPin, now: () => isoAt(services.clock()) },
          limits,
          services.logger,
        ),
    );
    return answeringWith(outcome);
  };
}
