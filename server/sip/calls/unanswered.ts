// The one place a call that nobody answers is decided: the media agent answers it (voicemail)
// or the caller hears why (RFC 3261 status codes).
import type { CallParty } from '../../directory/call-log';
import type { Body } from './leg';

export type UnansweredReason = 'busy' | 'no-answer' | 'offline' | 'do-not-disturb';

export interface UnansweredCall {
  caller: CallParty;
  callee: CallParty;
  reason: UnansweredReason;
  /** Where the caller's INVITE came from (what the PIN throttle counts if they sign in). */
  sourceAddress: string;
  /** The caller's INVITE body: its SDP offer. */
  offer: Body;
}

/** A call the server itself answered; the call drives it by what the caller does. */
export interface AnsweringCall {
  /** The SDP answer for the caller. */
  answer: string;
  /** The caller's ACK came. */
  start(): void;
  /** A key the caller sent by SIP INFO. */
  digit(digit: string): void;
  /** The caller hung up (or never confirmed the answer). */
  hangUp(): void;
  /** Settles when the answering side is done: by itself (the call then hangs up) or after hangUp. */
  readonly ended: Promise<void>;
}

/** The media agent answers the call, or the caller hears why not. */
export type AnsweringOutcome =
  { kind: 'refuse'; status: number; reason: string } | { kind: 'answer'; call: AnsweringCall };

export type UnansweredCallHandler = (call: UnansweredCall) => Promise<AnsweringOutcome> | AnsweringOutcome;

const STATUS: Record<UnansweredReason, { status: number; reason: string }> = {
  busy: { status: 486, reason: 'Busy Here' },
  'no-answer': { status: 408, reason: 'Request Timeout (no answer)' },
  offline: { status: 480, reason: 'Temporarily Unavailable (not registered)' },
  'do-not-disturb': { status: 480, reason: 'Temporarily Unavailable (do not disturb)' },
};

/** Without voicemail: refuse with the status that says why. */
export const refuseUnanswered: UnansweredCallHandler = (call) => ({ kind: 'refuse', ...STATUS[call.reason] });
