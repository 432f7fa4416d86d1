// A trunk's codec list holds in the offer the carrier gets: the audio payload types the trunk
// does not allow are taken out of the offer (its m=audio line and their rtpmap, fmtp and rtcp-fb
// lines). No voice codec left means the call cannot go out on that trunk. Its DTMF mode holds
// too: telephone-event goes to (and is taken from) a carrier only where keys go as RFC 4733.
import type { Codec, DtmfMode } from '../../../common/api/trunks';
import type { Body } from '../calls/leg';

/** The payload types RFC 3551 fixes, which an offer may list without an rtpmap. */
const STATIC_TYPES: Record<string, string> = { '0': 'PCMU', '8': 'PCMA', '9': 'G722' };

const ATTRIBUTE_OF_TYPE = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[\s]/;

/** The offer with only `allowed` codecs in its audio; null when no voice codec is left. */
export function offerWithin(sdp: string, allowed: readonly Codec[]): string | null {
  const wanted = new Set(allowed.map((codec) => codec.toLowerCase()));
  return audioKeeping(sdp, (name) => wanted.has(name));
}

/** The codecs a trunk's offers may list: telephone-event only where its keys go as RFC 4733 events. */
export const codecsForDtmf = (codecs: readonly Codec[], dtmf: DtmfMode): readonly Codec[] =>
  dtmf === 'rfc4733' ? codecs : codecs.filter((codec) => codec !== 'telephone-event');

/**
 * The description without telephone-event (for a carrier that takes keys as SIP INFO or tones);
 * null when no voice codec is left.
 */
export const withoutKeypadEvents = (sdp: string): string | null =>
  audioKeeping(sdp, (name) => name !== 'telephone-event');

/** An SDP body as a carrier taking keys `dtmf`'s way gets it (or sends it): other bodies as they are. */
export function bodyForDtmf(body: Body, dtmf: DtmfMode): Body {
  const isSdp = body.contentType?.split(';')[0]?.trim().toLowerCase() === 'application/sdp';
  if (dtmf === 'rfc4733' || !isSdp || body.bytes.length === 0) return body;
  const kept = withoutKeypadEvents(body.bytes.toString('utf8'));
  return kept === null ? body : { contentType: body.contentType, bytes: Buffer.from(kept) };
}

/** The description with only the audio payload types whose codec name (lower case, '' when unknown) `keep` takes. */
function audioKeeping(sdp: string, keep: (name: string) => boolean): string | null {
  const newline = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith('m=audio '));
  if (start < 0) return null;
  const next = lines.findIndex((line, i) => i > start && line.startsWith('m='));
  const end = next < 0 ? lines.length : next;
  const section = lines.slice(start + 1, end);
  const names = new Map<string, string>();
  for (const line of section) {
    const rtpmap = /^a=rtpmap:(\d+)\s+([^/\s]+)/.exec(line);
    if (rtpmap) names.set(rtpmap[1]!, rtpmap[2]!.toLowerCase());
  }
  const [media, port, proto, ...types] = lines[start]!.split(' ');
  const kept = types.filter((type) => keep(names.get(type) ?? STATIC_TYPES[type]?.toLowerCase() ?? ''));
  const voice = kept.some(
    (type) => (names.get(type) ?? STATIC_TYPES[type]?.toLowerCase()) !== 'telephone-event',
  );
  if (!voice) return null;
  const keptSet = new Set(kept);
  const attributes = section.filter((line) => {
    const type = ATTRIBUTE_OF_TYPE.exec(line)?.[1];
    return type === undefined || keptSet.has(type);
  });
  return [
    ...lines.slice(0, start),
    [media, port, proto, ...kept].join(' '),
    ...attributes,
    ...lines.slice(end),
  ].join(newline);
}
