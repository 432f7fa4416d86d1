// The two kinds of phone an anchored call joins, as real peers in Node: a WebRTC peer (werift:
// ICE, DTLS-SRTP; it offers and answers as Chromium does, Opus first with PCMU and PCMA) and a
// plain-RTP desk phone's media (a UDP socket, G.711, RFC 4733). Each plays a tone in real-time
// 20 ms packets and keeps what it hears at 8 kHz, with when each packet arrived, so tests check
// the tone by frequency and benchmarks measure loss, jitter and delay.
import dgram from 'node:dgram';
import { Decoder, Encoder } from '@evan/opus';
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
} from 'werift';
import { decodeG711, encodeG711, type G711Law } from '../../server/media/g711';
import { buildRtp, parseRtp, telephoneEventPayload } from '../../server/media/rtp';
import { DTMF_KEYS } from '../../server/sip/calls/dtmf';
import { keyTone } from '../../server/media/dtmf-tones';
import { Ticker } from '../../server/media/ticker';
import { gatherHostOnly, resumeIceAfterRestart } from '../../server/media/werift-peer';
import type { AudioCodec, Direction } from '../../server/sip/calls/media-anchor';

const ticker = new Ticker();
const RATE = 8000;
const FRAME = 160;

/** A packet received: its RTP numbers, when it came, and whether it was a marker (loud). */
export interface Arrival {
  sequence: number;
  timestamp: number;
  at: number;
  loud: boolean;
}

/** A packet sent: the same, as the sender numbered and timed it. */
export type Departure = Arrival;

/** RMS above which a 20 ms frame is a marker (the tone is about 5,700, a marker about 21,000). */
const LOUD_RMS = 14_000;

function isLoud(samples: ArrayLike<number>): boolean {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length > 0 && Math.sqrt(sum / samples.length) > LOUD_RMS;
}

/**
 * What one side of a call heard: 8 kHz samples (unless `keepSamples` is off, as in a benchmark
 * holding hundreds of calls), and per packet its numbers and arrival time.
 */
export class Hearing {
  readonly samples: number[] = [];
  readonly arrivals: Arrival[] = [];
  readonly keys: string[] = [];
  keepSamples = true;
  private lastKey: number | null = null;

  heard(sequence: number, timestamp: number, samples: ArrayLike<number>): void {
    this.arrivals.push({ sequence, timestamp, at: performance.now(), loud: isLoud(samples) });
    if (this.keepSamples) for (let i = 0; i < samples.length; i++) this.samples.push(samples[i]!);
  }

  /** An RFC 4733 packet: the first of each key (by timestamp) counts. */
  event(timestamp: number, payload: Buffer): void {
    if (timestamp === this.lastKey) return;
    this.lastKey = timestamp;
    this.keys.push(DTMF_KEYS[payload[0]!] ?? '?');
  }

  /** Samples heard since `mark` (a count of samples taken earlier). */
  since(mark: number): number[] {
    return this.samples.slice(mark);
  }
}

/** One second of a sine tone at 8 kHz (a whole number of periods for a whole number of Hz). */
const toneSecond = (hz: number, amplitude: number) =>
  Int16Array.from({ length: RATE }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / RATE)),
  );

/**
 * A sine tone in 20 ms frames at 8 kHz, one frame per tick of a shared 20 ms clock; with
 * `markEvery`, every so many frames is a loud one (a marker a benchmark times across the call).
 */
class Tone {
  private at = 0;
  private stop: (() => void) | null = null;

  constructor(private readonly send: (frame: Int16Array, loud: boolean) => void) {}

  play(hz: number, markEvery = 0): void {
    this.stop?.();
    const quiet = toneSecond(hz, 8000);
    const loud = toneSecond(hz, 30_000);
    let frames = 0;
    this.stop = ticker.add(() => {
      const marker = markEvery > 0 && frames++ % markEvery === 0;
      const offset = this.at % RATE;
      this.at += FRAME;
      this.send((marker ? loud : quiet).slice(offset, offset + FRAME), marker);
    });
  }

  /** Plays `samples` once (a key's tones), then sends nothing. */
  playOnce(samples: Int16Array): void {
    this.stop?.();
    let at = 0;
    this.stop = ticker.add(() => {
      if (at >= samples.length) return this.silence();
      const frame = new Int16Array(FRAME);
      frame.set(samples.subarray(at, at + FRAME));
      at += FRAME;
      this.send(frame, false);
    });
  }

  silence(): void {
    this.stop?.();
    this.stop = null;
  }
}

const CODEC_PARAMETERS: Record<AudioCodec, () => RTCRtpCodecParameters> = {
  opus: () =>
    new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2, payloadType: 111 }),
  PCMU: () => new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, payloadType: 0 }),
  PCMA: () => new RTCRtpCodecParameters({ mimeType: 'audio/PCMA', clockRate: 8000, payloadType: 8 }),
};

/** A WebRTC phone (the app's softphone in Chromium, in spirit). */
export class WebRtcPeer {
  readonly hearing = new Hearing();
  /** Every packet sent, with when (and its bytes, while the hearing keeps samples). */
  readonly sent: (Departure & { payload?: Buffer })[] = [];
  private readonly pc: RTCPeerConnection;
  private transceiver: RTCRtpTransceiver | null = null;
  private readonly tone = new Tone((frame, loud) => this.sendFrame(frame, loud));
  private readonly encoder = new Encoder({ channels: 1, sample_rate: RATE, application: 'voip' });
  private readonly decoder = new Decoder({ channels: 1, sample_rate: RATE });
  private sequence = 1;
  private timestamp = 0;

  constructor(codecs: AudioCodec[] = ['opus', 'PCMU', 'PCMA']) {
    // Chromium's Opus is native code; this one is WASM: a lighter setting keeps a benchmark's
    // hundreds of peers from measuring the encoder instead of the path.
    this.encoder.complexity = 3;
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [
          ...codecs.map((codec) => CODEC_PARAMETERS[codec]()),
          new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, payloadType: 126 }),
        ],
      },
      iceUseIpv6: false,
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceServers: [],
    });
    // werift announces the track again at each negotiation: it is listened to once.
    const listened = new WeakSet<object>();
    this.pc.onTrack.subscribe((track) => {
      if (listened.has(track)) return;
      listened.add(track);
      track.onReceiveRtp.subscribe((rtp) => {
        const mime = this.codecOf(rtp.header.payloadType);
        if (mime === 'audio/telephone-event') return this.hearing.event(rtp.header.timestamp, rtp.payload);
        this.hearing.heard(rtp.header.sequenceNumber, rtp.header.timestamp, this.decode(mime, rtp.payload));
      });
    });
  }

  /** The codec this peer sends, once negotiated. */
  get sending(): string | undefined {
    return this.transceiver?.sender.codec?.mimeType;
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  /** ICE's state, for saying why a connection did not come up. */
  get iceState(): string {
    return this.pc.iceConnectionState;
  }

  async offer(options: { direction?: Direction; iceRestart?: boolean } = {}): Promise<string> {
    if (!this.transceiver) this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.transceiver.setDirection(options.direction ?? 'sendrecv');
    gatherHostOnly(this.pc); // everything here is on this machine
    await this.pc.setLocalDescription(await this.pc.createOffer({ iceRestart: options.iceRestart ?? false }));
    return this.localDescription();
  }

  async accept(answer: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
    resumeIceAfterRestart(this.pc);
  }

  async answer(offer: string, direction: Direction = 'sendrecv'): Promise<string> {
    await this.applyOffer(offer);
    return this.makeAnswer(direction);
  }

  /** An offer to answer later (how a SIP stack takes an INVITE's offer, then answers). */
  async applyOffer(offer: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    this.transceiver ??= this.pc.getTransceivers()[0]!;
  }

  async makeAnswer(direction: Direction = 'sendrecv'): Promise<string> {
    this.transceiver!.setDirection(direction);
    gatherHostOnly(this.pc);
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    resumeIceAfterRestart(this.pc);
    return this.localDescription();
  }

  /** Whether an offer waits for this peer's answer. */
  get answering(): boolean {
    return this.pc.signalingState === 'have-remote-offer';
  }

  /** The other side's last description. */
  get remoteSdp(): string {
    return this.pc.remoteDescription?.sdp ?? '';
  }

  /** Whether this peer's offer waits for an answer. */
  get offering(): boolean {
    return this.pc.signalingState === 'have-local-offer';
  }

  /** Resolves once ICE and DTLS are up. */
  async connectedSoon(timeoutMs = 10_000): Promise<void> {
    if (this.connected) return;
    await this.pc.connectionStateChange.watch((state) => state === 'connected', timeoutMs);
  }

  play(hz: number, markEvery = 0): void {
    this.tone.play(hz, markEvery);
  }

  silence(): void {
    this.tone.silence();
  }

  async close(): Promise<void> {
    this.tone.silence();
    await this.pc.close();
  }

  private async localDescription(): Promise<string> {
    if (this.pc.iceGatheringState !== 'complete')
      await this.pc.iceGatheringStateChange.watch((state) => state === 'complete');
    return this.pc.localDescription!.sdp;
  }

  private codecOf(payloadType: number): string {
    const codec = this.transceiver?.codecs.find((c) => c.payloadType === payloadType);
    return codec?.mimeType.toLowerCase() ?? '';
  }

  private decode(mime: string, payload: Buffer): ArrayLike<number> {
    if (mime === 'audio/opus') {
      const pcm = this.decoder.decode(payload);
      return new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength >> 1);
    }
    return mime === 'audio/pcmu' || mime === 'audio/pcma'
      ? decodeG711(mime === 'audio/pcmu' ? 'PCMU' : 'PCMA', payload)
      : [];
  }

  private sendFrame(frame: Int16Array, loud: boolean): void {
    const sender = this.transceiver?.sender;
    const mime = sender?.codec?.mimeType.toLowerCase();
    if (!sender || !mime || !this.connected) return;
    const opus = mime === 'audio/opus';
    const payload = opus
      ? Buffer.from(this.encoder.encode(frame))
      : encodeG711(mime === 'audio/pcmu' ? 'PCMU' : 'PCMA', frame);
    const header = new RtpHeader({
      sequenceNumber: this.sequence,
      timestamp: this.timestamp,
      payloadType: 0,
    });
    this.sent.push({
      sequence: this.sequence,
      timestamp: this.timestamp,
      at: performance.now(),
      loud,
      payload,
    });
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + (opus ? 960 : FRAME)) >>> 0;
    void sender.sendRtp(new RtpPacket(header, payload));
  }
}

/** A desk phone's media: G.711 over a UDP socket on loopback, and RFC 4733 keys. */
export class RtpPeer {
  readonly hearing = new Hearing();
  readonly sent: Departure[] = [];
  /** Payload types received, in order of arrival (the first of each run). */
  readonly payloadTypes = new Set<number>();
  private readonly socket = dgram.createSocket('udp4');
  private readonly tone = new Tone((frame, loud) => this.sendFrame(frame, loud));
  private remote: { address: string; port: number } | null = null;
  private sequence = 1;
  private timestamp = 0;
  /** Raw payloads received with their payload type (while the hearing keeps samples): a test compares them with what was sent. */
  readonly payloads: { payloadType: number; payload: Buffer; marker: boolean; sequence: number }[] = [];

  private constructor(
    public law: G711Law,
    private readonly telephoneEvent: number,
  ) {
    this.socket.on('message', (bytes) => {
      const packet = parseRtp(bytes);
      if (!packet) return;
      this.payloadTypes.add(packet.payloadType);
      if (this.hearing.keepSamples) this.payloads.push({ ...packet, payload: Buffer.from(packet.payload) });
      if (packet.payloadType === this.telephoneEvent)
        return this.hearing.event(packet.timestamp, packet.payload);
      const law = packet.payloadType === 0 ? 'PCMU' : packet.payloadType === 8 ? 'PCMA' : null;
      if (law) this.hearing.heard(packet.sequence, packet.timestamp, decodeG711(law, packet.payload));
    });
  }

  static async open(law: G711Law = 'PCMU', telephoneEvent = 101): Promise<RtpPeer> {
    const peer = new RtpPeer(law, telephoneEvent);
    await new Promise<void>((resolve) => peer.socket.bind(0, '127.0.0.1', resolve));
    return peer;
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** A desk phone's SDP: `laws` in order (static payload types), telephone-event, the direction. */
  description(laws: G711Law[] = [this.law], direction: Direction = 'sendrecv', version = 1): string {
    const types = laws.map((law) => (law === 'PCMU' ? 0 : 8));
    return [
      'v=0',
      `o=desk 7 ${version} IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.port} RTP/AVP ${[...types, this.telephoneEvent].join(' ')}`,
      ...laws.map((law, i) => `a=rtpmap:${types[i]} ${law}/8000`),
      `a=rtpmap:${this.telephoneEvent} telephone-event/8000`,
      `a=fmtp:${this.telephoneEvent} 0-15`,
      `a=${direction}`,
      '',
    ].join('\r\n');
  }

  /** Sends to where the other side's description says, in the law it chose. */
  sendTo(description: string): void {
    const port = Number(/m=audio (\d+)/.exec(description)?.[1]);
    const address = /c=IN IP4 (\S+)/.exec(description)?.[1];
    if (!port || !address) throw new Error('no address in the description');
    const first = Number(/m=audio \d+ RTP\/AVP (\d+)/.exec(description)?.[1]);
    this.law = first === 8 ? 'PCMA' : 'PCMU';
    this.remote = { address, port };
  }

  play(hz: number, markEvery = 0): void {
    this.tone.play(hz, markEvery);
  }

  silence(): void {
    this.tone.silence();
  }

  /** The call ended: nothing more is sent until the next description. */
  hangUp(): void {
    this.remote = null;
  }

  /** A key as tones in the audio (ITU-T Q.23), as a phone behind an in-band carrier sends it; the tone playing stops. */
  pressKeyInAudio(digit: string): void {
    this.tone.playOnce(keyTone(digit)!);
  }

  /** An RFC 4733 key: three packets with one timestamp, the last with the end bit. */
  pressKey(digit: string): void {
    for (const end of [false, false, true])
      this.packet(this.telephoneEvent, telephoneEventPayload(digit, end, 800));
    this.timestamp += FRAME;
  }

  close(): void {
    this.tone.silence();
    this.socket.close();
  }

  private sendFrame(frame: Int16Array, loud: boolean): void {
    if (!this.remote) return;
    this.sent.push({ sequence: this.sequence, timestamp: this.timestamp, at: performance.now(), loud });
    this.packet(this.law === 'PCMU' ? 0 : 8, encodeG711(this.law, frame));
    this.timestamp += FRAME;
  }

  private packet(payloadType: number, payload: Buffer): void {
    if (!this.remote) return;
    const bytes = buildRtp({
      payloadType,
      marker: false,
      sequence: this.sequence,
      timestamp: this.timestamp,
      ssrc: 0x5eed,
      payload,
    });
    this.sequence = (this.sequence + 1) & 0xffff;
    this.socket.send(bytes, this.remote.port, this.remote.address);
  }
}
