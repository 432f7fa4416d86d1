// The softphone's calls over one sip.js UserAgent: dial, answer, decline, hang up, hold and
// resume (re-INVITE sendonly), mute, DTMF (SIP INFO), blind and attended transfer (REFER, with
// Replaces for attended) and call waiting. Every change is told as the contract's Call.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  Grammar,
  Invitation,
  Inviter,
  SessionState,
  UserAgent,
  type Info,
  type Core,
  type NameAddrHeader,
  type Notification,
  type Session,
  type URI,
} from 'sip.js';
import type { Static } from 'typebox';
import type { Call as CallSchema } from '../../common/ipc/domains/calls';
import type { Logger } from '../logger';
import { IpcFailure } from '../ipc/failure';
import type { CallMedia, CallMediaOptions } from './call-media';
import { callFailure } from './call-failure';
import { holdsUs } from './remote-hold';

export type Call = Static<typeof CallSchema>;
type Transfer = NonNullable<Call['transfer']>;

interface Entry {
  call: Call;
  session: Session;
  /** Settles once the dialog is confirmed (an answered incoming call's ACK came). */
  confirmed: Promise<void>;
}

/** How long an answered call may wait for its ACK before other requests go anyway. */
const ACK_WAIT_MS = 4000;
/** A re-INVITE crossing another one (491) or an ACK still on its way (500) is tried again. */
const REINVITE_ATTEMPTS = 3;
const REINVITE_RETRY_MS = 250;

/** A request's final answer as a promise: 2xx resolves, anything else rejects with its status. */
class Refused extends IpcFailure {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('conflict', message);
  }
}

function answered(
  send: (delegate: Core.OutgoingRequestDelegate) => Promise<unknown>,
  what: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const refuse = (status: number, reason: string) =>
      reject(new Refused(status, `The ${what} was refused: ${status} ${reason}`));
    send({
      onAccept: () => resolve(),
      onReject: (response) => refuse(response.message.statusCode ?? 0, response.message.reasonPhrase ?? ''),
    }).catch((error: unknown) =>
      reject(new IpcFailure('conflict', `The ${what} could not be sent: ${String(error)}`)),
    );
  });
}

const DTMF_SIGNAL = /^Signal\s*=\s*([0-9*#A-Da-d])\s*$/m;
/** `Reason: SIP;cause=480;text="…"` (RFC 3326) explains a BYE in the other side's log. */
const reasonHeader = (text: string) => `Reason: SIP;cause=480;text="${text.replace(/["\\\r\n]/g, '')}"`;

/** The other party of a call as the screen shows it, from a name-addr (bounded: it came over the network). */
function remoteParty(nameAddr: NameAddrHeader): Pick<Call, 'remoteNumber' | 'remoteName'> {
  return {
    remoteNumber: (nameAddr.uri.user ?? nameAddr.uri.host).slice(0, 128),
    remoteName: nameAddr.displayName ? nameAddr.displayName.slice(0, 120) : null,
  };
}

export class Calls extends EventEmitter<{
  incoming: [Call];
  changed: [Call];
  dtmf: [{ callId: string; tone: string }];
}> {
  private readonly entries = new Map<string, Entry>();
  private readonly ids = new WeakMap<Session, string>();

  constructor(
    private readonly agent: UserAgent,
    private readonly media: CallMedia,
    /** The office's SIP domain, for a dialled extension (`101` → `sip:101@domain`). */
    private readonly domain: string,
    private readonly logger: Logger,
  ) {
    super();
  }

  list(): Call[] {
    return [...this.entries.values()].map((entry) => entry.call);
  }

  /** The id a session is known by; sip.js asks for it when it makes the session's media. */
  idOf(session: Session): string {
    let id = this.ids.get(session);
    if (!id) {
      id = randomUUID();
      this.ids.set(session, id);
    }
    return id;
  }

  dial(target: string): Call {
    const uri = this.uriOf(target);
    const inviter = new Inviter(this.agent, uri);
    const entry = this.track(inviter, 'outgoing', 'dialing');
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            this.identify(entry, response.message);
            if (response.message.statusCode === 180 || response.message.statusCode === 183)
              this.update(entry, { state: 'ringing' });
          },
          onAccept: (response) => this.identify(entry, response.message),
          // 487 answers this phone's own CANCEL: nothing failed.
          onReject: ({ message }) => {
            if (message.statusCode !== 487)
              entry.call.failure = callFailure(message.statusCode ?? 0, message.getHeader('Reason'));
          },
        },
      })
      .catch((error: unknown) => {
        this.logger.warn({ callId: entry.call.id, err: String(error) }, 'The call could not be placed');
        entry.call.failure = 'network';
        this.end(entry);
      });
    return entry.call;
  }

  /** A call for this phone: it rings (also while another call goes on: call waiting). */
  ring(invitation: Invitation): void {
    if (!this.media.available) {
      this.logger.warn({}, 'A call came in while no page of the app can do its audio; refused');
      void invitation.reject({ statusCode: 480, reasonPhrase: 'No Audio Device' });
      return;
    }
    // sip.js has already said 180 Ringing (its UserAgent sends one for every INVITE it takes):
    // saying it again made the caller hear two.
    const entry = this.track(invitation, 'incoming', 'ringing');
    const referredBy = invitation.request.getHeader('Referred-By');
    const transferrer = referredBy ? Grammar.nameAddrHeaderParse(referredBy) : undefined;
    if (transferrer) {
      const { remoteNumber: number, remoteName: name } = remoteParty(transferrer);
      entry.call.transferredBy = { number, name };
    }
    this.emit('incoming', entry.call);
  }

  /** Answers a ringing call; the call going on (if any) is put on hold first. */
  async answer(callId: string): Promise<void> {
    const entry = this.find(callId);
    const invitation = entry.session;
    if (!(invitation instanceof Invitation) || entry.call.state !== 'ringing')
      throw new IpcFailure('conflict', 'Only a ringing incoming call can be answered');
    for (const other of this.entries.values())
      if (other !== entry && other.call.state === 'active') await this.hold(other.call.id);
    await invitation.accept();
  }

  async decline(callId: string): Promise<void> {
    const entry = this.find(callId);
    if (!(entry.session instanceof Invitation) || entry.call.state !== 'ringing')
      throw new IpcFailure('conflict', 'Only a ringing incoming call can be declined');
    await entry.session.reject({ statusCode: 603, reasonPhrase: 'Decline' });
  }

  async hangUp(callId: string, reason?: string): Promise<void> {
    const { session } = this.find(callId);
    const extraHeaders = reason ? [reasonHeader(reason)] : [];
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) await session.cancel({ extraHeaders });
        else await (session as Invitation).reject({ statusCode: 480, extraHeaders });
        return;
      case SessionState.Established:
        await session.bye({ requestOptions: { extraHeaders } });
        return;
      default:
        return;
    }
  }

  hold(callId: string): Promise<void> {
    return this.reinvite(callId, { hold: true });
  }

  resume(callId: string): Promise<void> {
    return this.reinvite(callId, { hold: false });
  }

  /**
   * After a network change the media's old paths may be dead: every connected call offers new
   * ICE credentials (a re-INVITE) so both sides gather and check candidates afresh.
   */
  async restartIce(): Promise<void> {
    const connected = [...this.entries.values()].filter(
      (entry) => entry.session.state === SessionState.Established,
    );
    await Promise.all(
      connected.map((entry) =>
        this.reinvite(entry.call.id, { hold: entry.call.state === 'held', iceRestart: true }).catch(
          (error: unknown) =>
            this.logger.warn(
              { callId: entry.call.id, err: String(error) },
              'The call’s media could not restart',
            ),
        ),
      ),
    );
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    const entry = this.find(callId);
    await this.media.mute(callId, muted);
    this.update(entry, { muted });
  }

  async sendDtmf(callId: string, tones: string): Promise<void> {
    const { session } = await this.established(callId);
    for (const tone of tones.toUpperCase()) {
      await answered(
        (requestDelegate) =>
          session.info({
            requestDelegate,
            requestOptions: {
              body: {
                contentDisposition: 'render',
                contentType: 'application/dtmf-relay',
                content: `Signal=${tone}\r\nDuration=160\r\n`,
              },
            },
          }),
        'key press',
      );
    }
  }

  /** Blind transfer: the other side is put through to `target`; this phone leaves once it rings. */
  transfer(callId: string, target: string): Promise<void> {
    return this.refer(callId, this.uriOf(target), { number: target, name: null });
  }

  /** Attended transfer: the held call's other side replaces this phone in the consultation call. */
  async completeTransfer(callId: string, consultationCallId: string): Promise<void> {
    if (callId === consultationCallId)
      throw new IpcFailure(
        'invalid_request',
        'A call cannot be transferred to itself',
        'request.consultationCallId',
      );
    const consultation = await this.established(consultationCallId);
    const { remoteNumber: number, remoteName: name } = consultation.call;
    return this.refer(callId, consultation.session, { number, name });
  }

  /** Ends every call, telling the other sides why (the reason also goes to this side's log). */
  async endAll(reason: string): Promise<void> {
    if (this.entries.size > 0) this.logger.warn({ reason, calls: this.entries.size }, 'Ending every call');
    await Promise.all(this.list().map((call) => this.hangUp(call.id, reason).catch(() => undefined)));
  }

  private async refer(
    callId: string,
    to: URI | Session,
    target: { number: string; name: string | null },
  ): Promise<void> {
    const entry = await this.established(callId);
    const transfer = (state: Transfer['state'], failure: Transfer['failure'] = null) =>
      this.update(entry, {
        transfer: { by: 'this-phone', target: target.number, targetName: target.name, state, failure },
      });
    transfer('trying');
    try {
      await answered(
        (requestDelegate) =>
          entry.session.refer(to, {
            requestDelegate,
            onNotify: (notification) => this.transferProgress(entry, notification),
          }),
        'transfer',
      );
    } catch (error) {
      transfer('failed', error instanceof Refused ? callFailure(error.status) : 'network');
      throw error;
    }
  }

  /**
   * NOTIFY sipfrag of a transfer under way: a final 2xx means the transfer took, so leave; a
   * refusal keeps the call (held) and says why.
   */
  private transferProgress(entry: Entry, notification: Notification): void {
    void notification.accept();
    const status = Number(/^SIP\/2\.0 (\d{3})/.exec(notification.request.body)?.[1] ?? 0);
    const transfer = entry.call.transfer;
    if (status < 200 || !transfer) return;
    if (status < 300) {
      this.update(entry, { transfer: { ...transfer, state: 'done' } });
      entry.session.bye().catch(() => undefined);
    } else {
      this.update(entry, { transfer: { ...transfer, state: 'failed', failure: callFailure(status) } });
      this.logger.warn({ callId: entry.call.id, status }, 'The transfer failed; the call stays held');
    }
  }

  private async reinvite(
    callId: string,
    { hold, iceRestart = false }: { hold: boolean; iceRestart?: boolean },
  ) {
    const entry = await this.established(callId);
    const options: CallMediaOptions = { hold, iceRestart };
    // Hold is kept for any later re-INVITE of this call too (a session refresh must not resume it).
    const kept: CallMediaOptions = { hold };
    entry.session.sessionDescriptionHandlerOptionsReInvite = kept;
    for (let attempt = 1; ; attempt++) {
      try {
        await answered(
          (requestDelegate) =>
            entry.session.invite({ requestDelegate, sessionDescriptionHandlerOptions: options }),
          iceRestart ? 'media restart' : hold ? 'hold' : 'resume',
        );
        break;
      } catch (error) {
        const crossed = error instanceof Refused && (error.status === 491 || error.status === 500);
        if (!crossed || attempt === REINVITE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, REINVITE_RETRY_MS * attempt));
      }
    }
    if (this.entries.has(callId)) this.update(entry, { state: hold ? 'held' : 'active' });
  }

  private track(session: Session, direction: Call['direction'], state: Call['state']): Entry {
    let confirm!: () => void;
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    const entry: Entry = {
      session,
      confirmed,
      call: {
        id: this.idOf(session),
        direction,
        ...remoteParty(session.remoteIdentity),
        state,
        muted: false,
        remoteHold: false,
        failure: null,
        transfer: null,
        transferredBy: null,
        startedAt: new Date().toISOString(),
      },
    };
    this.entries.set(entry.call.id, entry);
    session.stateChange.addListener((now) => {
      if (now === SessionState.Established) {
        if (session instanceof Inviter) confirm();
        else setTimeout(confirm, ACK_WAIT_MS).unref();
        if (entry.call.state !== 'held') this.update(entry, { state: 'active' });
      }
      if (now === SessionState.Terminated) {
        confirm();
        // A refused INVITE ends the session before its answer reaches the dial's onReject, which
        // says why: the call is told ended once that has run.
        if (session instanceof Inviter) queueMicrotask(() => this.end(entry));
        else this.end(entry);
      }
    });
    session.delegate = {
      onAck: () => confirm(),
      // The other side's re-INVITE: on hold or back, or (after a transfer) whom the call now reaches.
      onInvite: (request) => this.reinvited(entry, request),
      onInfo: (info) => this.infoReceived(entry, info),
      onBye: (bye) => {
        const reason = bye.request.getHeader('Reason');
        if (reason)
          this.logger.warn({ callId: entry.call.id, reason }, 'The other side ended the call, saying why');
        void bye.accept();
      },
    };
    this.emit('changed', entry.call);
    return entry;
  }

  /**
   * The office's P-Asserted-Identity on a response or re-INVITE: who answered, or whom a transfer
   * reached. Answers whether it changed.
   */
  private identify(entry: Entry, message: Core.IncomingMessage): boolean {
    const header = message.getHeader('P-Asserted-Identity');
    const asserted = header ? Grammar.nameAddrHeaderParse(header) : undefined;
    if (!asserted) return false;
    const party = remoteParty(asserted);
    if (party.remoteNumber === entry.call.remoteNumber && party.remoteName === entry.call.remoteName)
      return false;
    this.update(entry, party);
    return true;
  }

  private reinvited(entry: Entry, request: Core.IncomingRequestMessage): void {
    if (this.identify(entry, request)) {
      const { remoteNumber: target, remoteName: targetName } = entry.call;
      this.update(entry, {
        transfer: { by: 'other-side', target, targetName, state: 'done', failure: null },
      });
    }
    const remoteHold = holdsUs(request.body);
    if (remoteHold !== null && remoteHold !== entry.call.remoteHold) this.update(entry, { remoteHold });
  }

  private infoReceived(entry: Entry, info: Info): void {
    const tone = DTMF_SIGNAL.exec(info.request.body)?.[1];
    if (info.request.getHeader('Content-Type')?.startsWith('application/dtmf-relay') && tone) {
      void info.accept();
      this.emit('dtmf', { callId: entry.call.id, tone: tone.toUpperCase() });
    } else void info.reject({ statusCode: 415 });
  }

  private end(entry: Entry): void {
    if (!this.entries.delete(entry.call.id)) return;
    this.update(entry, { state: 'ended' });
  }

  private update(entry: Entry, change: Partial<Call>): void {
    entry.call = { ...entry.call, ...change };
    this.emit('changed', entry.call);
  }

  private find(callId: string): Entry {
    const entry = this.entries.get(callId);
    if (!entry) throw new IpcFailure('not_found', 'No such call', 'request.callId');
    return entry;
  }

  /** The call, once it is connected and its dialog confirmed: only then may requests go in it. */
  private async established(callId: string): Promise<Entry> {
    const entry = this.find(callId);
    if (entry.session.state !== SessionState.Established)
      throw new IpcFailure('conflict', 'The call is not connected yet (or any more)');
    await entry.confirmed;
    return entry;
  }

  private uriOf(target: string): URI {
    const address = target.startsWith('sip:')
      ? target
      : `sip:${target.includes('@') ? target : `${target}@${this.domain}`}`;
    const uri = UserAgent.makeURI(address);
    if (!uri)
      throw new IpcFailure('invalid_request', `${target} is not a number or SIP address`, 'request.target');
    return uri;
  }
}
