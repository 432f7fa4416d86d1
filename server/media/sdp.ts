// The part of an SDP offer (RFC 4566, RFC 3264) the agent needs: which kind of caller this is
// and how to reach it. Anything it cannot answer is refused with the reason.
import { isIPv4 } from 'node:net';
import type { G711Law } from './g711';

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

const STATIC_TYPES: Record<number, G711Law> = { 0: 'PCMU', 8: 'PCMA' };

export function readOffer(sdp: string): OfferReading {
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

  if (proto.includes('SAVPF') || proto.includes('DTLS')) {
    const opus = attribute('rtpmap:').some((map) => /^\d+ opus\/48000/i.test(map));
    if (!opus) return { ok: false, reason: 'WebRTC offer without Opus' };
    if (attribute('fingerprint:').length === 0)
      return { ok: false, reason: 'WebRTC offer without a DTLS fingerprint' };
    return { ok: true, offer: { kind: 'webrtc', sdp } };
  }
  if (proto !== 'RTP/AVP') return { ok: false, reason: `unsupported media transport ${proto}` };
  const connection = [...media, ...session].find((line) => line.startsWith('c='));
  const address = connection?.split(' ')[2]?.split('/')[0];
  if (!address || !isIPv4(address) || address === '0.0.0.0')
    return { ok: false, reason: 'no IPv4 address to send audio to' };
  const names = new Map<number, string>();
  for (const map of attribute('rtpmap:')) {
    const match = /^(\d+) ([^/]+)\/(\d+)/.exec(map);
    if (match) names.set(Number(match[1]), `${match[2]!.toUpperCase()}/${match[3]}`);
  }
  const typeName = (pt: number) => names.get(pt) ?? (STATIC_TYPES[pt] ? `${STATIC_TYPES[pt]}/8000` : '');
  const payloadTypes = formats.map(Number).filter((pt) => Number.isInteger(pt));
  const audio = payloadTypes.find((pt) => ['PCMU/8000', 'PCMA/8000'].includes(typeName(pt)));
  if (audio === undefined) return { ok: false, reason: 'neither G.711 µ-law nor A-law offered' };
  const telephoneEvent = payloadTypes.find((pt) => typeName(pt) === 'TELEPHONE-EVENT/8000') ?? null;
  return {
    ok: true,
    offer: {
      kind: 'rtp',
      address,
      port,
      law: typeName(audio).startsWith('PCMU') ? 'PCMU' : 'PCMA',
      payloadType: audio,
      telephoneEvent,
    },
  };
}

/** The agent's answer to a plain-RTP offer: the codec chosen, and telephone-event if offered. */
export function plainRtpAnswer(
  offer: Extract<MediaOffer, { kind: 'rtp' }>,
  address: string,
  port: number,
  sessionId: number,
): string {
  const types = [offer.payloadType, ...(offer.telephoneEvent === null ? [] : [offer.telephoneEvent])];
  return [
    'v=0',
    `o=switchboard ${sessionId} 1 IN IP4 ${address}`,
    's=voicemail',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio ${port} RTP/AVP ${types.join(' ')}`,
    `a=rtpmap:${offer.payloadType} ${offer.law}/8000`,
    ...(offer.telephoneEvent === null
      ? []
      : [`a=rtpmap:${offer.telephoneEvent} telephone-event/8000`, `a=fmtp:${offer.telephoneEvent} 0-16`]),
    'a=ptime:20',
    'a=sendrecv',
    '',
  ].join('\r\n');
}
