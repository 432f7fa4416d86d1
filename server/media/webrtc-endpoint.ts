// A WebRTC caller (the app's softphone, a browser): ICE, DTLS-SRTP and Opus through werift.
// What it hears is encoded to Opus at 48 kHz and paced by the agent's ticker; what it says
// arrives as Opus packets, stored as they are and decoded only to measure their level.
import { randomInt } from 'node:crypto';
import { Decoder, Encoder } from '@evan/opus';
import type { RTCPeerConnection, RTCRtpTransceiver } from 'werift';
import type { Logger } from '../logger';
import type { MediaEndpoint } from './endpoint';
import { KeyPresses, buildRtp } from './rtp';
import { rmsOf } from './recording';
import { playPaced, type Playback, type Ticker } from './ticker';
import { OPUS_48K, TELEPHONE_EVENT, describe, peerConnection, type WebRtcOptions } from './werift-peer';

const RATE = 48_000;
const FRAME = 960; // 20 ms at 48 kHz
/** How long ICE and DTLS may take before the caller is given up on. */
const CONNECT_TIMEOUT_MS = 10_000;
const OPUS_PAYLOAD_TYPE = 111;
const EVENT_PAYLOAD_TYPE = 126;
/** A conference's audio is 8 kHz: Opus resamples inside the codec, its RTP clock staying 48 kHz. */
const MIX_RATE = 8000;
/** As for the bridge's transcoder (bridge/transcode.ts): a quarter of the default's cost, nothing audible lost. */
const MIX_COMPLEXITY = 5;

export class WebRtcEndpoint implements MediaEndpoint {
  readonly rate = RATE;
  readonly format: { inputSampleRate: number; preSkip: number };
  onRecorded: ((packet: Uint8Array, rms: number) => void) | null = null;
  onDigit: ((digit: string) => void) | null = null;
  onFailed: (() => void) | null = null;
  onHeard: ((samples: Int16Array) => void) | null = null;
  private readonly encoder = new Encoder({ channels: 1, sample_rate: RATE, application: 'voip' });
  private readonly decoder = new Decoder({ channels: 1, sample_rate: RATE });
  private sequence = randomInt(0, 2 ** 16);
  private timestamp = randomInt(0, 2 ** 32);
  private playing: Playback | null = null;
  private readonly keys = new KeyPresses();
  private closed = false;
  private readonly connected: Promise<boolean>;
  /** Set once ICE and DTLS are up: mixed frames sent before then are dropped. */
  private live = false;
  /** The conference's 8 kHz codec, made on its first use. */
  private mixCodec: { encoder: Encoder; decoder: Decoder } | null = null;

  /** Set once the offer is answered (see `open`). */
  private transceiver!: RTCRtpTransceiver;
  answer = '';

  private constructor(
    private readonly pc: RTCPeerConnection,
    private readonly ticker: Ticker,
  ) {
    this.format = { inputSampleRate: RATE, preSkip: 0 };
    this.connected = new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), CONNECT_TIMEOUT_MS);
      pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') {
          this.live = true;
          clearTimeout(timer);
          resolve(true);
        } else if (state === 'failed' || state === 'closed') {
          clearTimeout(timer);
          resolve(false);
          if (state === 'failed') this.onFailed?.();
        }
      });
    });
    // Subscribed before the offer is applied: werift announces the caller's track while applying it.
    pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        if (rtp.header.payloadType === EVENT_PAYLOAD_TYPE)
          return this.event(rtp.header.timestamp, rtp.payload);
        if (rtp.payload.length === 0) return;
        if (this.onHeard) {
          const pcm = this.mixCodecs().decoder.decode(rtp.payload);
          this.onHeard(new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength >> 1));
        }
        if (!this.onRecorded) return;
        const packet = Buffer.from(rtp.payload);
        const pcm = this.decoder.decode(packet);
        this.onRecorded(packet, rmsOf(new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength >> 1)));
      });
    });
  }

  /** Answers `offer`; throws when werift cannot (the caller is then refused). */
  static async open(
    offer: string,
    options: WebRtcOptions,
    ticker: Ticker,
    logger: Logger,
  ): Promise<WebRtcEndpoint> {
    const pc = peerConnection(
      [OPUS_48K(OPUS_PAYLOAD_TYPE), TELEPHONE_EVENT(RATE, EVENT_PAYLOAD_TYPE)],
      options,
    );
    const endpoint = new WebRtcEndpoint(pc, ticker);
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      const transceiver = pc.getTransceivers().find((t) => t.kind === 'audio');
      if (!transceiver) throw new Error('no audio in the offer');
      transceiver.setDirection('sendrecv');
      endpoint.answer = await describe(pc, options, 'answer');
      endpoint.transceiver = transceiver;
      return endpoint;
    } catch (error) {
      logger.warn({ error: String(error) }, 'WebRTC offer not answered');
      await pc.close();
      throw error;
    }
  }

  async play(samples: Int16Array): Promise<void> {
    this.playing?.stop();
    if (this.closed || !(await this.connected) || this.closed) return;
    this.playing = playPaced(this.ticker, samples, FRAME, (frame) =>
      this.send(Buffer.from(this.encoder.encode(frame))),
    );
    return this.playing.done;
  }

  stopPlaying(): void {
    this.playing?.stop();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.playing?.stop();
    void this.pc.close();
  }

  sendFrame(frame: Int16Array): void {
    if (this.live && !this.closed) this.send(Buffer.from(this.mixCodecs().encoder.encode(frame)));
  }

  private mixCodecs(): { encoder: Encoder; decoder: Decoder } {
    if (!this.mixCodec) {
      const encoder = new Encoder({ channels: 1, sample_rate: MIX_RATE, application: 'voip' });
      encoder.complexity = MIX_COMPLEXITY;
      this.mixCodec = { encoder, decoder: new Decoder({ channels: 1, sample_rate: MIX_RATE }) };
    }
    return this.mixCodec;
  }

  private send(payload: Buffer): void {
    const packet = buildRtp({
      payloadType: OPUS_PAYLOAD_TYPE,
      marker: false,
      sequence: this.sequence,
      timestamp: this.timestamp,
      ssrc: 0,
      payload,
    });
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + FRAME) >>> 0;
    void this.transceiver.sender.sendRtp(packet);
  }

  private event(timestamp: number, payload: Buffer): void {
    const digit = this.keys.pressed(timestamp, payload);
    if (digit) this.onDigit?.(digit);
  }
}
