// What a call's media is to signalling: descriptions made and taken, mute, stats, close.
// In the app the renderer's MediaEngine does it (through the MediaBridge); sip.js sees it
// through a SessionDescriptionHandler that forwards every step.
import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import type { MediaStats } from '../../common/ipc/domains/media';

export interface CallMedia {
  /** False while nothing can do a call's audio: calls are refused rather than rung. */
  readonly available: boolean;
  describe(callId: string, options: { hold: boolean; iceRestart: boolean }): Promise<string>;
  apply(callId: string, sdp: string): Promise<void>;
  mute(callId: string, muted: boolean): Promise<void>;
  stats(callId: string): Promise<MediaStats>;
  close(callId: string): void;
}

/** The options a re-INVITE carries to the handler: hold, or new ICE credentials. */
export interface CallMediaOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean;
  iceRestart?: boolean;
}

class ForwardingDescriptionHandler implements SessionDescriptionHandler {
  constructor(
    private readonly media: CallMedia,
    private readonly callId: string,
  ) {}

  async getDescription(options?: CallMediaOptions): Promise<BodyAndContentType> {
    const body = await this.media.describe(this.callId, {
      hold: options?.hold ?? false,
      iceRestart: options?.iceRestart ?? false,
    });
    return { body, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    return this.media.apply(this.callId, sdp);
  }

  /** Tones go as SIP INFO (the office relays them to any kind of phone), never in-band here. */
  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    this.media.close(this.callId);
  }
}

/** sip.js's factory: each session's handler forwards to `media` under the call's id. */
export function forwardingHandlerFactory(
  media: CallMedia,
  callIdOf: (session: Session) => string,
): SessionDescriptionHandlerFactory {
  return (session) => new ForwardingDescriptionHandler(media, callIdOf(session));
}
