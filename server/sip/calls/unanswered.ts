// The one place a call that nobody answers is decided. Voicemail hooks in here: for now the
// caller hears why (RFC 3261 status codes); a voicemail handler will answer the call instead.
import type { CallParty } from '../../directory/call-log';

export type UnansweredReason = 'busy' | 'no-answer' | 'offline' | 'do-not-disturb';

export interface UnansweredCall {
  caller: CallParty;
  callee: CallParty;
  reason: UnansweredReason;
}

export interface UnansweredOutcome {
  status: number;
  reason: string;
}

export type UnansweredCallHandler = (call: UnansweredCall) => Promise<UnansweredOutcome> | UnansweredOutcome;

const STATUS: Record<UnansweredReason, UnansweredOutcome> = {
  busy: { status: 486, reason: 'Busy Here' },
  'no-answer': { status: 408, reason: 'Request Timeout (no answer)' },
  offline: { status: 480, reason: 'Temporarily Unavailable (not registered)' },
  'do-not-disturb': { status: 480, reason: 'Temporarily Unavailable (do not disturb)' },
};

/** Until voicemail exists: refuse with the status that says why. */
export const refuseUnanswered: UnansweredCallHandler = (call) => STATUS[call.reason];
