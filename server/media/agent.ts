// The media agent: answers a caller's SDP offer with its own and runs a session on the stream
// (taking a message, or a caller listening to their mailbox). Plain RTP (G.711) on its own
// sockets, WebRTC through werift. How many sessions run at once is capped, and RTP and ICE
// ports come from one range.
import type { Logger } from '../logger';
import { PortPool } from './port-pool';
import type { Prompts, GreetingSource } from './prompts';
import { readOffer } from './sdp';
import { RtpEndpoint } from './rtp-endpoint';
import { WebRtcEndpoint } from './webrtc-endpoint';
import { VoicemailSession, type OwnerMenu } from './session';
import { Ticker } from './ticker';
import type { MediaEndpoint } from './endpoint';
import type { AgentSession } from './agent-session';
import type { Body } from '../sip/calls/leg';
import { Anchors } from './bridge/anchors';
import { Serial, type WebRtcOptions } from './werift-peer';
import type { AnsweringOutcome } from '../sip/calls/unanswered';

export interface MediaAgentSettings {
  /** Sessions (recordings, greetings) at once; a caller past it hears the reason's refusal. */
  maxSessions: number;
  /** Inclusive UDP range for media: plain RTP in its lower half, WebRTC (ICE) in its upper. */
  rtpPorts: [number, number];
  /** Silence that ends a recording. */
  silenceSeconds: number;
  /**
   * Calls anchored at once (a softphone and a desk phone, two points each); a call past it is
   * refused with 503. Each takes two of the RTP range's ports or more (werift binds one per
   * address it offers).
   */
  maxAnchoredCalls: number;
}

export const DEFAULT_MEDIA_SETTINGS: MediaAgentSettings = {
  maxSessions: 100,
  rtpPorts: [20_000, 20_999],
  silenceSeconds: 5,
  maxAnchoredCalls: 150,
};

export interface MediaAddresses {
  /** Where the agent's sockets listen. */
  bindHost: string;
  /** The address callers send media to (in the SDP). */
  publicAddress: string;
}

export type AnswerOutcome<S extends AgentSession> =
  { ok: true; session: S } | { ok: false; status: number; reason: string };

/** The SDP offer in a caller's INVITE body, or null when the body is something else. */
export function sdpOffer(body: Body): string | null {
  const type = body.contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/sdp' ? body.bytes.toString('utf8') : null;
}

export const NO_SDP_OFFER: AnsweringOutcome = {
  kind: 'refuse',
  status: 488,
  reason: 'Not Acceptable Here (an SDP offer is needed)',
};

/** What the call does with a session the agent opened: answer with it, or refuse with the reason. */
export function answeringWith(outcome: AnswerOutcome<AgentSession>): AnsweringOutcome {
  if (!outcome.ok) return { kind: 'refuse', status: outcome.status, reason: outcome.reason };
  const session = outcome.session;
  return {
    kind: 'answer',
    call: {
      answer: session.answer,
      start: () => session.start(),
      digit: (digit) => session.digit(digit),
      hangUp: () => session.hangUp(),
      ended: session.result.then(() => undefined),
    },
  };
}

export interface VoicemailRequest {
  offer: string;
  greeting: GreetingSource;
  maxMessageSeconds: number;
  /** What * during the greeting opens; null when the box has no owner. */
  ownerMenu: OwnerMenu | null;
}

export class MediaAgent {
  private readonly ports: PortPool;
  /** The one 20 ms clock of every stream the agent sends (conference mixers tick on it too). */
  readonly ticker = new Ticker();
  private readonly webrtc: WebRtcOptions;
  private readonly sessions = new Set<AgentSession>();
  private opening = 0;
  /** Softphone ↔ desk phone calls: their anchor points and bridges. */
  readonly anchors: Anchors;

  constructor(
    private readonly settings: MediaAgentSettings,
    private readonly addresses: MediaAddresses,
    readonly prompts: Prompts,
    private readonly logger: Logger,
  ) {
    // Plain RTP takes the lower half of the range, WebRTC's ICE the upper: werift finds a port by
    // trying one and binding it again later, and a plain-RTP socket taking it meanwhile would
    // leave a call without a candidate.
    const [low, high] = settings.rtpPorts;
    const middle = low + Math.floor((high - low) / 2);
    this.ports = new PortPool(low, middle);
    this.webrtc = {
      icePorts: [middle + 1, high],
      publicAddress: addresses.publicAddress,
      gathering: new Serial(),
    };
    this.anchors = new Anchors(
      { maxCalls: settings.maxAnchoredCalls, ...addresses },
      this.ports,
      this.webrtc,
      this.ticker,
      logger,
    );
  }

  get activeSessions(): number {
    return this.sessions.size;
  }

  /** A caller leaving a message: greeting, beep, recording. */
  answer(request: VoicemailRequest): Promise<AnswerOutcome<VoicemailSession>> {
    return this.open(request.offer, (endpoint) => this.messageOn(endpoint, request));
  }

  /** A message taken on a stream already open (a receptionist's caller going on to a box). */
  async messageOn(
    endpoint: MediaEndpoint,
    request: Omit<VoicemailRequest, 'offer'>,
  ): Promise<VoicemailSession> {
    const greeting = await this.prompts.greeting(request.greeting, endpoint.rate);
    return new VoicemailSession(
      endpoint,
      greeting,
      { maxMessageSeconds: request.maxMessageSeconds, silenceSeconds: this.settings.silenceSeconds },
      this.ticker,
      request.ownerMenu,
    );
  }

  /**
   * Answers the caller's offer with a stream of its own and runs the session `start` makes on
   * it. Every kind of session opens here, so the cap and the port range hold for all of them.
   */
  async open<S extends AgentSession>(
    sdpOffer: string,
    start: (endpoint: MediaEndpoint) => S | Promise<S>,
  ): Promise<AnswerOutcome<S>> {
    const reading = readOffer(sdpOffer);
    if (!reading.ok) return { ok: false, status: 488, reason: `Not Acceptable Here (${reading.reason})` };
    if (this.sessions.size + this.opening >= this.settings.maxSessions)
      return { ok: false, status: 503, reason: 'Service Unavailable (voicemail is full)' };
    this.opening++;
    let endpoint: MediaEndpoint | null = null;
    try {
      const offer = reading.offer;
      if (offer.kind === 'webrtc') {
        endpoint = await WebRtcEndpoint.open(offer.sdp, this.webrtc, this.ticker, this.logger).catch(
          () => null,
        );
        if (!endpoint)
          return { ok: false, status: 488, reason: 'Not Acceptable Here (WebRTC offer not answerable)' };
      } else {
        const socket = await this.ports.bind(this.addresses.bindHost);
        if (!socket) return { ok: false, status: 503, reason: 'Service Unavailable (no RTP port free)' };
        endpoint = new RtpEndpoint(socket, offer, this.addresses.publicAddress, this.ticker, this.logger);
      }
      const session = await start(endpoint);
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

  /** Ends every session as if its caller hung up (what was said so far is kept), and every bridge. */
  async close(): Promise<void> {
    const ending = [...this.sessions].map((session) => session.result);
    for (const session of this.sessions) session.hangUp();
    await Promise.all(ending);
    this.anchors.closeAll();
  }
}
