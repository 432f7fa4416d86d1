// Attended transfer and call take-over (RFC 3891 Replaces, RFC 5589): a REFER whose Refer-To
// carries Replaces joins the transferor's two calls' other sides, and an INVITE with Replaces
// takes a call's place. Either only for a dialog of the sender's own extension: a Replaces that
// names somebody else's call is refused, so nobody can hijack a call whose ids they learnt.
// Sides that do media alike are put in touch directly; a softphone and a desk phone are joined
// through anchor points of the media agent, a point already in use staying as it is (and a
// softphone on a point keeps it, so a softphone joined with it gets one too).
import type { SipRequest, SipResponse } from '../message';
import { buildResponse, parseNameAddr } from '../fields';
import type { ServerTransaction } from '../transactions';
import { Call, notifyReferrer, type CallContext } from './call';
import { assertedIdentity } from './identity';
import { NO_BODY, bodyOf, serverContact, type Body, type Leg } from './leg';
import { anchorLeg, keepsItsPoint, learnMedia, sdpBody, sdpOf } from './anchoring';
import { BRIDGE_FULL } from './media-anchor';

/** The dialog a Replaces names, with the tags as the server (its recipient) sees them. */
export interface Replaces {
  callId: string;
  /** The server's tag in that dialog. */
  toTag: string;
  /** The phone's tag in that dialog. */
  fromTag: string;
}

/** A leg of a call in progress, as the office's dialog table finds it. */
export interface DialogEntry {
  call: Call;
  leg: Leg;
}

const MAX_REPLACES = 512;

/** Parses a Replaces value: `call-id;to-tag=…;from-tag=…` (other parameters ignored); null when malformed. */
export function parseReplaces(value: string): Replaces | null {
  if (value.length > MAX_REPLACES) return null;
  const [callId, ...params] = value.split(';').map((part) => part.trim());
  const tags = new Map<string, string>();
  for (const param of params) {
    const equals = param.indexOf('=');
    if (equals > 0) tags.set(param.slice(0, equals).trim().toLowerCase(), param.slice(equals + 1).trim());
  }
  const toTag = tags.get('to-tag');
  const fromTag = tags.get('from-tag');
  if (!callId || !toTag || !fromTag) return null;
  return { callId, toTag, fromTag };
}

/**
 * The Replaces a Refer-To's URI carries as a header (`<sip:…?Replaces=id%3Bto-tag%3D…>`):
 * `'none'` for a plain (blind) transfer, null when the Refer-To or its Replaces is malformed.
 */
export function replacesInReferTo(referTo: string): Replaces | 'none' | null {
  let uri: string;
  try {
    uri = parseNameAddr(referTo).uri;
  } catch {
    return null;
  }
  const query = uri.indexOf('?');
  if (query === -1) return 'none';
  for (const header of uri.slice(query + 1).split('&')) {
    const equals = header.indexOf('=');
    if (equals === -1 || header.slice(0, equals).toLowerCase() !== 'replaces') continue;
    try {
      return parseReplaces(decodeURIComponent(header.slice(equals + 1)));
    } catch {
      return null; // broken percent-encoding
    }
  }
  return 'none';
}

/** Finds the named dialog in the office's table, or null when it does not exist (or its tags do not match). */
export type DialogLookup = (replaces: Replaces) => DialogEntry | null;

const refuse = (request: SipRequest, status: number, reason: string) =>
  buildResponse(request, status, reason);

/**
 * REFER with Replaces on the held call: the transferor (`held.leg`) hands both its calls over;
 * the held call's other side and the consultation's other side are joined. The consultation
 * party is asked for a fresh offer (an INVITE without one), the held party answers it, and the
 * answer goes back in the ACK; NOTIFY sipfrag tells the transferor how it went.
 */
export function referWithReplaces(
  context: CallContext,
  request: SipRequest,
  held: DialogEntry,
  replaces: Replaces,
  lookup: DialogLookup,
): SipResponse {
  const consultation = lookup(replaces);
  if (!consultation) return refuse(request, 481, 'Call/Transaction Does Not Exist (Replaces)');
  if (consultation.call === held.call) return refuse(request, 400, 'Bad Request (Replaces names this call)');
  const referrer = held.call.partyOn(held.leg);
  if (consultation.call.partyOn(consultation.leg).number !== referrer.number)
    return refuse(request, 403, 'Forbidden (Replaces names a call that is not yours)');
  const transferee = held.call.steadyPeer(held.leg);
  const target = consultation.call.steadyPeer(consultation.leg);
  if (!transferee || !target) return refuse(request, 491, 'Request Pending');
  held.call.handOver(held.leg);
  consultation.call.handOver(consultation.leg);
  void join(context, held, consultation, transferee, target).catch((error: unknown) => {
    context.logger.error({ error: String(error) }, 'attended transfer failed');
  });
  return buildResponse(request, 202, 'Accepted');
}

async function join(
  context: CallContext,
  held: DialogEntry,
  consultation: DialogEntry,
  transferee: Leg,
  target: Leg,
): Promise<void> {
  notifyReferrer(held.leg, 100, 'Trying', false);
  const failed = (status: number, reason: string) => {
    notifyReferrer(held.leg, status, reason, true);
    held.call.handOverFailed();
  };
  const transfereeParty = held.call.partyOn(transferee);
  const targetParty = consultation.call.partyOn(target);
  // Each side is told whom it now talks to.
  const toTransferee = [assertedIdentity(targetParty, context.domain)];
  const toTarget = [assertedIdentity(transfereeParty, context.domain)];
  const { anchors } = context;
  // With music on hold the joined call stays anchored, so the agent can play it there.
  const music = await context.holdMusic(null);
  const bridged =
    transferee.mediaKind !== target.mediaKind ||
    keepsItsPoint(transferee) ||
    keepsItsPoint(target) ||
    music !== null;
  if (anchors && transferee.mediaKind && target.mediaKind && bridged) {
    // The two do media differently, or a softphone stays on its point: each keeps its point (or
    // gets one), and a bridge joins them.
    const codecOf = (leg: Leg) => (leg.anchor?.codec ? [leg.anchor.codec] : leg.mediaCodecs);
    const forTarget = await anchorLeg(anchors, target, codecOf(transferee), toTarget);
    if (forTarget.status >= 300) {
      consultation.call.handOverFailed();
      return failed(forTarget.status, forTarget.reason);
    }
    const forTransferee = await anchorLeg(anchors, transferee, codecOf(target), toTransferee);
    if (forTransferee.status >= 300) {
      consultation.call.hangUpAll();
      return failed(forTransferee.status, forTransferee.reason);
    }
  } else {
    const offer = await target.reinvite(NO_BODY, toTarget);
    if (offer.response.status >= 300) {
      consultation.call.handOverFailed();
      return failed(offer.response.status, offer.response.reason);
    }
    const answer = await transferee.reinvite(bodyOf(offer.response), toTransferee);
    if (answer.response.status >= 300) {
      // The target's offer has no answer to go with it: that call cannot go on.
      target.ack(offer.seq);
      consultation.call.hangUpAll();
      return failed(answer.response.status, answer.response.reason);
    }
    transferee.ack(answer.seq);
    target.ack(offer.seq, bodyOf(answer.response));
    // The two now talk directly: points they had in their old calls are no longer needed.
    for (const leg of [transferee, target]) leg.dropAnchor();
  }
  notifyReferrer(held.leg, 200, 'OK', true);
  // Both old calls are logged as they were; the new one starts now. Their legs are rebound at
  // once, and what each side holds (an outside party's trunk channel) goes on with it.
  const carriedByTransferee = held.call.carriedBy(transferee);
  const carriedByTarget = consultation.call.carriedBy(target);
  void held.call.handedOver();
  void consultation.call.handedOver();
  const joined = Call.joined(context, transferee, transfereeParty, target, targetParty, {
    callerDirection: held.call.directionOf(transferee),
    calleeDirection: consultation.call.directionOf(target),
    transferredBy: held.call.partyOn(held.leg),
  });
  joined.holdFor(transferee, carriedByTransferee);
  joined.holdFor(target, carriedByTarget);
}

/**
 * An authenticated INVITE with Replaces from a device of `extension`: it takes the place of the
 * named leg, which must be the same extension's (another of its devices picking the call up).
 * The other side is offered the new device's description and its answer goes back in the 200.
 */
export function inviteWithReplaces(
  context: CallContext,
  request: SipRequest,
  transaction: ServerTransaction,
  newLeg: Leg,
  extension: string,
  replaces: Replaces,
  lookup: DialogLookup,
): SipResponse | void {
  const replaced = lookup(replaces);
  if (!replaced) return refuse(request, 481, 'Call/Transaction Does Not Exist (Replaces)');
  const party = replaced.call.partyOn(replaced.leg);
  if (party.number !== extension)
    return refuse(request, 403, 'Forbidden (Replaces names a call that is not yours)');
  const peer = replaced.call.steadyPeer(replaced.leg);
  if (!peer) return refuse(request, 491, 'Request Pending');
  replaced.call.handOver(replaced.leg);
  void takeOver(context, request, transaction, replaced, newLeg, peer).catch((error: unknown) => {
    context.logger.error({ error: String(error) }, 'call take-over failed');
  });
}

async function takeOver(
  context: CallContext,
  request: SipRequest,
  transaction: ServerTransaction,
  replaced: DialogEntry,
  newLeg: Leg,
  peer: Leg,
): Promise<void> {
  const refuse = (status: number, reason: string) => {
    replaced.call.handOverFailed();
    transaction.respond(buildResponse(request, status, reason, { toTag: newLeg.localTag }));
  };
  const { anchors } = context;
  learnMedia(anchors, newLeg, bodyOf(request));
  let body: Body;
  const music = await context.holdMusic(null);
  const bridged = newLeg.mediaKind !== peer.mediaKind || keepsItsPoint(peer) || music !== null;
  if (anchors && newLeg.mediaKind && peer.mediaKind && bridged) {
    // The new device does media the other way, or the peer is a softphone on a point: the new
    // device gets a point, bridged to the peer's (kept, or new).
    const point = await anchors.open(newLeg.mediaKind);
    if (!point) return refuse(BRIDGE_FULL.status, BRIDGE_FULL.reason);
    const kept = await anchorLeg(anchors, peer, newLeg.mediaCodecs, []);
    const peerCodec = peer.anchor?.codec;
    const answer =
      kept.status < 300 && (await point.answer(sdpOf(bodyOf(request))!, peerCodec ? [peerCodec] : []));
    if (!answer) {
      point.close();
      return kept.status >= 300 ? refuse(kept.status, kept.reason) : refuse(488, 'Not Acceptable Here');
    }
    newLeg.anchor = point;
    body = sdpBody(answer);
  } else {
    const answer = await peer.reinvite(bodyOf(request));
    if (answer.response.status >= 300) return refuse(answer.response.status, answer.response.reason);
    peer.ack(answer.seq);
    body = bodyOf(answer.response);
    learnMedia(anchors, peer, body);
    peer.dropAnchor();
  }
  transaction.respond(
    buildResponse(request, 200, 'OK', {
      toTag: newLeg.localTag,
      headers: [['Contact', serverContact(context.stack, newLeg.flow)]],
      body: body.bytes,
      ...(body.contentType && { contentType: body.contentType }),
    }),
  );
  const party = replaced.call.partyOn(replaced.leg);
  const peerParty = replaced.call.partyOn(peer);
  const carried = replaced.call.carriedBy(peer);
  void replaced.call.handedOver();
  // The same person on another phone: the call keeps the directions it had, and no transfer.
  Call.joined(context, newLeg, party, peer, peerParty, {
    callerDirection: replaced.call.directionOf(replaced.leg),
    calleeDirection: replaced.call.directionOf(peer),
    transferredBy: null,
  }).holdFor(peer, carried);
}
