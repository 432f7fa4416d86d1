// Whether an offer from the other side puts this call on hold (RFC 3264 §8.4): its audio stream,
// or else the whole session, says sendonly (they still play us music) or inactive.
const DIRECTION = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m;

/** null when the request carries no offer (an offerless re-INVITE): nothing changes then. */
export function holdsUs(sdp: string): boolean | null {
  if (!sdp.trim()) return null;
  const [session = '', ...media] = sdp.split(/\r?\n(?=m=)/);
  const audio = media.find((section) => section.startsWith('m=audio'));
  const direction = (audio && DIRECTION.exec(audio)?.[1]) ?? DIRECTION.exec(session)?.[1] ?? 'sendrecv';
  return direction === 'sendonly' || direction === 'inactive';
}
