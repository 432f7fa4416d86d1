// The media agent: answers a caller's SDP offer with its own and runs a voicemail session on
// the stream. Plain RTP (G.711) on its own sockets, WebRTC through werift. How many sessions
// run at once is capped, and RTP and ICE ports come from one range.
import type { Logger } from '../logger';
import { PortPool } from './port-pool';
import type { Prompts, GreetingSource } from './prompts';
import { readOffer } from './sdp';
import { RtpEndpoint } from './rtp-endpoint';
import { WebRtcEndpoint } from './webrtc-endpoint';
import { VoicemailSession } from './session';
import { Ticker } from './ticker';
import type { MediaEndpoint } from './endpoint';

export interface MediaAgentSettings {
  /** Sessions (recordings, greetings) at once; a caller past it hears the reason's refusal. */
  maxSessions: number;
  /** Inclusive UDP range for RTP. */
  rtpPorts: [number, number];
  /** Silence that ends a recording. */
  silenceSeconds: number;
}

export const DEFAULT_MEDIA_SETTINGS: MediaAgentSettings = {
  maxSessions: 100,
  rtpPorts: [20_000, 20_999],
  silenceSeconds: 5,
};

export interface MediaAddresses {
  /** Where the agent's sockets listen. */
  bindHost: string;
  /** The address callers send media to (in the SDP). */
  publicAddress: string;
}

export type AnswerOutcome =
  { ok: true; session: VoicemailSession } | { ok: false; status: number; reason: string };

export interface VoicemailRequest {
  offer: string;
  greeting: GreetingSource;
  maxMessageSeconds: number;
}

export class MediaAgent {
  private readonly ports: PortPool;
  private readonly ticker = new Ticker();
  private readonly sessions = new Set<VoicemailSession>();
  private opening = 0;

  constructor(
    private readonly settings: MediaAgentSettings,
    private readonly addresses: MediaAddresses,
    private readonly prompts: Prompts,
    private readonly logger: Logger,
  ) {
    this.ports = new PortPool(settings.rtpPorts[0], settings.rtpPorts[1]);
  }

  get activeSessions(): number {
    return this.sessions.size;
  }

  async answer(request: VoicemailRequest): Promise<AnswerOutcome> {
    const reading = readOffer(request.offer);
    if (!reading.ok) return { ok: false, status: 488, reason: `Not Acceptable Here (${reading.reason})` };
    if (this.sessions.size + this.opening >= this.settings.maxSessions)
      return { ok: false, status: 503, reason: 'Service Unavailable (voicemail is full)' };
    this.opening++;
    let endpoint: MediaEndpoint | null = null;
    try {
      const offer = reading.offer;
      if (offer.kind === 'webrtc') {
        endpoint = await WebRtcEndpoint.open(
          offer.sdp,
          { rtpPorts: this.settings.rtpPorts, publicAddress: this.addresses.publicAddress },
          this.ticker,
          this.logger,
        ).catch(() => null);
        if (!endpoint)
          return { ok: false, status: 488, reason: 'Not Acceptable Here (WebRTC offer not answerable)' };
      } else {
        const socket = await this.ports.bind(this.addresses.bindHost);
        if (!socket) return { ok: false, status: 503, reason: 'Service Unavailable (no RTP port free)' };
        endpoint = new RtpEndpoint(socket, offer, this.addresses.publicAddress, this.ticker, this.logger);
      }
      const greeting = await this.prompts.greeting(request.greeting, endpoint.rate);
      const session = new VoicemailSession(
        endpoint,
        greeting,
        { maxMessageSeconds: request.maxMessageSeconds, silenceSeconds: this.settings.silenceSeconds },
        this.ticker,
      );
      this.sessions.add(session);
      void session.result.finally(() => this.sessions.delete(session));
      return { ok: true, session };
    } catch (error) {
      endpoint?.close();
      throw error;
    } finally {
      this.opening--;
    }
  }

  /** Ends every session as if its caller hung up (what was said so far is kept). */
  async close(): Promise<void> {
    const ending = [...this.sessions].map((session) => session.result);
    for (const session of this.sessions) session.hangUp();
    await Promise.all(ending);
  }
}
