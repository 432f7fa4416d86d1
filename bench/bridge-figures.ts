// What bench:bridge measures on one direction of one call, from what its sender sent and its
// receiver got (both in the peers' process, so on one clock): packet loss, from the gaps in the
// sequence numbers (the bridge keeps them, and a transcoder maps frame for frame); the jitter the
// path added, as phones and RTCP count it (RFC 3550 interarrival jitter of the arrivals, less
// that of the departures: the sender's own unevenness is not the path's); and every packet's
// one-way delay, with its variation (RFC 5481 PDV: the 95th-percentile delay above the stream's
// least), where a queue that grows because something falls behind shows. The sender's and
// receiver's numbers differ by a constant the bridge chose; a loud marker frame every
// MARK_EVERY frames finds it (the marker sent last before the first marker that arrived is that
// one: markers go a second apart).
import type { Arrival, Departure } from '../tests/support/media-peers';

export const MARK_EVERY = 50;

export interface StreamFigures {
  received: number;
  expected: number;
  /** RFC 3550 jitter of the arrivals less that of the departures, ms. */
  addedJitter: number;
  /** Each packet's delay, ms. */
  delays: number[];
  /** The 95th-percentile delay above the least, ms. */
  variation: number;
}

/** RFC 3550 §6.4.1 interarrival jitter in ms: how far times drift from what the timestamps say. */
export function jitterOf(packets: { timestamp: number; at: number }[], clockRate: number): number {
  let jitter = 0;
  for (let i = 1; i < packets.length; i++) {
    const spacing = ((packets[i]!.timestamp - packets[i - 1]!.timestamp) | 0) / (clockRate / 1000);
    const difference = packets[i]!.at - packets[i - 1]!.at - spacing;
    jitter += (Math.abs(difference) - jitter) / 16;
  }
  return jitter;
}

/** Sequence numbers unwrapped past 65535, in arrival order. */
function unwrapped(sequences: number[]): number[] {
  const out: number[] = [];
  let base = 0;
  let last: number | null = null;
  for (const sequence of sequences) {
    if (last !== null && sequence - last < -30_000) base += 65_536;
    if (last !== null && sequence - last > 30_000) base -= 65_536;
    out.push(base + sequence);
    last = sequence;
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** How the bridge renumbered this stream, from its first marker to arrive; null if none did. */
function renumbering(sent: Departure[], got: Arrival[]): number | null {
  const first = got.findIndex((a, i) => a.loud && (i === 0 || !got[i - 1]!.loud));
  if (first < 0) return null;
  const marker = sent.findLast((d) => d.loud && d.at <= got[first]!.at);
  return marker ? (got[first]!.sequence - marker.sequence) & 0xffff : null;
}

/**
 * The figures of one direction over [from, to] (performance.now() times); `sentClock` and
 * `receivedClock` are the RTP clock rates at each end (they differ where the bridge transcodes).
 */
export function streamFigures(
  sent: Departure[],
  arrivals: Arrival[],
  from: number,
  to: number,
  sentClock: number,
  receivedClock: number,
): StreamFigures {
  const got = arrivals.filter((a) => a.at >= from && a.at <= to);
  const departed = sent.filter((d) => d.at >= from && d.at <= to);
  if (got.length === 0)
    return { received: 0, expected: departed.length, addedJitter: 0, delays: [], variation: 0 };
  const sequences = unwrapped(got.map((a) => a.sequence));
  const expected = Math.max(...sequences) - Math.min(...sequences) + 1;
  const shift = renumbering(sent, got);
  const sentAt = new Map(sent.map((d) => [d.sequence, d.at]));
  const delays: number[] = [];
  if (shift !== null)
    for (const arrival of got) {
      const at = sentAt.get((arrival.sequence - shift) & 0xffff);
      if (at !== undefined) delays.push(arrival.at - at);
    }
  const variation = delays.length > 0 ? percentile(delays, 95) - Math.min(...delays) : 0;
  const addedJitter = Math.max(0, jitterOf(got, receivedClock) - jitterOf(departed, sentClock));
  return { received: got.length, expected, addedJitter, delays, variation };
}
