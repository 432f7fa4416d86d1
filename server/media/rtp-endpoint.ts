// A plain-RTP caller (a desk phone): G.711 in and out over one UDP socket, RFC 4733 keys, or
// keys heard as tones in the audio from a caller that offered no telephone-event (a carrier
// taking keys in band).
// What it hears is paced by the agent's ticker; what it says is decoded and encoded to Opus.
import type dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import { Encoder } from '@evan/opus';
import type { Logger } from '../logger';
import type { MediaEndpoint } from './endpoint';
import { decodeG711, encodeG711 } from './g711';
import type { MediaOffer } from './sdp';
import { plainRtpAnswer } from './sdp';
import { KeyPresses, buildRtp, parseRtp } from './rtp';
import { rmsOf } from './recording';
import { ToneKeys } from './dtmf-tones';
import { playPaced, type Playback, type Ticker } from './ticker';

const RATE = 8000;
const FRAME = 160; // 20 ms at 8 kHz
/** A gap in the caller's timestamps longer than this is a new start, not lost packets. */
const MAX_GAP_FRAMES = 50;

type RtpOffer = Extract<MediaOffer, { kind: 'rtp' }>;

export class RtpEndpoint implements MediaEndpoint {
  readonly rate = RATE;
  readonly answer: string;
  readonly format: { inputSampleRate: number; preSkip: number };
  onRecorded: ((packet: Uint8Array, rms: number) => void) | null = null;
  onDigit: ((digit: string) => void) | null = null;
  onFailed: (() => void) | null = null;
  onHeard: ((samples: Int16Array) => void) | null = null;
  private readonly encoder = new Encoder({ channels: 1, sample_rate: RATE, application: 'voip' });
  private readonly ssrc = randomInt(0, 2 ** 32);
  private sequence = randomInt(0, 2 ** 16);
  private timestamp = randomInt(0, 2 ** 32);
  private pending = new Int16Array(0);
  private expectedTimestamp: number | null = null;
  private readonly keys = new KeyPresses();
  private readonly toneKeys: ToneKeys | null;
  private playing: Playback | null = null;
  private closed = false;

  constructor(
    private readonly socket: dgram.Socket,
    private readonly offer: RtpOffer,
    publicAddress: string,
    private readonly ticker: Ticker,
    logger: Logger,
  ) {
    this.answer = plainRtpAnswer(offer, publicAddress, socket.address().port, randomInt(1, 2 ** 31));
    this.toneKeys = offer.telephoneEvent === null ? new ToneKeys() : null;
    this.format = { inputSampleRate: RATE, preSkip: this.encoder.lookhead * (48_000 / RATE) };
    socket.on('error', (error) => logger.warn({ error: String(error) }, 'RTP socket error'));
    socket.on('message', (bytes, from) => {
      // Only the address the caller's SDP named may speak in this call.
      if (from.address === offer.address) this.receive(bytes);
    });
  }

  play(samples: Int16Array): Promise<void> {
    this.playing?.stop();
    if (this.closed) return Promise.resolve();
    this.playing = playPaced(this.ticker, samples, FRAME, (frame, first) => this.send(frame, first));
    return this.playing.done;
  }

  stopPlaying(): void {
    this.playing?.stop();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.playing?.stop();
    this.socket.close();
  }

  sendFrame(frame: Int16Array): void {
    if (!this.closed) this.send(frame, false);
  }

  private send(frame: Int16Array, marker: boolean): void {
    const payload = encodeG711(this.offer.law, frame);
    const packet = {
      payloadType: this.offer.payloadType,
      marker,
      sequence: this.sequence,
      timestamp: this.timestamp,
      ssrc: this.ssrc,
      payload,
    };
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + FRAME) >>> 0;
    this.socket.send(buildRtp(packet), this.offer.port, this.offer.address);
  }

  private receive(bytes: Buffer): void {
    const packet = parseRtp(bytes);
    if (!packet) return;
    if (packet.payloadType === this.offer.telephoneEvent) {
      const digit = this.keys.pressed(packet.timestamp, packet.payload);
      if (digit) this.onDigit?.(digit);
      return;
    }
    if (packet.payloadType !== this.offer.payloadType) return;
    const samples = decodeG711(this.offer.law, packet.payload);
    for (const digit of this.toneKeys?.hear(samples) ?? []) this.onDigit?.(digit);
    if (this.onHeard) this.onHeard(samples);
    if (!this.onRecorded) return;
    if (this.expectedTimestamp !== null) {
      const gap = (packet.timestamp - this.expectedTimestamp) | 0;
      if (gap < 0) return; // late or repeated
      // Lost packets are heard as silence of their length, so the message keeps its timing.
      if (gap > 0 && gap <= MAX_GAP_FRAMES * FRAME) this.record(new Int16Array(gap));
    }
    this.expectedTimestamp = (packet.timestamp + samples.length) >>> 0;
    this.record(samples);
  }

  /** Opus takes whole 20 ms frames; a caller's other packet sizes are regrouped. */
  private record(samples: Int16Array): void {
    const joined = new Int16Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    let at = 0;
    for (; at + FRAME <= joined.length; at += FRAME) {
      const frame = joined.subarray(at, at + FRAME);
      const packet = Buffer.from(this.encoder.encode(frame));
      this.onRecorded?.(packet, rmsOf(frame));
    }
    this.pending = joined.slice(at);
  }
}
