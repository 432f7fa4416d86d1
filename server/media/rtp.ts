// RTP (RFC 3550) packets as the agent reads and writes them, and RFC 4733 telephone-events.
import { DTMF_KEYS } from '../sip/calls/dtmf';

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

/** The packet, or null for anything that is not RTP version 2 with a sane header. */
export function parseRtp(bytes: Buffer): RtpPacket | null {
  if (bytes.length < 12 || bytes[0]! >> 6 !== 2) return null;
  const csrcs = bytes[0]! & 0x0f;
  let start = 12 + csrcs * 4;
  if (bytes[0]! & 0x10) {
    if (bytes.length < start + 4) return null;
    start += 4 + bytes.readUInt16BE(start + 2) * 4;
  }
  let end = bytes.length;
  if (bytes[0]! & 0x20) end -= bytes[bytes.length - 1]!;
  if (start > end) return null;
  return {
    payloadType: bytes[1]! & 0x7f,
    marker: (bytes[1]! & 0x80) !== 0,
    sequence: bytes.readUInt16BE(2),
    timestamp: bytes.readUInt32BE(4),
    ssrc: bytes.readUInt32BE(8),
    payload: bytes.subarray(start, end),
  };
}

export function buildRtp(packet: RtpPacket): Buffer {
  // One allocation per packet: bridges send tens of thousands a second.
  const bytes = Buffer.allocUnsafe(12 + packet.payload.length);
  bytes[0] = 0x80;
  bytes[1] = (packet.marker ? 0x80 : 0) | packet.payloadType;
  bytes.writeUInt16BE(packet.sequence & 0xffff, 2);
  bytes.writeUInt32BE(packet.timestamp >>> 0, 4);
  bytes.writeUInt32BE(packet.ssrc >>> 0, 8);
  packet.payload.copy(bytes, 12);
  return bytes;
}

/** The key an RFC 4733 telephone-event payload stands for (events 0–15), or null. */
export function telephoneEventDigit(payload: Buffer): string | null {
  if (payload.length < 4) return null;
  return DTMF_KEYS[payload[0]!] ?? null;
}

/** Each key comes as several RFC 4733 packets with one timestamp: only the first one is a key press. */
export class KeyPresses {
  private last: number | null = null;

  /** The key a telephone-event packet starts, or null for a repeat of one already seen. */
  pressed(timestamp: number, payload: Buffer): string | null {
    if (timestamp === this.last) return null;
    this.last = timestamp;
    return telephoneEventDigit(payload);
  }
}

/** An RFC 4733 payload: the key's event, the end bit, volume 10 (−10 dBm0), its duration so far. */
export function telephoneEventPayload(digit: string, end: boolean, duration: number): Buffer {
  return Buffer.from([DTMF_KEYS.indexOf(digit), end ? 0x8a : 0x0a, (duration >> 8) & 0xff, duration & 0xff]);
}
