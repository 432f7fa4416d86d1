// Cuts a byte stream (TCP, TLS) into SIP messages by Content-Length (RFC 3261 §18.3).
import { DEFAULT_LIMITS } from '../message';

export type Frame = { kind: 'message'; bytes: Buffer } | { kind: 'ping' };

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*([0-9]{1,9})[ \t]*$/im;

export class StreamFramingError extends Error {}

export class StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageBytes = DEFAULT_LIMITS.maxMessageBytes) {}

  /** Adds bytes and returns every whole frame they complete; throws when the stream is beyond repair. */
  push(chunk: Buffer): Frame[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      // Keep-alives and stray CRLFs between messages.
      if (this.buffer.subarray(0, 4).equals(HEADER_END)) {
        frames.push({ kind: 'ping' });
        this.buffer = this.buffer.subarray(4);
        continue;
      }
      if (this.buffer.subarray(0, 2).toString('latin1') === '\r\n' && this.buffer.length >= 4) {
        this.buffer = this.buffer.subarray(2);
        continue;
      }
      const end = this.buffer.indexOf(HEADER_END);
      if (end === -1) {
        if (this.buffer.length > this.maxMessageBytes) throw new StreamFramingError('Headers too large');
        return frames;
      }
      const head = this.buffer.subarray(0, end).toString('latin1');
      const declared = CONTENT_LENGTH.exec(head);
      // Content-Length is mandatory over streams; without it the message has no body.
      const length = declared ? Number(declared[1]) : 0;
      const total = end + 4 + length;
      if (total > this.maxMessageBytes) throw new StreamFramingError('Message too large');
      if (this.buffer.length < total) return frames;
      frames.push({ kind: 'message', bytes: this.buffer.subarray(0, total) });
      this.buffer = this.buffer.subarray(total);
    }
  }
}
