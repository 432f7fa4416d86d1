// A desk phone's anchor point: plain RTP with G.711 on one UDP socket of the agent's range, and
// RFC 4733 keys both ways. The agent offers or answers for the point like a phone would, and
// relays what the other side of the call says without touching the audio when the law matches.
import type dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import type { Logger } from '../../logger';
import type { AudioCodec, Direction } from '../../sip/calls/media-anchor';
import type { G711Law } from '../g711';
import { KeyPresses, buildRtp, parseRtp, telephoneEventPayload } from '../rtp';
import {
  answerDirection,
  plainRtpSdp,
  readDescription,
  receives,
  sends,
  type G711Format,
  type PlainRtpDescription,
} from '../sdp';
import type { Ticker } from '../ticker';
import { IncomingStreams, type BridgedPoint, type MediaFrame } from './frame';
import { OutgoingStream } from './outgoing-stream';

const STATIC_FORMATS: Record<G711Law, G711Format> = {
  PCMU: { law: 'PCMU', payloadType: 0 },
  PCMA: { law: 'PCMA', payloadType: 8 },
};
const TELEPHONE_EVENT = 101;
/** A key lasts 100 ms (five 20 ms packets); the next one starts 80 ms after its end. */
const KEY_FRAMES = 5;
const GAP_FRAMES = 3;
const SAMPLES_PER_FRAME = 160;

interface Description {
  formats: G711Format[];
  telephoneEvent: number | null;
  direction: Direction;
}

export class RtpPoint implements BridgedPoint {
  readonly kind = 'rtp';
  onMedia: ((frame: MediaFrame) => void) | null = null;
  onDigit: ((digit: string) => void) | null = null;
  onFailed: (() => void) | null = null;
  holding = false;
  playing = false;
  private readonly sessionId = randomInt(1, 2 ** 31);
  private version = 0;
  private lastSdp = '';
  private readonly out = new OutgoingStream();
  private readonly keys = new KeyPresses();
  private readonly streams = new IncomingStreams();
  /** What the agent last described to the phone. */
  private mine: Description | null = null;
  /** The format the phone is sent, and telephone-event, once agreed. */
  private sending: G711Format | null = null;
  private telephoneEvent: number | null = null;
  /** Payload types the phone may send, each with what it carries. */
  private readonly incoming = new Map<number, G711Law | 'event'>();
  private remote: { address: string | null; port: number } | null = null;
  /** The direction agreed, from the agent's side. */
  private agreed: Direction = 'inactive';
  private want: Direction = 'sendrecv';
  private readonly pendingKeys: string[] = [];
  private stopKeys: (() => void) | null = null;
  /** A key's events are going out: relayed audio waits. */
  private keying = false;
  private closed = false;

  constructor(
    private readonly socket: dgram.Socket,
    private readonly publicAddress: string,
    private readonly ticker: Ticker,
    logger: Logger,
    /** Tells the agent the point is closed. */
    private readonly release: () => void,
  ) {
    socket.on('error', (error) => logger.warn({ error: String(error) }, 'RTP socket error'));
    socket.on('message', (bytes, from) => {
      // Only the address the phone's description named may speak for it.
      if (this.remote?.address === from.address) this.receive(bytes);
    });
  }

  get codec(): AudioCodec | null {
    return this.sending?.law ?? null;
  }

  offer(direction: Direction, prefer: readonly AudioCodec[]): Promise<string> {
    this.want = direction;
    // The first offer lists the laws the other side speaks first; later ones the law in use.
    const formats = this.sending
      ? [this.sending]
      : [...new Set([...prefer.filter((codec) => codec !== 'opus'), 'PCMU', 'PCMA'] as G711Law[])].map(
          (law) => STATIC_FORMATS[law],
        );
    const telephoneEvent = this.sending ? this.telephoneEvent : TELEPHONE_EVENT;
    return Promise.resolve(this.describe({ formats, telephoneEvent, direction }));
  }

  accept(answer: string): Promise<boolean> {
    const reading = readDescription(answer);
    if (!reading.ok || reading.description.kind !== 'rtp' || !this.mine) return Promise.resolve(false);
    const theirs = reading.description;
    const offered = this.mine.formats;
    const chosen = theirs.formats.find((format) => offered.some((mine) => mine.law === format.law));
    if (!chosen) return Promise.resolve(false);
    const telephoneEvent = this.mine.telephoneEvent === null ? null : theirs.telephoneEvent;
    this.agree(theirs, chosen, telephoneEvent, answerDirection(theirs.direction, this.mine.direction));
    return Promise.resolve(true);
  }

  answer(offer: string, prefer: readonly AudioCodec[]): Promise<string | null> {
    const reading = readDescription(offer);
    if (!reading.ok || reading.description.kind !== 'rtp') return Promise.resolve(null);
    const theirs = reading.description;
    const has = (law: AudioCodec | undefined) => theirs.formats.find((format) => format.law === law);
    // Keep the law in use when a re-offer still lists it; else the one the other side speaks.
    const chosen =
      has(this.sending?.law) ?? prefer.map((codec) => has(codec)).find(Boolean) ?? theirs.formats[0]!;
    const direction = answerDirection(theirs.direction, this.want);
    this.holding = !receives(theirs.direction) || theirs.address === null;
    this.agree(theirs, chosen, theirs.telephoneEvent, direction);
    return Promise.resolve(
      this.describe({ formats: [chosen], telephoneEvent: theirs.telephoneEvent, direction }),
    );
  }

  send(frame: MediaFrame): void {
    if (this.keying) return this.out.skip(frame);
    const header = this.out.relay(frame);
    if (!header || !this.sending || !this.remote?.address || !sends(this.agreed)) return;
    this.transmit(this.sending.payloadType, header.marker, header.sequence, header.timestamp, frame.payload);
  }

  sendDigit(digit: string): boolean {
    if (this.telephoneEvent === null || !this.remote?.address || !sends(this.agreed)) return false;
    this.pendingKeys.push(digit);
    if (!this.stopKeys) this.playKeys();
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopKeys?.();
    this.socket.close();
    this.release();
  }

  /** The agent's description for the phone; its version moves on only when it changes. */
  private describe(description: Description): string {
    this.mine = description;
    const sdp = (version: number) =>
      plainRtpSdp({
        address: this.publicAddress,
        port: this.socket.address().port,
        sessionId: this.sessionId,
        version,
        sessionName: 'switchboard',
        ...description,
      });
    if (sdp(this.version) !== this.lastSdp) this.lastSdp = sdp(++this.version);
    return this.lastSdp;
  }

  private agree(
    theirs: PlainRtpDescription,
    chosen: G711Format,
    telephoneEvent: number | null,
    direction: Direction,
  ) {
    this.sending = chosen;
    this.telephoneEvent = telephoneEvent;
    this.agreed = direction;
    this.remote = { address: theirs.address, port: theirs.port };
    // The phone sends with the payload types of either description (RFC 3264 §6.1 asks for the
    // offer's, and phones differ): both are understood.
    for (const format of [...theirs.formats, ...(this.mine?.formats ?? [])])
      this.incoming.set(format.payloadType, format.law);
    if (telephoneEvent !== null) this.incoming.set(telephoneEvent, 'event');
    if (this.mine?.telephoneEvent != null) this.incoming.set(this.mine.telephoneEvent, 'event');
  }

  private receive(bytes: Buffer): void {
    const packet = parseRtp(bytes);
    if (!packet) return;
    const carries = this.incoming.get(packet.payloadType);
    if (carries === 'event') {
      const digit = this.keys.pressed(packet.timestamp, packet.payload);
      if (digit) this.onDigit?.(digit);
    } else if (carries) {
      this.onMedia?.({
        codec: carries,
        payload: packet.payload,
        sequence: packet.sequence,
        timestamp: packet.timestamp,
        samples: packet.payload.length,
        source: this.streams.sourceOf(packet.ssrc),
      });
    }
  }

  /**
   * RFC 4733 §2.5: each key as events of growing duration (audio held back meanwhile), its end
   * sent three times, then a short gap; the stream's clock runs on with the ticks, so each key
   * starts at a timestamp of its own.
   */
  private playKeys(): void {
    let tick = 0;
    let start = 0;
    this.stopKeys = this.ticker.add(() => {
      const digit = this.pendingKeys[0];
      if (digit === undefined) {
        this.stopKeys?.();
        this.stopKeys = null;
        this.keying = false;
        return;
      }
      if (tick === 0) start = this.out.timestamp;
      this.keying = tick <= KEY_FRAMES;
      if (tick < KEY_FRAMES) this.sendEvent(digit, tick === 0, false, start, (tick + 1) * SAMPLES_PER_FRAME);
      else if (tick === KEY_FRAMES)
        for (let copy = 0; copy < 3; copy++)
          this.sendEvent(digit, false, true, start, KEY_FRAMES * SAMPLES_PER_FRAME);
      this.out.advance(SAMPLES_PER_FRAME);
      if (++tick === KEY_FRAMES + 1 + GAP_FRAMES) {
        this.pendingKeys.shift();
        tick = 0;
      }
    });
  }

  private sendEvent(digit: string, first: boolean, end: boolean, timestamp: number, duration: number): void {
    if (this.telephoneEvent === null || !this.remote?.address) return;
    const payload = telephoneEventPayload(digit, end, duration);
    this.transmit(this.telephoneEvent, first, this.out.insert(), timestamp, payload);
  }

  private transmit(
    payloadType: number,
    marker: boolean,
    sequence: number,
    timestamp: number,
    payload: Buffer,
  ) {
    if (this.closed || !this.remote?.address) return;
    const packet = buildRtp({ payloadType, marker, sequence, timestamp, ssrc: this.out.ssrc, payload });
    this.socket.send(packet, this.remote.port, this.remote.address);
  }
}
