// Calls to a conference bridge's extension: the media agent answers them and mixes everyone on
// the bridge. The lookup says whether the dialled number is a bridge at all (null: go on and
// ring it as any other extension); an office without a media agent refuses a bridge's calls.
import type { CallParty } from '../../directory/call-log';
import type { Body } from './leg';
import type { AnsweringOutcome } from './unanswered';

export interface ConferenceCall {
  /** The extension dialled (or reached by forwarding). */
  number: string;
  caller: CallParty;
  /** Where the caller's INVITE came from: what the PIN throttle counts per address. */
  sourceAddress: string;
  /** The caller's INVITE body: its SDP offer. */
  offer: Body;
}

export type ConferenceAccessHandler = (call: ConferenceCall) => Promise<AnsweringOutcome | null>;

/** Without a media agent nobody can be mixed: a bridge's number is refused with the reason. */
export function refuseConferences(isBridge: (number: string) => Promise<boolean>): ConferenceAccessHandler {
  return async (call) =>
    (await isBridge(call.number))
      ? { kind: 'refuse', status: 480, reason: 'Temporarily Unavailable (no conference service)' }
      : null;
}
