// The part of SDP (RFC 4566, RFC 3264) the agent needs: which kind of phone a description comes
// from (plain RTP or WebRTC), its codecs, where to send its audio and which way it flows.
// Anything the agent cannot use is refused with the reason.
import { isIPv4 } from 'node:net';
import type { G711Law } from './g711';
import type { AudioCodec, Direction, MediaKind } from '../sip/calls/media-anchor';

/** A G.711 format of a plain-RTP description: the law and the payload type it goes under. */
export interface G711Format {
  law: G711Law;
  payloadType: number;
}

export interface PlainRtpDescription {
  kind: 'rtp';
  /** Where the phone receives RTP; null for `c=0.0.0.0` (the old way to put a call on hold). */
  address: string | null;
  port: number;
  /** The G.711 formats listed, in the order given (the first is the one preferred). */
  formats: G711Format[];
  /** RFC 4733 telephone-event payload type, when listed at 8 kHz. */
  telephoneEvent: number | null;
  direction: Direction;
}

export interface WebRtcDescription {
  kind: 'webrtc';
  sdp: string;
  /** The audio codecs the agent knows among those listed, in their order. */
  codecs: AudioCodec[];
  direction: Direction;
}

export type MediaDescription = PlainRtpDescription | WebRtcDescription;

export type DescriptionReading = { ok: true; description: MediaDescription } | { ok: false; reason: string };

const STATIC_TYPES: Record<number, G711Law> = { 0: 'PCMU', 8: 'PCMA' };
const DIRECTIONS: readonly Direction[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** Reads a description (an offer or an answer) of a call's audio. */
export function readDescription(sdp: string): DescriptionReading {
  const lines = sdp.split(/\r?\n/).filter((line) => line.length > 0);
  if (lines[0] !== 'v=0') return { ok: false, reason: 'not an SDP offer' };
  const audioAt = lines.findIndex((line) => line.startsWith('m=audio '));
  if (audioAt < 0) return { ok: false, reason: 'no audio stream offered' };
  const nextMedia = lines.findIndex((line, i) => i > audioAt && line.startsWith('m='));
  const media = lines.slice(audioAt, nextMedia < 0 ? undefined : nextMedia);
  const session = lines.slice(0, audioAt);
  const [, portText, proto = '', ...formats] = media[0]!.split(' ');
  const port = Number(portText);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    return { ok: false, reason: 'audio stream disabled' };
  const attribute = (name: string) =>
    [...media, ...session]
      .filter((line) => line.startsWith(`a=${name}`))
      .map((line) => line.slice(name.length + 2));
  // A media-level direction wins over a session-level one (RFC 4566 §6); none means sendrecv.
  const direction =
    [...media, ...session].map((line) => line.slice(2) as Direction).find((a) => DIRECTIONS.includes(a)) ??
    'sendrecv';
  const names = new Map<number, string>();
  for (const map of attribute('rtpmap:')) {
    const match = /^(\d+) ([^/\s]+)\/(\d+)/.exec(map);
    if (match) names.set(Number(match[1]), `${match[2]!.toUpperCase()}/${match[3]}`);
  }
  const typeName = (pt: number) => names.get(pt) ?? (STATIC_TYPES[pt] ? `${STATIC_TYPES[pt]}/8000` : '');
  const payloadTypes = formats.map(Number).filter((pt) => Number.isInteger(pt));

  if (proto.includes('SAVPF') || proto.includes('DTLS')) {
    if (attribute('fingerprint:').length === 0)
      return { ok: false, reason: 'WebRTC offer without a DTLS fingerprint' };
    const codecs: AudioCodec[] = [];
    for (const pt of payloadTypes) {
      const name = typeName(pt);
      const codec =
        name === 'OPUS/48000' ? 'opus' : name === 'PCMU/8000' ? 'PCMU' : name === 'PCMA/8000' ? 'PCMA' : null;
      if (codec && !codecs.includes(codec)) codecs.push(codec);
    }
    return { ok: true, description: { kind: 'webrtc', sdp, codecs, direction } };
  }
  if (proto !== 'RTP/AVP') return { ok: false, reason: `unsupported media transport ${proto}` };
  const connection = [...media, ...session].find((line) => line.startsWith('c='));
  const address = connection?.split(' ')[2]?.split('/')[0];
  if (!address || !isIPv4(address)) return { ok: false, reason: 'no IPv4 address to send audio to' };
  const g711: G711Format[] = [];
  for (const pt of payloadTypes) {
    const name = typeName(pt);
    if (name === 'PCMU/8000' || name === 'PCMA/8000')
      g711.push({ law: name === 'PCMU/8000' ? 'PCMU' : 'PCMA', payloadType: pt });
  }
  if (g711.length === 0) return { ok: false, reason: 'neither G.711 µ-law nor A-law offered' };
  return {
    ok: true,
    description: {
      kind: 'rtp',
      address: address === '0.0.0.0' ? null : address,
      port,
      formats: g711,
      telephoneEvent: payloadTypes.find((pt) => typeName(pt) === 'TELEPHONE-EVENT/8000') ?? null,
      direction,
    },
  };
}

/** Which kind of phone a description comes from, or null when it is not one the agent reads. */
export function mediaKindOf(sdp: string): MediaKind | null {
  const reading = readDescription(sdp);
  return reading.ok ? reading.description.kind : null;
}

/** The codecs a description lists that the agent knows, in its order. */
export function codecsOf(description: MediaDescription): AudioCodec[] {
  return description.kind === 'webrtc' ? description.codecs : description.formats.map((format) => format.law);
}

/** A caller's offer as voicemail and the menus answer it: one G.711 law, or WebRTC with Opus. */
export type MediaOffer =
  | {
      kind: 'rtp';
      /** Where the caller receives RTP. */
      address: string;
      port: number;
      law: G711Law;
      payloadType: number;
      /** RFC 4733 telephone-event payload type, when offered at 8 kHz. */
      telephoneEvent: number | null;
    }
  | { kind: 'webrtc'; sdp: string };

export type OfferReading = { ok: true; offer: MediaOffer } | { ok: false; reason: string };

export function readOffer(sdp: string): OfferReading {
  const reading = readDescription(sdp);
  if (!reading.ok) return reading;
  const description = reading.description;
  if (description.kind === 'webrtc') {
    if (!description.codecs.includes('opus')) return { ok: false, reason: 'WebRTC offer without Opus' };
    return { ok: true, offer: { kind: 'webrtc', sdp } };
  }
  if (description.address === null) return { ok: false, reason: 'no IPv4 address to send audio to' };
  const [first] = description.formats;
  return {
    ok: true,
    offer: {
      kind: 'rtp',
      address: description.address,
      port: description.port,
      law: first!.law,
      payloadType: first!.payloadType,
      telephoneEvent: description.telephoneEvent,
    },
  };
}

/** RFC 3264 §6.1: the direction that answers `offered` for a side willing to go `willing`. */
export function answerDirection(offered: Direction, willing: Direction): Direction {
  const send = receives(offered) && sends(willing);
  const receive = sends(offered) && receives(willing);
  return send && receive ? 'sendrecv' : send ? 'sendonly' : receive ? 'recvonly' : 'inactive';
}

export const sends = (direction: Direction) => direction === 'sendrecv' || direction === 'sendonly';
export const receives = (direction: Direction) => direction === 'sendrecv' || direction === 'recvonly';

export interface PlainRtpSdp {
  address: string;
  port: number;
  /** `o=` session id, and its version: one more for each description that changes (RFC 3264 §8). */
  sessionId: number;
  version: number;
  sessionName: string;
  formats: G711Format[];
  telephoneEvent: number | null;
  direction: Direction;
}

/** A plain-RTP description of the agent's: its address and port, the formats, telephone-event. */
export function plainRtpSdp(description: PlainRtpSdp): string {
  const { address, port, formats, telephoneEvent } = description;
  const types = [
    ...formats.map((format) => format.payloadType),
    ...(telephoneEvent === null ? [] : [telephoneEvent]),
  ];
  return [
    'v=0',
    `o=switchboard ${description.sessionId} ${description.version} IN IP4 ${address}`,
    `s=${description.sessionName}`,
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio ${port} RTP/AVP ${types.join(' ')}`,
    ...formats.map((format) => `a=rtpmap:${format.payloadType} ${format.law}/8000`),
    ...(telephoneEvent === null
      ? []
      : [`a=rtpmap:${telephoneEvent} telephone-event/8000`, `a=fmtp:${telephoneEvent} 0-16`]),
    'a=ptime:20',
    `a=${description.direction}`,
    '',
  ].join('\r\n');
}

/** The agent's answer to a voicemail caller's plain-RTP offer: the codec chosen, and telephone-event if offered. */
export function plainRtpAnswer(
  offer: Extract<MediaOffer, { kind: 'rtp' }>,
  address: string,
  port: number,
  sessionId: number,
): string {
  return plainRtpSdp({
    address,
    port,
    sessionId,
    version: 1,
    sessionName: 'voicemail',
    formats: [{ law: offer.law, payloadType: offer.payloadType }],
    telephoneEvent: offer.telephoneEvent,
    direction: 'sendrecv',
  });
}
