// Logging in and out of a ring group from a phone: *45 or *46 followed by the group's extension
// (the feature codes, common/api/feature-codes.ts), dialled by a member. The office answers and
// hangs up at once (200 then BYE): the answer rejects every media stream of the offer (RFC 3264
// §6, port 0), so there is nothing to hear and no media port is taken. A caller who is not a
// member of that group is refused.
import { parseFeatureCode } from '../../../common/api/feature-codes';
import type { CallParty } from '../../directory/call-log';
import type { Body } from './leg';
import type { AnsweringCall, AnsweringOutcome } from './unanswered';

/** A membership change asked for by a feature code. */
export interface MembershipDialled {
  groupExtension: string;
  loggedIn: boolean;
}

export interface MembershipCall extends MembershipDialled {
  caller: CallParty;
  /** The caller's INVITE body: its SDP offer. */
  offer: Body;
}

export type GroupMembershipHandler = (call: MembershipCall) => Promise<AnsweringOutcome>;

/** The membership change `dialled` asks for, or null when it is none. */
export function membershipDialled(dialled: string): MembershipDialled | null {
  const feature = parseFeatureCode(dialled);
  if (!feature?.extension) return null;
  if (feature.action === 'group-log-in') return { groupExtension: feature.extension, loggedIn: true };
  if (feature.action === 'group-log-out') return { groupExtension: feature.extension, loggedIn: false };
  return null;
}

/** An SDP answer that takes none of the offer's streams: each m-line answered with port 0. */
export function rejectingAnswer(offer: string): string | null {
  const media = offer
    .split(/\r?\n/)
    .filter((line) => line.startsWith('m='))
    .map((line) => line.slice(2).trim().split(/\s+/));
  if (media.length === 0 || media.some((fields) => fields.length < 4)) return null;
  return [
    'v=0',
    'o=- 0 0 IN IP4 0.0.0.0',
    's=-',
    'c=IN IP4 0.0.0.0',
    't=0 0',
    ...media.map(([kind, , proto, format]) => `m=${kind} 0 ${proto} ${format}`),
    '',
  ].join('\r\n');
}

/** A call the office answers and ends as soon as the caller's ACK comes. */
function answeredAndDone(answer: string): AnsweringCall {
  let done!: () => void;
  const ended = new Promise<void>((resolve) => (done = resolve));
  return { answer, start: done, digit: () => undefined, hangUp: done, ended };
}

/**
 * Changes the caller's membership (`change` answers the group's name, or null when the caller is
 * no member of a group with that extension) and answers the call that asked for it.
 */
export function groupMembershipHandler(
  change: (memberExtension: string, groupExtension: string, loggedIn: boolean) => Promise<string | null>,
): GroupMembershipHandler {
  return async (call) => {
    const type = call.offer.contentType?.split(';')[0]?.trim().toLowerCase();
    const answer = type === 'application/sdp' ? rejectingAnswer(call.offer.bytes.toString('utf8')) : null;
    if (!answer)
      return { kind: 'refuse', status: 488, reason: 'Not Acceptable Here (an SDP offer is needed)' };
    const group = await change(call.caller.number, call.groupExtension, call.loggedIn);
    if (group === null)
      return { kind: 'refuse', status: 403, reason: 'Forbidden (not a member of this ring group)' };
    return { kind: 'answer', call: answeredAndDone(answer) };
  };
}
