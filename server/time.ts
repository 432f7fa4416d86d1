/** The server's sense of time, injectable so tests can move it (lockouts, idle timeouts, expiry). */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export const isoAt = (ms: number) => new Date(ms).toISOString();

/**
 * The canonical name of an IANA time zone as this runtime knows it (`europe/paris` is
 * `Europe/Paris`), or null for a name it does not know.
 */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
