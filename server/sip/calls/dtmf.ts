// Keys callers press, as SIP INFO carries them (the softphone's way) and as RFC 4733 numbers them.

/** RFC 4733 events 0–15, in order. */
export const DTMF_KEYS = '0123456789*#ABCD';

/** The key in an INFO body (application/dtmf-relay `Signal=#`, or application/dtmf `#`), or null. */
export function infoDigit(contentType: string | null, body: Buffer): string | null {
  const text = body.toString('utf8', 0, 200);
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const value =
    type === 'application/dtmf-relay'
      ? /^Signal\s*=\s*(\S)/im.exec(text)?.[1]
      : type === 'application/dtmf'
        ? text.trim()
        : undefined;
  return value && value.length === 1 && DTMF_KEYS.includes(value.toUpperCase()) ? value.toUpperCase() : null;
}
