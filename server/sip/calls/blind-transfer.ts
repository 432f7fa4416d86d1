// Blind transfer (RFC 3515): a REFER without Replaces. The transferor is told how it goes by
// NOTIFY sipfrag; the other side (the transferee) is connected to the Refer-To extension by a new
// call. A target phone that does media as the transferee does is asked for an offer (an INVITE
// without one) and the transferee answers it: the two talk directly. One that does media the
// other way is offered an anchor point of the agent's, and the transferee keeps its own point
// (or gets one): only the bridge is re-patched, and its phone hears of nothing but who it now
// reaches. A softphone already on a point stays on it, so another softphone gets a point too.
import type { JoinedCall } from '../../directory/call-log';
import type { SipRequest, SipResponse } from '../message';
import { buildResponse, parseNameAddr, parseSipUri } from '../fields';
import { Call, DEFAULT_RING_SECONDS, notifyReferrer, partyOf, type CallContext } from './call';
import type { DialogEntry } from './attended-transfer';
import { NO_BODY, bodyOf, type Leg } from './leg';
import { Ringer } from './ringer';
import { assertedIdentity, nameAddrOf } from './identity';
import { anchorLeg, forkOffers, keepsItsPoint, learnMedia, mediaKindOfFlow, sdpOf } from './anchoring';
import { BRIDGE_FULL } from './media-anchor';
import { isExtension } from './numbering';

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
  const codec = transferee.anchor?.codec;
  // With music on hold the new call stays anchored, so the agent can play it there.
  const music = await context.holdMusic(null);
  const forked = await forkOffers(
    context.anchors,
    transferee.mediaKind,
    codec ? [codec] : transferee.mediaCodecs,
    NO_BODY,
    destinations,
    keepsItsPoint(transferee) || music !== null,
  );
  if (forked.branches.length === 0) return failed(BRIDGE_FULL.status, BRIDGE_FULL.reason);
  const outcome = await new Ringer(context.stack, {
    branches: forked.branches,
    from: nameAddrOf(transfereeParty, context.domain),
    to: `<sip:${number}@${context.domain}>`,
    // RFC 3892: the target's phone can say who put the call through to them.
    headers: [['Referred-By', nameAddrOf(call.partyOn(transferor), context.domain)]],
    timeoutMs: (target.preferences?.ringTimeoutSeconds ?? DEFAULT_RING_SECONDS) * 1000,
    onProvisional: () => undefined,
  }).outcome;
  const winner = outcome.kind === 'answered' ? outcome.branch : -1;
  forked.points.forEach((point, i) => i !== winner && point?.close());
  if (outcome.kind !== 'answered') {
    const [code, reason] =
      outcome.kind in UNANSWERED
        ? UNANSWERED[outcome.kind as keyof typeof UNANSWERED]
        : [480, 'Temporarily Unavailable'];
    return failed(code, reason);
  }
  const newLeg = outcome.leg;
  newLeg.mediaKind = mediaKindOfFlow(newLeg.flow);
  learnMedia(context.anchors, newLeg, bodyOf(outcome.answer));
  const identity = [assertedIdentity(partyOf(target), context.domain)];
  const hangUpTarget = (status: number, reason: string) => {
    newLeg.send('BYE', NO_BODY, () => undefined);
    newLeg.dropAnchor();
    return failed(status, reason);
  };
  const point = forked.points[winner];
  if (point) {
    // Anchored: the target answered its point's offer; the transferee's point is re-patched.
    newLeg.ack(1);
    newLeg.anchor = point;
    const answer = sdpOf(bodyOf(outcome.answer));
    if (!answer || !(await point.accept(answer))) return hangUpTarget(488, 'Not Acceptable Here');
    const anchored = await anchorLeg(
      context.anchors!,
      transferee,
      point.codec ? [point.codec] : [],
      identity,
    );
    if (anchored.status >= 300) return hangUpTarget(anchored.status, anchored.reason);
  } else {
    // Direct: the target's offer (in its 2xx) goes to the transferee, whose answer goes back in the ACK.
    const reoffer = await transferee.reinvite(bodyOf(outcome.answer), identity);
    if (reoffer.response.status >= 300) {
      newLeg.ack(1);
      return hangUpTarget(reoffer.response.status, reoffer.response.reason);
    }
    transferee.ack(reoffer.seq);
    newLeg.ack(1, bodyOf(reoffer.response));
    learnMedia(context.anchors, transferee, bodyOf(reoffer.response));
    transferee.dropAnchor();
  }
  notifyReferrer(transferor, 200, 'OK', true);
  // The transferor's part ends here; the transferee and the target are a call of their own.
  // (Logging the old call must not hold up the new one: its legs are rebound at once.)
  void call.handedOver();
  // The transferee's row keeps the direction of the call they were in; the target was rung.
  const joinedAs: JoinedCall = {
    callerDirection: call.directionOf(transferee),
    calleeDirection: 'incoming',
    transferredBy: call.partyOn(transferor),
  };
  Call.joined(context, transferee, transfereeParty, newLeg, partyOf(target), joinedAs, startedAt);
}
