// A softphone's anchor point: a werift peer (ICE, DTLS-SRTP) that offers or answers for the
// agent. The codec is chosen so nothing needs transcoding where the phone allows it: an offer
// lists the other side's G.711 law first (Chromium answers with the offer's order and sends the
// first), an answer carries just the one codec chosen. Keys for a softphone go as SIP INFO
// (the app shows them from there), so this point plays none itself.
import type { RTCPeerConnection, RTCRtpCodecParameters, RTCRtpTransceiver, MediaStreamTrack } from 'werift';
import { RtpHeader, RtpPacket } from 'werift';
import type { Logger } from '../../logger';
import type { AudioCodec, Direction } from '../../sip/calls/media-anchor';
import { KeyPresses } from '../rtp';
import { opusPacketSamples } from '../ogg-opus';
import { answerDirection, readDescription, receives, sends } from '../sdp';
import {
  OPUS_48K,
  PCMA_8K,
  PCMU_8K,
  TELEPHONE_EVENT,
  describe,
  peerConnection,
  resumeIceAfterRestart,
  type WebRtcOptions,
} from '../werift-peer';
import { IncomingStreams, type BridgedPoint, type MediaFrame } from './frame';
import { OutgoingStream } from './outgoing-stream';

/** How long ICE and DTLS may take once both descriptions are known. */
const CONNECT_TIMEOUT_MS = 10_000;
const OPUS_PAYLOAD_TYPE = 111;
const EVENT_PAYLOAD_TYPE = 101;
const ALL_CODECS: readonly AudioCodec[] = ['PCMU', 'PCMA', 'opus'];

const parameters = (codec: AudioCodec): RTCRtpCodecParameters =>
  codec === 'opus' ? OPUS_48K(OPUS_PAYLOAD_TYPE) : codec === 'PCMU' ? PCMU_8K() : PCMA_8K();

const MIME_CODECS: Record<string, AudioCodec | 'event'> = {
  'audio/opus': 'opus',
  'audio/pcmu': 'PCMU',
  'audio/pcma': 'PCMA',
  'audio/telephone-event': 'event',
};

export class WebRtcPoint implements BridgedPoint {
  readonly kind = 'webrtc';
  onMedia: ((frame: MediaFrame) => void) | null = null;
  onDigit: ((digit: string) => void) | null = null;
  onFailed: (() => void) | null = null;
  holding = false;
  playing = false;
  codec: AudioCodec | null = null;
  private pc: RTCPeerConnection | null = null;
  private transceiver: RTCRtpTransceiver | null = null;
  private readonly out = new OutgoingStream();
  private readonly keys = new KeyPresses();
  private readonly streams = new IncomingStreams();
  private readonly incoming = new Map<number, AudioCodec | 'event'>();
  private readonly listened = new WeakSet<MediaStreamTrack>();
  private want: Direction = 'sendrecv';
  private offered: Direction = 'sendrecv';
  private agreed: Direction = 'inactive';
  private connected = false;
  private watchdog: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly options: WebRtcOptions,
    private readonly logger: Logger,
    /** Tells the agent the point is closed. */
    private readonly release: () => void,
  ) {}

  async offer(direction: Direction, prefer: readonly AudioCodec[]): Promise<string> {
    this.want = direction;
    this.offered = direction;
    if (!this.pc) {
      const order = [...new Set([...prefer, ...ALL_CODECS])];
      const pc = this.open(order);
      this.transceiver = pc.addTransceiver('audio', { direction });
    } else this.transceiver!.setDirection(direction);
    return describe(this.pc!, this.options, 'offer');
  }

  async accept(answer: string): Promise<boolean> {
    const reading = readDescription(answer);
    if (!this.pc || !reading.ok || reading.description.kind !== 'webrtc') return false;
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
    } catch {
      return false;
    }
    this.agreed = answerDirection(reading.description.direction, this.offered);
    resumeIceAfterRestart(this.pc);
    return this.negotiated();
  }

  async answer(offer: string, prefer: readonly AudioCodec[]): Promise<string | null> {
    const reading = readDescription(offer);
    if (!reading.ok || reading.description.kind !== 'webrtc') return null;
    const theirs = reading.description;
    if (!this.pc) {
      // One codec in the answer: the other side's when the phone has it, else Opus (transcoded).
      const chosen =
        prefer.find((codec) => theirs.codecs.includes(codec)) ??
        (theirs.codecs.includes('opus') ? 'opus' : theirs.codecs[0]);
      if (!chosen) return null;
      this.open([chosen]);
    }
    const pc = this.pc!;
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      this.transceiver ??= pc.getTransceivers().find((t) => t.kind === 'audio') ?? null;
      if (!this.transceiver) return null;
      // werift makes the transceiver of a remote offer recvonly: the agent sends too.
      this.transceiver.setDirection(this.want);
      const sdp = await describe(pc, this.options, 'answer');
      resumeIceAfterRestart(pc);
      this.holding = !receives(theirs.direction);
      this.agreed = answerDirection(theirs.direction, this.want);
      return this.negotiated() ? sdp : null;
    } catch {
      return null;
    }
  }

  send(frame: MediaFrame): void {
    const header = this.out.relay(frame);
    if (!header || !this.connected || !sends(this.agreed) || !this.transceiver) return;
    const packet = new RtpPacket(
      new RtpHeader({
        payloadType: 0, // werift writes the negotiated codec's
        marker: header.marker,
        sequenceNumber: header.sequence,
        timestamp: header.timestamp,
        ssrc: this.out.ssrc,
      }),
      frame.payload,
    );
    void this.transceiver.sender.sendRtp(packet);
  }

  sendDigit(): boolean {
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    void this.pc?.close();
    this.release();
  }

  private open(codecs: readonly AudioCodec[]): RTCPeerConnection {
    const pc = peerConnection(
      [...codecs.map(parameters), TELEPHONE_EVENT(8000, EVENT_PAYLOAD_TYPE)],
      this.options,
    );
    this.pc = pc;
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') {
        this.connected = true;
        if (this.watchdog) clearTimeout(this.watchdog);
      } else if (state === 'failed') this.fail();
    });
    // Announced anew at each negotiation: each track is listened to once.
    pc.onTrack.subscribe((track) => {
      if (this.listened.has(track)) return;
      this.listened.add(track);
      track.onReceiveRtp.subscribe((rtp) => this.receive(rtp));
    });
    return pc;
  }

  /** After an offer/answer: the codec sent, what each payload type carries, and a deadline to connect. */
  private negotiated(): boolean {
    const transceiver = this.transceiver;
    const sent = transceiver?.sender.codec;
    const codec = sent ? MIME_CODECS[sent.mimeType.toLowerCase()] : undefined;
    if (!transceiver || !codec || codec === 'event') return false;
    this.codec = codec;
    for (const negotiated of transceiver.codecs) {
      const carries = MIME_CODECS[negotiated.mimeType.toLowerCase()];
      if (carries) this.incoming.set(negotiated.payloadType, carries);
    }
    if (!this.connected && !this.watchdog && !this.closed)
      this.watchdog = setTimeout(() => this.fail(), CONNECT_TIMEOUT_MS);
    return true;
  }

  private fail(): void {
    if (this.closed) return;
    const pc = this.pc;
    this.logger.warn(
      {
        connection: pc?.connectionState,
        ice: pc?.iceConnectionState,
        dtls: pc?.dtlsTransports.map((transport) => transport.state),
        localCandidates: (pc?.localDescription?.sdp.match(/a=candidate:/g) ?? []).length,
        remoteCandidates: (pc?.remoteDescription?.sdp.match(/a=candidate:/g) ?? []).length,
      },
      this.connected ? 'a softphone’s media failed' : 'a softphone’s media did not connect in time',
    );
    this.onFailed?.();
  }

  private receive(rtp: RtpPacket): void {
    const carries = this.incoming.get(rtp.header.payloadType);
    if (carries === 'event') {
      const digit = this.keys.pressed(rtp.header.timestamp, rtp.payload);
      if (digit) this.onDigit?.(digit);
    } else if (carries && rtp.payload.length > 0) {
      this.onMedia?.({
        codec: carries,
        payload: rtp.payload,
        sequence: rtp.header.sequenceNumber,
        timestamp: rtp.header.timestamp,
        samples: carries === 'opus' ? opusPacketSamples(rtp.payload) : rtp.payload.length,
        source: this.streams.sourceOf(rtp.header.ssrc),
      });
    }
  }
}
