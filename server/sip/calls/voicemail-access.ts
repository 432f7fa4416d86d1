// Calls to the voicemail menu rather than to a person: *97 (one's own box, from one's own
// phone), *98 (any box, with its PIN), or one's own extension dialled from one's own phone.
// The media agent answers them; an office without one refuses them with the reason.
import { featureCodeOf } from '../../../common/api/feature-codes';
import type { CallParty } from '../../directory/call-log';
import type { Body } from './leg';
import type { AnsweringOutcome } from './unanswered';

export const OWN_MAILBOX_CODE = featureCodeOf('own-voicemail');
export const ANY_MAILBOX_CODE = featureCodeOf('any-voicemail');
/** Who the caller's call log says they called (only the caller has a row for these calls). */
export const MAILBOX_PARTY_NAME = 'Voicemail';

export interface VoicemailAccessCall {
  caller: CallParty;
  /** `own`: the caller's own box, no PIN (their own phone is calling); `ask`: any box, by PIN. */
  mailbox: 'own' | 'ask';
  /** Where the caller's INVITE came from: what the PIN throttle counts per address. */
  sourceAddress: string;
  /** The caller's INVITE body: its SDP offer. */
  offer: Body;
}

export type VoicemailAccessHandler = (call: VoicemailAccessCall) => Promise<AnsweringOutcome>;

/** Without a media agent nobody can listen to their messages by phone. */
export const refuseVoicemailAccess: VoicemailAccessHandler = () =>
  Promise.resolve({ kind: 'refuse', status: 480, reason: 'Temporarily Unavailable (no voicemail service)' });

/**
 * Whether `dialled` reaches the voicemail menu, and which box. The calling device is assigned
 * to the caller's extension, so it is the owner's own phone whenever the extension has an owner.
 */
export function mailboxDialled(dialled: string, caller: CallParty): 'own' | 'ask' | null {
  if (dialled === ANY_MAILBOX_CODE) return 'ask';
  if (dialled === OWN_MAILBOX_CODE) return 'own';
  if (dialled === caller.number && caller.userId !== null) return 'own';
  return null;
}
