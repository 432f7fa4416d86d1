// Ringing someone for a leg that is already in a dialog of its own (the transferee of a blind
// transfer, a caller the receptionist answered). A target phone that does media as the leg does
// is asked for an offer (an INVITE without one) and the leg answers it by re-INVITE: the two
// talk directly. One that does media the other way is offered an anchor point of the agent's,
// and the leg keeps its own point (or gets one): only the bridge is re-patched. A softphone
// already on a point stays on it, so another softphone gets a point too.
import type { CallParty } from '../../directory/call-log';
import type { Refusal } from './anchoring';
import {
  anchorLeg,
  forkOffers,
  keepsItsPoint,
  keysNeedAnchoring,
  learnMedia,
  mediaKindOfFlow,
  sdpOf,
} from './anchoring';
import type { CallContext } from './call';
import { NO_BODY, bodyOf, type Destination, type Leg } from './leg';
import { BRIDGE_FULL } from './media-anchor';
import { Ringer } from './ringer';
import type { Rung } from './ring-group';
import { nameAddrOf } from './identity';
import type { OutsideAttempt } from './outside-route';

/** How ringing went; when answered, `joined` is the target's leg, its media set up with `leg`'s. */
export interface LegRung extends Rung {
  joined: Leg | null;
  /** Why an answered target was hung up again (its media could not be joined), or why nobody was rung. */
  refusal: Refusal | null;
}

export interface LegRinging {
  /** Who the target sees calling. */
  from: CallParty;
  /** The number dialled, for the To header. */
  to: string;
  /** More headers of the INVITEs (Referred-By) and the identity the leg is told it reaches. */
  headers: [string, string][];
  identity: [string, string][];
  /** The target answered: runs before the leg's media moves to it. */
  answering?: () => void;
  /** Aborted when the leg's side gives up: the target stops ringing. */
  signal?: AbortSignal;
  /** A call out's own From, To and headers, account and codecs (the office's are for its phones). */
  addressing?: Pick<OutsideAttempt, 'from' | 'to' | 'headers' | 'credentials' | 'restrictOffer' | 'dtmf'>;
  /** The music the joined call plays on hold, when already chosen; left out: the company's default. */
  music?: Int16Array | null;
}

export async function ringForLeg(
  context: CallContext,
  leg: Leg,
  destinations: Destination[],
  seconds: number,
  ringing: LegRinging,
): Promise<LegRung> {
  const codec = leg.anchor?.codec;
  // With music on hold the new call stays anchored, so the agent can play it there.
  const music = ringing.music !== undefined ? ringing.music : await context.holdMusic(null);
  const forked = await forkOffers(
    context.anchors,
    leg.mediaKind,
    codec ? [codec] : leg.mediaCodecs,
    NO_BODY,
    destinations,
    keepsItsPoint(leg) || music !== null || keysNeedAnchoring(leg.carrierDtmf, ringing.addressing?.dtmf),
  );
  const nobody = (refusal: Refusal): LegRung => ({
    outcome: { kind: 'unavailable', refusals: [refusal.status] },
    destination: null,
    joined: null,
    refusal,
  });
  if (forked.branches.length === 0) return nobody(BRIDGE_FULL);
  const { addressing } = ringing;
  const ringer = new Ringer(context.stack, {
    branches: forked.branches,
    from: addressing?.from ?? nameAddrOf(ringing.from, context.domain),
    to: addressing?.to ?? `<sip:${ringing.to}@${context.domain}>`,
    headers: addressing?.headers ?? ringing.headers,
    ...(addressing?.credentials && { credentials: addressing.credentials }),
    ...(addressing && { restrictOffer: addressing.restrictOffer }),
    timeoutMs: seconds * 1000,
    onProvisional: () => undefined,
  });
  const stop = () => ringer.cancel();
  if (ringing.signal?.aborted) stop();
  ringing.signal?.addEventListener('abort', stop);
  const outcome = await ringer.outcome;
  ringing.signal?.removeEventListener('abort', stop);
  const winner = outcome.kind === 'answered' ? outcome.branch : -1;
  forked.points.forEach((point, i) => i !== winner && point?.close());
  if (outcome.kind !== 'answered') return { outcome, destination: null, joined: null, refusal: null };
  const destination = forked.branches[winner]!.destination;
  ringing.answering?.();
  const newLeg = outcome.leg;
  newLeg.mediaKind = mediaKindOfFlow(newLeg.flow);
  learnMedia(context.anchors, newLeg, bodyOf(outcome.answer));
  const hangUpTarget = (status: number, reason: string): LegRung => {
    newLeg.send('BYE', NO_BODY, () => undefined);
    newLeg.dropAnchor();
    return { ...nobody({ status, reason }), destination };
  };
  const point = forked.points[winner];
  if (point) {
    // Anchored: the target answered its point's offer; the leg's point is re-patched.
    newLeg.ack(1);
    newLeg.anchor = point;
    const answer = sdpOf(bodyOf(outcome.answer));
    if (!answer || !(await point.accept(answer))) return hangUpTarget(488, 'Not Acceptable Here');
    const anchored = await anchorLeg(
      context.anchors!,
      leg,
      point.codec ? [point.codec] : [],
      ringing.identity,
    );
    if (anchored.status >= 300) return hangUpTarget(anchored.status, anchored.reason);
  } else {
    // Direct: the target's offer (in its 2xx) goes to the leg, whose answer goes back in the ACK.
    const reoffer = await leg.reinvite(bodyOf(outcome.answer), ringing.identity);
    if (reoffer.response.status >= 300) {
      newLeg.ack(1);
      return hangUpTarget(reoffer.response.status, reoffer.response.reason);
    }
    leg.ack(reoffer.seq);
    newLeg.ack(1, bodyOf(reoffer.response));
    learnMedia(context.anchors, leg, bodyOf(reoffer.response));
    leg.dropAnchor();
  }
  return { outcome, destination, joined: newLeg, refusal: null };
}
