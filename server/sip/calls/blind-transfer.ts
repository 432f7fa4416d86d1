// Blind transfer (RFC 3515): a REFER without Replaces. The transferor is told how it goes by
// NOTIFY sipfrag; the other side (the transferee) is connected to the Refer-To extension by a new
// call (ring-for-leg.ts: directly, or through the agent's points).
import type { JoinedCall } from '../../directory/call-log';
import type { SipRequest, SipResponse } from '../message';
import { buildResponse, parseNameAddr, parseSipUri } from '../fields';
import { Call, DEFAULT_RING_SECONDS, notifyReferrer, partyOf, type CallContext } from './call';
import type { DialogEntry } from './attended-transfer';
import type { Leg } from './leg';
import { assertedIdentity, nameAddrOf } from './identity';
import { isExtension } from './numbering';
import { ringForLeg } from './ring-for-leg';

/** The REFER's answer: 202 once the transfer is under way, or why not. */
export function referBlind(context: CallContext, request: SipRequest, referrer: DialogEntry): SipResponse {
  const { call, leg } = referrer;
  const transferee = call.transferablePeer(leg);
  if (!transferee) return buildResponse(request, 481, 'Call/Transaction Does Not Exist');
  let number: string;
  try {
    const uri = parseSipUri(parseNameAddr(request.headers.get('Refer-To') ?? '').uri);
    if (uri.host !== context.domain) return buildResponse(request, 403, 'Forbidden (not this office)');
    number = uri.user ?? '';
  } catch {
    return buildResponse(request, 400, 'Bad Request (Refer-To is not a SIP URI)');
  }
  if (!isExtension(number)) return buildResponse(request, 404, 'Not Found');
  call.handOver(leg);
  void transfer(context, call, leg, transferee, number).catch((error: unknown) => {
    context.logger.error({ error: String(error) }, 'transfer failed');
  });
  return buildResponse(request, 202, 'Accepted');
}

const UNANSWERED = { busy: [486, 'Busy Here'], 'no-answer': [408, 'Request Timeout'] } as const;

async function transfer(
  context: CallContext,
  call: Call,
  transferor: Leg,
  transferee: Leg,
  number: string,
): Promise<void> {
  notifyReferrer(transferor, 100, 'Trying', false);
  const transfereeParty = call.partyOn(transferee);
  const target = await context.findTarget(number);
  const destinations = target ? context.destinations(number, null) : [];
  const failed = (status: number, reason: string) => {
    notifyReferrer(transferor, status, reason, true);
    call.handOverFailed();
  };
  if (!target) return failed(404, 'Not Found');
  if (destinations.length === 0) return failed(480, 'Temporarily Unavailable');
  const startedAt = context.clock();
  const rung = await ringForLeg(
    context,
    transferee,
    destinations,
    target.preferences?.ringTimeoutSeconds ?? DEFAULT_RING_SECONDS,
    {
      from: transfereeParty,
      to: number,
      // RFC 3892: the target's phone can say who put the call through to them.
      headers: [['Referred-By', nameAddrOf(call.partyOn(transferor), context.domain)]],
      identity: [assertedIdentity(partyOf(target), context.domain)],
    },
  );
  if (rung.refusal) return failed(rung.refusal.status, rung.refusal.reason);
  const { outcome } = rung;
  if (!rung.joined) {
    const [code, reason] =
      outcome.kind in UNANSWERED
        ? UNANSWERED[outcome.kind as keyof typeof UNANSWERED]
        : [480, 'Temporarily Unavailable'];
    return failed(code, reason);
  }
  const newLeg = rung.joined;
  notifyReferrer(transferor, 200, 'OK', true);
  // The transferor's part ends here; the transferee and the target are a call of their own.
  // (Logging the old call must not hold up the new one: its legs are rebound at once.) What the
  // transferee holds (an outside party's trunk channel) goes on with it.
  const carried = call.carriedBy(transferee);
  void call.handedOver();
  // The transferee's row keeps the direction of the call they were in; the target was rung.
  const joinedAs: JoinedCall = {
    callerDirection: call.directionOf(transferee),
    calleeDirection: 'incoming',
    transferredBy: call.partyOn(transferor),
  };
  Call.joined(context, transferee, transfereeParty, newLeg, partyOf(target), joinedAs, startedAt).holdFor(
    transferee,
    carried,
  );
}
