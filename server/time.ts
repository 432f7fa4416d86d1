/** The server's sense of time, injectable so tests can move it (lockouts, idle timeouts, expiry). */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export const isoAt = (ms: number) => new Date(ms).toISOString();
