// When a call's two sides do media differently (a softphone with ICE and DTLS-SRTP, a desk phone
// with plain RTP) the call is anchored in the media agent: each leg gets a point that offers or
// answers its phone, and a bridge joins the two points. Calls between two phones of one kind
// stay direct (the SDP passes through). These are the steps call control takes for that.
import type { Flow } from '../transports/transport';
import {
  BRIDGE_FULL,
  type AnchorPoint,
  type AudioCodec,
  type MediaAnchors,
  type MediaKind,
} from './media-anchor';
import type { RingBranch } from './ringer';
import type { Body, Destination, Leg } from './leg';
import { DTMF_KEYS } from './dtmf';
import type { DtmfMode } from '../../../common/api/trunks';

/**
 * How the phone at a registration does media. A browser reaches SIP only over WebSocket
 * (RFC 7118) and has no media but WebRTC; desk phones and native softphones register over UDP,
 * TCP or TLS and speak plain RTP. The flow is also where the INVITE goes, so it cannot be out of
 * date, where the directory's device kind says whose credentials these are, not what uses them.
 */
export const mediaKindOfFlow = (flow: Flow): MediaKind =>
  flow.transport === 'WS' || flow.transport === 'WSS' ? 'webrtc' : 'rtp';

/** The SDP in a body, or null when it carries something else (or nothing). */
export function sdpOf(body: Body): string | null {
  const type = body.contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/sdp' && body.bytes.length > 0 ? body.bytes.toString('utf8') : null;
}

export const sdpBody = (sdp: string): Body => ({ contentType: 'application/sdp', bytes: Buffer.from(sdp) });

/** What the leg's phone said of its media in `body` (an offer or an answer), remembered on the leg. */
export function learnMedia(anchors: MediaAnchors | null, leg: Leg, body: Body): void {
  const sdp = sdpOf(body);
  const kind = sdp && anchors?.kindOf(sdp);
  if (!sdp || !anchors || !kind) return;
  leg.mediaKind = kind;
  leg.mediaCodecs = anchors.codecsOf(sdp);
}

export interface ForkedOffers {
  branches: RingBranch[];
  /** Each branch's point: null where the branch has the caller's own offer. */
  points: (AnchorPoint | null)[];
  /** Branches left out because the agent had no room to anchor them. */
  refused: number;
}

/**
 * Whether `leg` must stay on its anchor point whoever it talks to next: a softphone's WebRTC
 * session (ICE and DTLS) is with the point, and a browser does not move a DTLS session to
 * another peer mid-call; a desk phone's plain RTP just goes where the next SDP says.
 */
export const keepsItsPoint = (leg: Leg): boolean => leg.mediaKind === 'webrtc' && leg.anchor !== null;

/**
 * The INVITE body for each destination: `offer` itself where the phone does media as `kind`
 * (the side already in the call) does, else an offer of a new point of the agent's listing
 * `prefer` first. With `anchorAll` (a side that keeps its point) every phone gets a point.
 * Without an agent, or for a side whose media is unknown, everyone gets `offer`.
 */
export async function forkOffers(
  anchors: MediaAnchors | null,
  kind: MediaKind | null,
  prefer: readonly AudioCodec[],
  offer: Body,
  destinations: Destination[],
  anchorAll = false,
): Promise<ForkedOffers> {
  const forked: ForkedOffers = { branches: [], points: [], refused: 0 };
  for (const destination of destinations) {
    const needs = anchors && kind ? mediaKindOfFlow(destination.flow) : null;
    if (!anchors || !needs || (needs === kind && !anchorAll)) {
      forked.branches.push({ destination, body: offer });
      forked.points.push(null);
      continue;
    }
    const point = await anchors.open(needs);
    if (!point) {
      forked.refused++;
      continue;
    }
    forked.branches.push({ destination, body: sdpBody(await point.offer('sendrecv', prefer)) });
    forked.points.push(point);
  }
  return forked;
}

export interface Refusal {
  status: number;
  reason: string;
}

/**
 * A re-INVITE of the agent's from the leg's point: the direction it should have now (sendonly
 * while the other side holds) and `headers` (who the call now reaches). Resolves with the
 * phone's final status; on a 2xx the answer is taken and ACKed.
 */
export async function reofferFromAnchor(
  leg: Leg,
  headers: [string, string][] = [],
  prefer: readonly AudioCodec[] = leg.mediaCodecs,
): Promise<Refusal> {
  const point = leg.anchor;
  if (!point) return { status: 481, reason: 'Call/Transaction Does Not Exist' };
  const offer = await point.offer(leg.anchorDirection, prefer);
  const { response, seq } = await leg.reinvite(sdpBody(offer), headers);
  if (response.status >= 300) return { status: response.status, reason: response.reason };
  leg.ack(seq);
  const answer = sdpOf({ contentType: response.headers.get('Content-Type') ?? null, bytes: response.body });
  if (!answer || !(await point.accept(answer))) return { status: 488, reason: 'Not Acceptable Here' };
  return { status: response.status, reason: response.reason };
}

/**
 * Makes sure the leg has a point of the agent's and its phone talks to it. A leg that already
 * has one keeps it: the phone hears nothing new, or only who it now reaches when `headers` say
 * so. One that has none gets a point of its kind, offered by re-INVITE, listing `prefer` (the
 * other side's codecs) first. A refusal (503 when the agent has no room) leaves it as it was.
 */
export async function anchorLeg(
  anchors: MediaAnchors,
  leg: Leg,
  prefer: readonly AudioCodec[],
  headers: [string, string][],
): Promise<Refusal> {
  const ok = { status: 200, reason: 'OK' };
  if (leg.anchor) {
    // A point in use keeps carrying the call even if the phone refuses the update. Its new
    // party is not holding it (the old one may have been).
    leg.anchorDirection = 'sendrecv';
    if (headers.length > 0) await reofferFromAnchor(leg, headers);
    return ok;
  }
  if (!leg.mediaKind) return { status: 488, reason: 'Not Acceptable Here (media unknown)' };
  const point = await anchors.open(leg.mediaKind);
  if (!point) return BRIDGE_FULL;
  leg.anchor = point;
  leg.anchorDirection = 'sendrecv';
  const result = await reofferFromAnchor(leg, headers, [...prefer, ...leg.mediaCodecs]);
  if (result.status >= 300) leg.dropAnchor();
  return result.status >= 300 ? result : ok;
}

/**
 * Whether a call with a carrier that takes keys `modes`' way must go through the agent: keys
 * cross between a phone's RFC 4733 events and a carrier's SIP INFO or tones only there.
 */
export const keysNeedAnchoring = (...modes: (DtmfMode | null | undefined)[]): boolean =>
  modes.some((mode) => mode === 'info' || mode === 'inband');

/**
 * Plays a key in the leg's media: RFC 4733 events through its point where its phone takes them,
 * or tones in the audio to a carrier that takes keys in band. False when it must go as SIP INFO.
 */
export function keyInMedia(anchors: MediaAnchors | null, leg: Leg, digit: string): boolean {
  if (leg.anchor?.sendDigit(digit)) return true;
  if (leg.carrierDtmf !== 'inband' || !leg.anchor || !anchors) return false;
  anchors.playKey(leg.anchor, digit);
  return true;
}

/** A key for the phone on `leg`: in its media where it may be (keyInMedia), else SIP INFO. */
export function sendKey(anchors: MediaAnchors | null, leg: Leg, digit: string): void {
  if (!DTMF_KEYS.includes(digit) || keyInMedia(anchors, leg, digit)) return;
  leg.send(
    'INFO',
    { contentType: 'application/dtmf-relay', bytes: Buffer.from(`Signal=${digit}\r\nDuration=160\r\n`) },
    () => undefined,
  );
}
