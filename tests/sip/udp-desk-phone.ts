// A desk phone over raw UDP for call tests that need to see every byte: it registers with a
// device's credentials, calls (answering the 407), is called (its test decides: ring, answer,
// refuse), and answers what comes in its calls as a phone does: re-INVITEs with an answer of the
// direction asked (remembering each offer), BYE, INFO, NOTIFY, CANCEL. Its media is an RtpPeer
// (G.711 tone, RFC 4733 keys) that always sends where the last description told it to.
import dgram from 'node:dgram';
import {
  parseMessage,
  serializeMessage,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../../server/sip/message';
import { SipHeaders } from '../../server/sip/headers';
import { buildResponse, newBranch, newTag, parseNameAddr } from '../../server/sip/fields';
import type { G711Law } from '../../server/media/g711';
import type { Direction } from '../../server/sip/calls/media-anchor';
import { RtpPeer } from '../support/media-peers';
import { DOMAIN, authorization } from './desk-phone';

export interface DeskDialog {
  callId: string;
  localTag: string;
  remoteTag: string;
  remoteTarget: string;
  local: string;
  remote: string;
  cseq: number;
  /** Each SDP the office sent in the call (its first offer or answer, then every re-offer). */
  descriptions: string[];
  /** Each INFO body received. */
  infos: string[];
  /** Each request received in the call (re-INVITE, INFO, NOTIFY, BYE…), with its headers. */
  requests: SipRequest[];
  ended: boolean;
}

const REVERSE: Record<Direction, Direction> = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

const directionOf = (sdp: string): Direction =>
  (/^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m.exec(sdp)?.[1] as Direction | undefined) ?? 'sendrecv';

export class DeskPhone {
  /** Every message received, in order. */
  readonly received: SipMessage[] = [];
  readonly dialogs = new Map<string, DeskDialog>();
  private readonly socket = dgram.createSocket('udp4');
  private readonly waiting = new Map<string, (response: SipResponse) => void>();
  private readonly answered = new Map<string, Buffer>();
  private readonly invites: SipRequest[] = [];
  /** Calls ringing and not answered, by Call-ID: a CANCEL ends them with 487. */
  private readonly ringing = new Map<string, SipRequest>();
  private inviteWaiter: ((invite: SipRequest) => void) | null = null;
  private version = 1;
  private direction: Direction = 'sendrecv';

  private constructor(
    private readonly sipPort: number,
    /** Where the office listens (loopback unless it was given another address). */
    private readonly officeHost: string,
    readonly extension: string,
    private readonly device: { sipUsername: string; sipPassword: string },
    readonly media: RtpPeer,
  ) {
    this.socket.on('message', (bytes) => this.receive(bytes));
  }

  /** A phone registered for `extension` with the device's credentials, its media speaking `laws`. */
  static async start(
    sipPort: number,
    extension: string,
    device: { sipUsername: string; sipPassword: string },
    law: G711Law = 'PCMU',
    officeHost = '127.0.0.1',
  ): Promise<DeskPhone> {
    const phone = new DeskPhone(sipPort, officeHost, extension, device, await RtpPeer.open(law));
    await new Promise<void>((resolve) => phone.socket.bind(0, '127.0.0.1', resolve));
    const uri = `sip:${DOMAIN}`;
    const register = (auth?: string) =>
      phone.transact(
        phone.request('REGISTER', uri, {
          from: `<sip:${extension}@${DOMAIN}>;tag=${newTag()}`,
          to: `<sip:${extension}@${DOMAIN}>`,
          callId: `register-${phone.port}`,
          cseq: ++phone.registrations,
          extra: [
            ['Contact', phone.contact],
            ['Expires', '600'],
            ...(auth ? [['Authorization', auth] as [string, string]] : []),
          ],
        }),
      );
    const challenge = await register();
    const header = challenge.headers.getAll('WWW-Authenticate')[0];
    const final = header
      ? await register(
          authorization(header, device.sipUsername, device.sipPassword, '00000001', 'REGISTER', uri),
        )
      : challenge;
    if (final.status !== 200) throw new Error(`desk phone ${extension} not registered: ${final.status}`);
    return phone;
  }

  private registrations = 0;
  private calls = 0;

  get port(): number {
    return this.socket.address().port;
  }

  /** The phone's own SDP: its laws, its direction now (holding or not), a new version each time. */
  description(laws: G711Law[] = [this.media.law]): string {
    return this.media.description(laws, this.direction, this.version++);
  }

  /** The next call that rings this phone. */
  nextInvite(timeoutMs = 5000): Promise<SipRequest> {
    const queued = this.invites.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`desk phone ${this.extension}: no call rang`)),
        timeoutMs,
      );
      this.inviteWaiter = (invite) => {
        clearTimeout(timer);
        resolve(invite);
      };
    });
  }

  /**
   * Rings (180), then answers with its SDP; its media sends where the office's offer says. An
   * INVITE without an offer gets the phone's SDP as the offer, answered in the ACK.
   */
  answer(invite: SipRequest, laws?: G711Law[]): DeskDialog {
    const localTag = newTag();
    this.reply(invite, 180, 'Ringing', { toTag: localTag });
    const offer = invite.body.toString();
    const dialog = this.dialogOf(invite, localTag);
    if (offer) {
      dialog.descriptions.push(offer);
      this.media.sendTo(offer);
    }
    const sdp = this.description(laws);
    this.reply(invite, 200, 'OK', {
      toTag: localTag,
      headers: [['Contact', this.contact]],
      body: Buffer.from(sdp),
      contentType: 'application/sdp',
    });
    return dialog;
  }

  /** Refuses a call that rings it (486 busy, 488 no common codec, 503…). */
  refuse(invite: SipRequest, status: number, reason: string): void {
    this.reply(invite, status, reason, { toTag: newTag() });
  }

  /** Rings only: the office cancels it (487) or another phone answers. */
  ring(invite: SipRequest): void {
    this.ringing.set(invite.headers.get('Call-ID')!, invite);
    this.reply(invite, 180, 'Ringing', { toTag: newTag() });
  }

  /** Calls `to` (407 answered with the device's credentials); resolves with the final response. */
  async dial(
    to: string,
    sdp?: string,
    headers: [string, string][] = [],
  ): Promise<{ response: SipResponse; dialog: DeskDialog | null }> {
    // A new call starts unheld, whatever the phone did in its last one.
    this.direction = 'sendrecv';
    const offer = sdp ?? this.description();
    // Unique however many calls start in one millisecond.
    const callId = `desk-${this.port}-${Date.now()}-${++this.calls}@127.0.0.1`;
    const localTag = newTag();
    const uri = `sip:${to}@${DOMAIN}`;
    let cseq = 1;
    const invite = (auth?: string) =>
      this.request('INVITE', uri, {
        from: `<sip:${this.extension}@${DOMAIN}>;tag=${localTag}`,
        to: `<${uri}>`,
        callId,
        cseq,
        extra: [
          ['Contact', this.contact],
          ...headers,
          ...(auth ? [['Proxy-Authorization', auth] as [string, string]] : []),
        ],
        body: offer,
      });
    let sent = invite();
    let response = await this.transact(sent);
    if (response.status === 407) {
      this.sendAck(sent, response);
      const header = response.headers.getAll('Proxy-Authenticate')[0]!;
      cseq++;
      sent = invite(
        authorization(header, this.device.sipUsername, this.device.sipPassword, '00000001', 'INVITE', uri),
      );
      response = await this.transact(sent);
    }
    if (response.status >= 300) {
      this.sendAck(sent, response);
      return { response, dialog: null };
    }
    const dialog: DeskDialog = {
      callId,
      localTag,
      remoteTag: parseNameAddr(response.headers.get('To')!).params.get('tag') ?? '',
      remoteTarget: parseNameAddr(response.headers.get('Contact')!).uri,
      local: `<sip:${this.extension}@${DOMAIN}>`,
      remote: `<${uri}>`,
      cseq,
      descriptions: [response.body.toString()],
      infos: [],
      requests: [],
      ended: false,
    };
    this.dialogs.set(callId, dialog);
    this.media.sendTo(response.body.toString());
    this.socket.send(
      serializeMessage(this.inDialog(dialog, 'ACK', dialog.cseq)),
      this.sipPort,
      this.officeHost,
    );
    return { response, dialog };
  }

  /** Holds (sendonly) or resumes (sendrecv) with a re-INVITE; the office's answer. */
  async hold(dialog: DeskDialog, held: boolean): Promise<SipResponse> {
    this.direction = held ? 'sendonly' : 'sendrecv';
    const cseq = ++dialog.cseq;
    const response = await this.transact(this.inDialog(dialog, 'INVITE', cseq, this.description()));
    if (response.status < 300) {
      dialog.descriptions.push(response.body.toString());
      this.socket.send(serializeMessage(this.inDialog(dialog, 'ACK', cseq)), this.sipPort, this.officeHost);
    }
    return response;
  }

  /**
   * Transfers the call's other side (REFER): to `target`, or, attended, to the other side of
   * `consultation` (Refer-To with Replaces naming that call). The REFER's status.
   */
  async refer(dialog: DeskDialog, target: string, consultation?: DeskDialog): Promise<number> {
    const replaces = consultation
      ? `?Replaces=${encodeURIComponent(
          `${consultation.callId};to-tag=${consultation.remoteTag};from-tag=${consultation.localTag}`,
        )}`
      : '';
    const request = this.inDialog(dialog, 'REFER', ++dialog.cseq);
    request.headers.append('Refer-To', `<sip:${target}@${DOMAIN}${replaces}>`);
    request.headers.append('Referred-By', `<sip:${this.extension}@${DOMAIN}>`);
    return (await this.transact(request)).status;
  }

  /** Sends a key as SIP INFO (application/dtmf-relay), as a phone without RFC 4733 does; the status. */
  async infoKey(dialog: DeskDialog, key: string): Promise<number> {
    const request = this.inDialog(dialog, 'INFO', ++dialog.cseq);
    request.headers.append('Content-Type', 'application/dtmf-relay');
    request.body = Buffer.from(`Signal=${key}\r\nDuration=160\r\n`);
    return (await this.transact(request)).status;
  }

  async bye(dialog: DeskDialog): Promise<number> {
    this.ended(dialog);
    return (await this.transact(this.inDialog(dialog, 'BYE', ++dialog.cseq))).status;
  }

  /** Resolves once the office hangs the call up (BYE). */
  async hungUp(dialog: DeskDialog, timeoutMs = 10_000): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      if (dialog.ended) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the office did not hang up');
  }

  /** After a failed test: the phone's calls end (BYE), and calls ringing it or not yet picked up are refused. */
  async endEveryCall(): Promise<void> {
    for (const invite of [...this.invites.splice(0), ...this.ringing.values()])
      this.refuse(invite, 480, 'Temporarily Unavailable');
    this.ringing.clear();
    // The office may have ended a call meanwhile: its BYE then gets no answer, which is no failure.
    for (const dialog of this.dialogs.values()) if (!dialog.ended) await this.bye(dialog).catch(() => 0);
  }

  close(): void {
    this.media.close();
    this.socket.close();
  }

  /** A call ended: the phone stops sending once no call of its is left. */
  private ended(dialog: DeskDialog): void {
    dialog.ended = true;
    if ([...this.dialogs.values()].every((d) => d.ended)) this.media.hangUp();
  }

  private get contact(): string {
    return `<sip:${this.extension}@127.0.0.1:${this.port}>`;
  }

  private dialogOf(invite: SipRequest, localTag: string): DeskDialog {
    const callId = invite.headers.get('Call-ID')!;
    const from = parseNameAddr(invite.headers.get('From')!);
    const dialog: DeskDialog = {
      callId,
      localTag,
      remoteTag: from.params.get('tag') ?? '',
      remoteTarget: parseNameAddr(invite.headers.get('Contact')!).uri,
      local: invite.headers.get('To')!,
      remote: `<${from.uri}>`,
      cseq: 0,
      descriptions: [],
      infos: [],
      requests: [],
      ended: false,
    };
    this.dialogs.set(callId, dialog);
    return dialog;
  }

  private receive(bytes: Buffer): void {
    let message: SipMessage;
    try {
      message = parseMessage(bytes);
    } catch {
      return;
    }
    this.received.push(message);
    if (message.kind === 'response') {
      const branch = /branch=([^;,\s]+)/.exec(message.headers.get('Via') ?? '')?.[1] ?? '';
      if (message.status >= 100) this.waiting.get(branch)?.(message);
      return;
    }
    const key = `${/branch=([^;,\s]+)/.exec(message.headers.get('Via') ?? '')?.[1]}|${message.method}`;
    const repeated = this.answered.get(key);
    if (repeated) return void this.socket.send(repeated, this.sipPort, this.officeHost);
    this.handle(message, key);
  }

  private handle(request: SipRequest, key: string): void {
    const dialog = this.dialogs.get(request.headers.get('Call-ID') ?? '');
    const toTag = parseNameAddr(request.headers.get('To')!).params.get('tag');
    if (request.method === 'ACK') {
      // The answer to the offer this phone made in its 2xx (the office's INVITE had none).
      const answer = request.body.toString();
      if (answer && dialog) {
        dialog.descriptions.push(answer);
        this.media.sendTo(answer);
      }
      return;
    }
    if (request.method === 'INVITE' && !toTag) {
      this.reply(request, 100, 'Trying', {}, key);
      if (this.inviteWaiter) {
        const resolve = this.inviteWaiter;
        this.inviteWaiter = null;
        resolve(request);
      } else this.invites.push(request);
      return;
    }
    if (request.method === 'CANCEL') {
      this.reply(request, 200, 'OK', {}, key);
      const invite = this.ringing.get(request.headers.get('Call-ID') ?? '');
      if (invite) this.reply(invite, 487, 'Request Terminated', { toTag: newTag() });
      return;
    }
    dialog?.requests.push(request);
    if (request.method === 'INVITE' && dialog) {
      // A re-offer: the answer goes the way it asks (recvonly to a sendonly offer), to where it says.
      const offer = request.body.toString();
      dialog.descriptions.push(offer);
      if (offer) this.media.sendTo(offer);
      const asked = REVERSE[directionOf(offer)];
      const direction = this.direction === 'sendrecv' ? asked : this.direction;
      const sdp = this.media.description([this.media.law], direction, this.version++);
      return this.reply(
        request,
        200,
        'OK',
        { headers: [['Contact', this.contact]], body: Buffer.from(sdp), contentType: 'application/sdp' },
        key,
      );
    }
    if (request.method === 'INFO') dialog?.infos.push(request.body.toString());
    if (request.method === 'BYE' && dialog) this.ended(dialog);
    this.reply(
      request,
      dialog || request.method === 'OPTIONS' ? 200 : 481,
      dialog ? 'OK' : 'No Dialog',
      {},
      key,
    );
  }

  private reply(
    request: SipRequest,
    status: number,
    reason: string,
    options: Parameters<typeof buildResponse>[3] = {},
    key?: string,
  ): void {
    const bytes = serializeMessage(buildResponse(request, status, reason, options));
    const branch = /branch=([^;,\s]+)/.exec(request.headers.get('Via') ?? '')?.[1];
    if (status >= 200) this.answered.set(key ?? `${branch}|${request.method}`, bytes);
    this.socket.send(bytes, this.sipPort, this.officeHost);
  }

  private request(
    method: string,
    uri: string,
    fields: {
      from: string;
      to: string;
      callId: string;
      cseq: number;
      extra?: [string, string][];
      body?: string;
    },
  ): SipRequest {
    const headers = new SipHeaders();
    headers.append('Via', `SIP/2.0/UDP 127.0.0.1:${this.port};branch=${newBranch()};rport`);
    headers.append('Max-Forwards', '70');
    headers.append('From', fields.from);
    headers.append('To', fields.to);
    headers.append('Call-ID', fields.callId);
    headers.append('CSeq', `${fields.cseq} ${method}`);
    for (const [name, value] of fields.extra ?? []) headers.append(name, value);
    if (fields.body) headers.append('Content-Type', 'application/sdp');
    return { kind: 'request', method, uri, headers, body: Buffer.from(fields.body ?? '') };
  }

  private inDialog(dialog: DeskDialog, method: string, cseq: number, body?: string): SipRequest {
    return this.request(method, dialog.remoteTarget, {
      from: `${dialog.local};tag=${dialog.localTag}`,
      to: `${dialog.remote};tag=${dialog.remoteTag}`,
      callId: dialog.callId,
      cseq,
      extra: method === 'INVITE' ? [['Contact', this.contact]] : [],
      body,
    });
  }

  /** The ACK of a non-2xx final response: same branch as the INVITE (RFC 3261 §17.1.1.3). */
  private sendAck(invite: SipRequest, response: SipResponse): void {
    const headers = new SipHeaders();
    headers.append('Via', invite.headers.get('Via')!);
    for (const name of ['Max-Forwards', 'From', 'Call-ID']) headers.append(name, invite.headers.get(name)!);
    headers.append('To', response.headers.get('To')!);
    headers.append('CSeq', `${/^\d+/.exec(invite.headers.get('CSeq')!)![0]} ACK`);
    this.socket.send(
      serializeMessage({ kind: 'request', method: 'ACK', uri: invite.uri, headers, body: Buffer.alloc(0) }),
      this.sipPort,
      this.officeHost,
    );
  }

  /**
   * Sends a request and waits for its final response, sending it again on RFC 3261's timers
   * (500 ms doubling) until any response comes: UDP may lose either.
   */
  private transact(request: SipRequest): Promise<SipResponse> {
    const branch = /branch=([^;,\s]+)/.exec(request.headers.get('Via')!)![1]!;
    const bytes = serializeMessage(request);
    return new Promise((resolve, reject) => {
      let interval = 500;
      let heard = false;
      let timer = setTimeout(function again(this: void) {
        if (heard) return;
        send();
        interval = Math.min(interval * 2, 4000);
        timer = setTimeout(again, interval);
      }, interval);
      const deadline = setTimeout(() => {
        clearTimeout(timer);
        this.waiting.delete(branch);
        reject(new Error(`no final response to ${request.method}`));
      }, 32_000);
      const send = () => this.socket.send(bytes, this.sipPort, this.officeHost);
      this.waiting.set(branch, (response) => {
        heard = true;
        if (response.status < 200) return;
        clearTimeout(timer);
        clearTimeout(deadline);
        this.waiting.delete(branch);
        resolve(response);
      });
      send();
    });
  }
}
