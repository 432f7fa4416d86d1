// A sip.js softphone in Node for call tests: registers over WebSocket with a device's
// credentials and describes its "media" with plain SDP (no WebRTC in Node), so tests can see
// exactly which description each side received through the server.
import WebSocket from 'ws';
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Session,
  type SessionDescriptionHandler,
  type SessionDescriptionHandlerOptions,
} from 'sip.js';

import type { TestOffice } from '../support/office';

(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

export interface PhoneCredentials {
  sipUri: string;
  authorizationUsername: string;
  password: string;
  websocketServer: string;
}

/** What describes a phone's media: plain SDP by default, or a real browser's WebRTC. */
export type MediaFactory = (phone: TestPhone, session: Session) => SessionDescriptionHandler;

/** SDP naming its phone and saying whether it holds; remembers every description it was given. */
class PlainSdpHandler implements SessionDescriptionHandler {
  private version = 0;
  constructor(
    private readonly phone: TestPhone,
    private readonly session: Session,
  ) {}

  close(): void {}

  getDescription(options?: SessionDescriptionHandlerOptions & { hold?: boolean }) {
    this.version++;
    const direction = options?.hold ? 'sendonly' : 'sendrecv';
    const body = [
      'v=0',
      `o=${this.phone.name} 1 ${this.version} IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 40000 RTP/AVP 0',
      `a=${direction}`,
      '',
    ].join('\r\n');
    return Promise.resolve({ body, contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    this.phone.received.push({ session: this.session, sdp });
    return Promise.resolve();
  }

  sendDtmf(): boolean {
    return false;
  }
}

export class TestPhone {
  readonly received: { session: Session; sdp: string }[] = [];
  private readonly invitations: Invitation[] = [];
  private waiting: ((invitation: Invitation) => void) | null = null;
  readonly agent: UserAgent;
  private readonly registerer: Registerer;

  private constructor(
    readonly name: string,
    credentials: PhoneCredentials,
    media: MediaFactory,
  ) {
    this.agent = new UserAgent({
      uri: UserAgent.makeURI(credentials.sipUri),
      authorizationUsername: credentials.authorizationUsername,
      authorizationPassword: credentials.password,
      transportOptions: { server: credentials.websocketServer },
      logLevel: 'error',
      sessionDescriptionHandlerFactory: (session) => media(this, session),
      delegate: {
        onInvite: (invitation) => {
          if (this.waiting) {
            const resolve = this.waiting;
            this.waiting = null;
            resolve(invitation);
          } else this.invitations.push(invitation);
        },
      },
    });
    this.registerer = new Registerer(this.agent, { expires: 300 });
  }

  static async start(
    name: string,
    credentials: PhoneCredentials,
    media: MediaFactory = (phone, session) => new PlainSdpHandler(phone, session),
  ): Promise<TestPhone> {
    const phone = new TestPhone(name, credentials, media);
    await phone.agent.start();
    const registered = new Promise<void>((resolve) =>
      phone.registerer.stateChange.addListener((state) => state === RegistererState.Registered && resolve()),
    );
    await phone.registerer.register();
    await registered;
    return phone;
  }

  /** The app's softphone of a signed-in user, with the credentials /me/softphone gives it. */
  static async ofUser(
    office: TestOffice,
    token: string,
    name: string,
    server = 0,
    media?: MediaFactory,
  ): Promise<TestPhone> {
    const config = (await office.request('GET', '/me/softphone', { token })).body;
    return TestPhone.start(
      name,
      {
        sipUri: config.sipUri,
        authorizationUsername: config.authorizationUsername,
        password: config.password,
        websocketServer: config.websocketServers[server],
      },
      media,
    );
  }

  /** The next call that rings this phone. */
  nextInvitation(timeoutMs = 5000): Promise<Invitation> {
    const queued = this.invitations.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no call rang`)), timeoutMs);
      this.waiting = (invitation) => {
        clearTimeout(timer);
        resolve(invitation);
      };
    });
  }

  /** Dials a number (with extra headers, if any); resolves with the session and the final status the server answered. */
  dial(target: string, extraHeaders: string[] = []): { session: Inviter; final: Promise<number> } {
    const session = new Inviter(this.agent, UserAgent.makeURI(target)!, { extraHeaders });
    const final = new Promise<number>((resolve) => {
      void session.invite({
        requestDelegate: {
          onAccept: (response) => resolve(response.message.statusCode ?? 0),
          onReject: (response) => resolve(response.message.statusCode ?? 0),
        },
      });
    });
    return { session, final };
  }

  lastSdpFor(session: Session): string | undefined {
    return this.received.filter((r) => r.session === session).at(-1)?.sdp;
  }

  /** After a failed test: the phone's sessions end, and calls ringing it or not yet picked up are declined. */
  async endEveryCall(): Promise<void> {
    this.invitations.splice(0);
    const ignore = () => undefined; // the office may have ended it meanwhile
    for (const session of Object.values(this.agent._sessions)) {
      if (session.state === SessionState.Established) await session.bye().catch(ignore);
      else if (session instanceof Inviter) await session.cancel().catch(ignore);
      else if (session instanceof Invitation) await session.reject().catch(ignore);
    }
  }

  async stop(): Promise<void> {
    await this.agent.stop();
  }
}

/** A key pressed on the app's softphone: a SIP INFO with dtmf-relay, as the app sends it. */
export const pressKey = (session: Session, key: string) =>
  session.info({
    requestOptions: {
      body: {
        contentDisposition: 'render',
        contentType: 'application/dtmf-relay',
        content: `Signal=${key}\r\nDuration=160\r\n`,
      },
    },
  });

/** Resolves when the session reaches the state. */
export function reaches(session: Session, state: SessionState, timeoutMs = 5000): Promise<void> {
  if (session.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`session stayed ${session.state}, wanted ${state}`)),
      timeoutMs,
    );
    session.stateChange.addListener((now) => {
      if (now === state) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

export { SessionState };
