// Real WebRTC media for the sip.js test phone: each call's descriptions are made by a werift
// peer (ICE, DTLS-SRTP, Opus first with PCMU and PCMA, as Chromium offers), which plays a tone
// and keeps what it hears. Hold is a sendonly offer and a network change an ICE restart, as the
// app's softphone does them.
import type { Session, SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js';
import { WebRtcPeer } from '../support/media-peers';
import type { AudioCodec } from '../../server/sip/calls/media-anchor';
import type { MediaFactory, TestPhone } from './softphone';

type Options = SessionDescriptionHandlerOptions & { hold?: boolean; iceRestart?: boolean };

class WebRtcDescriptionHandler implements SessionDescriptionHandler {
  constructor(readonly peer: WebRtcPeer) {}

  async getDescription(options?: Options) {
    const direction = options?.hold ? 'sendonly' : 'sendrecv';
    const body = this.peer.answering
      ? await this.peer.makeAnswer(direction)
      : await this.peer.offer({ direction, iceRestart: options?.iceRestart ?? false });
    return { body, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.peer.offering) await this.peer.accept(sdp);
    else await this.peer.applyOffer(sdp);
  }

  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    void this.peer.close();
  }
}

export interface WebRtcMediaOptions {
  /** The codecs its offers list, in order (Chromium's: Opus, PCMU, PCMA). */
  codecs?: AudioCodec[];
  /** Every so many frames a loud marker (a benchmark times them across the call). */
  markEvery?: number;
  /** Whether to keep every sample heard (a benchmark holding hundreds of calls does not). */
  keepSamples?: boolean;
}

/** Media for a TestPhone: a werift peer per call playing `hz`, found again by its session. */
export class WebRtcMedia {
  private readonly peers = new Map<Session, WebRtcPeer>();

  constructor(
    private readonly hz: number,
    private readonly options: WebRtcMediaOptions = {},
  ) {}

  readonly factory: MediaFactory = (_phone: TestPhone, session: Session) => {
    const peer = new WebRtcPeer(this.options.codecs);
    peer.hearing.keepSamples = this.options.keepSamples ?? true;
    peer.play(this.hz, this.options.markEvery);
    this.peers.set(session, peer);
    return new WebRtcDescriptionHandler(peer);
  };

  of(session: Session): WebRtcPeer {
    const peer = this.peers.get(session);
    if (!peer) throw new Error('no media for this call');
    return peer;
  }

  async close(): Promise<void> {
    for (const peer of this.peers.values()) await peer.close();
  }
}
