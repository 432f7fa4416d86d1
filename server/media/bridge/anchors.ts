// The agent's side of anchored calls: anchor points for softphones (werift) and desk phones (a
// UDP socket of the agent's range), and bridges between them. Each point counts against the
// cap until it closes; an anchored call holds two.
import type { Logger } from '../../logger';
import type { AnchorPoint, Bridge, MediaAnchors, MediaKind } from '../../sip/calls/media-anchor';
import type { PortPool } from '../port-pool';
import { codecsOf, readDescription } from '../sdp';
import type { Ticker } from '../ticker';
import type { WebRtcOptions } from '../werift-peer';
import type { BridgedPoint } from './frame';
import { RtpPoint } from './rtp-point';
import { WebRtcPoint } from './webrtc-point';
import { bridge } from './relay';
import { playMusic, type MusicPlayback } from './hold-music';
import { keyTone } from '../dtmf-tones';

/** Keys a point may have waiting for their tones (a burst of SIP INFO cannot queue more). */
const MAX_KEYS_WAITING = 32;

export interface AnchorSettings {
  /** Calls anchored at once (two points each). */
  maxCalls: number;
  bindHost: string;
  publicAddress: string;
}

export class Anchors implements MediaAnchors {
  private readonly points = new Set<BridgedPoint>();
  /** Keys still to be played to a point as tones, after the one sounding now. */
  private readonly keysWaiting = new Map<BridgedPoint, string[]>();
  private opening = 0;

  constructor(
    private readonly settings: AnchorSettings,
    private readonly ports: PortPool,
    private readonly webrtc: WebRtcOptions,
    private readonly ticker: Ticker,
    private readonly logger: Logger,
  ) {}

  /** Points open now. */
  get openPoints(): number {
    return this.points.size;
  }

  kindOf(sdp: string): MediaKind | null {
    const reading = readDescription(sdp);
    return reading.ok ? reading.description.kind : null;
  }

  codecsOf(sdp: string) {
    const reading = readDescription(sdp);
    return reading.ok ? codecsOf(reading.description) : [];
  }

  async open(kind: MediaKind): Promise<AnchorPoint | null> {
    if (this.points.size + this.opening >= this.settings.maxCalls * 2) return null;
    this.opening++;
    try {
      let point: BridgedPoint;
      const release = () => this.points.delete(point);
      if (kind === 'webrtc') point = new WebRtcPoint(this.webrtc, this.logger, release);
      else {
        const socket = await this.ports.bind(this.settings.bindHost);
        if (!socket) return null;
        point = new RtpPoint(socket, this.settings.publicAddress, this.ticker, this.logger, release);
      }
      this.points.add(point);
      return point;
    } finally {
      this.opening--;
    }
  }

  bridge(a: AnchorPoint, b: AnchorPoint): Bridge {
    return bridge(this.own(a), this.own(b));
  }

  playMusic(point: AnchorPoint, samples: Int16Array): MusicPlayback {
    return playMusic(this.ticker, this.own(point), samples);
  }

  /** Keys pressed faster than their tones play wait their turn, a few at most (more are dropped). */
  playKey(point: AnchorPoint, digit: string): void {
    const own = this.own(point);
    const waiting = this.keysWaiting.get(own);
    if (waiting) {
      if (waiting.length < MAX_KEYS_WAITING) waiting.push(digit);
      return;
    }
    this.keysWaiting.set(own, []);
    const play = (key: string) => {
      const next = () => {
        const following = this.keysWaiting.get(own)?.shift();
        if (following === undefined) this.keysWaiting.delete(own);
        else play(following);
      };
      const tone = keyTone(key);
      if (tone) playMusic(this.ticker, own, tone, { done: next });
      else next();
    };
    play(digit);
  }

  private own(point: AnchorPoint): BridgedPoint {
    if (!this.points.has(point as BridgedPoint))
      throw new Error('only open points of this agent can be bridged');
    return point as BridgedPoint;
  }

  /** Closes every point (the office is stopping). */
  closeAll(): void {
    for (const point of [...this.points]) point.close();
  }
}
