// An outside phone calling in: a UDP socket (on a carrier's border controller's address, or
// behind the carrier's proxy) that sends an INVITE with a G.711 offer of its RtpPeer to `entry`
// (the office, or the carrier), ACKs the answer and hangs up, in-dialog to the office's Contact
// through the route set the answer gave (RFC 3261 §12.1.2: through a carrier's proxy that
// record-routes). What the office answers, and where in-dialog requests went, is kept for the test.
import dgram from 'node:dgram';
import {
  cseqOf,
  parseMessage,
  serializeMessage,
  type SipRequest,
  type SipResponse,
} from '../../../server/sip/message';
import { SipHeaders } from '../../../server/sip/headers';
import { buildResponse, newBranch, newTag, parseNameAddr, parseSipUri } from '../../../server/sip/fields';
import { RtpPeer } from '../media-peers';
import { withoutKeypadEvents } from '../../../server/sip/trunks/trunk-codecs';

/** The phone's description as an answer to `offer`: telephone-event only where offered (RFC 3264 §6). */
export const answerTo = (offer: string, description: string): string =>
  !offer || offer.includes('telephone-event')
    ? description
    : (withoutKeypadEvents(description) ?? description);

export interface InboundCall {
  callId: string;
  /** The final answer to the INVITE. */
  final: Promise<SipResponse>;
  /** Every response to the INVITE, in order. */
  responses: SipResponse[];
}

export interface CallIn {
  /** The Request-URI's user part: the number called as the carrier writes it. */
  uriUser: string;
  /** The To header's user part (the Request-URI's when not given). */
  toUser?: string;
  /** The caller's number in From. */
  from: string;
  headers?: [string, string][];
  maxForwards?: number;
}

export class OutsideCaller {
  private readonly socket = dgram.createSocket('udp4');
  private readonly waiting = new Map<string, { call: InboundCall; settle: (r: SipResponse) => void }>();
  private readonly sent = new Map<string, SipRequest>();
  /** Requests the office sent the carrier (BYE and the like), answered 200. */
  readonly requests: SipRequest[] = [];
  /** Each answered call's route set: the 2xx's Record-Route, reversed, by Call-ID. */
  private readonly routeSets = new Map<string, string[]>();
  /** The in-dialog requests this phone sent, and the port each went to (the proxy's, or the office's). */
  readonly inDialog: { method: string; port: number; routes: string[] }[] = [];
  /** The office's answers to this phone's INFO keys. */
  readonly answers: SipResponse[] = [];
  /** The last CSeq used in each call's dialog (the INVITE's is 1). */
  private readonly cseqs = new Map<string, number>();
  /** Re-INVITEs of this phone's awaiting their final answer, by Call-ID and CSeq. */
  private readonly reoffering = new Map<string, (response: SipResponse) => void>();

  private constructor(
    /** Where calls are sent: the office's SIP port, or the carrier's. */
    private readonly entry: number,
    readonly media: RtpPeer,
  ) {
    this.socket.on('message', (bytes) => this.receive(bytes));
  }

  static async start(entry: number, address: string): Promise<OutsideCaller> {
    const caller = new OutsideCaller(entry, await RtpPeer.open('PCMU'));
    await new Promise<void>((resolve) => caller.socket.bind(0, address, resolve));
    return caller;
  }

  get address(): string {
    return this.socket.address().address;
  }

  get port(): number {
    return this.socket.address().port;
  }

  private receive(bytes: Buffer): void {
    const message = parseMessage(bytes);
    if (message.kind === 'request') {
      this.requests.push(message);
      if (message.method === 'INVITE') return this.answerReoffer(message);
      if (message.method !== 'ACK') this.reply(buildResponse(message, 200, 'OK'));
      return;
    }
    const cseq = message.headers.get('CSeq') ?? '';
    if (/INFO/.test(cseq)) return void this.answers.push(message);
    const reoffer = this.reoffering.get(`${message.headers.get('Call-ID')} ${cseq}`);
    if (reoffer) return message.status >= 200 ? reoffer(message) : undefined;
    const entry = this.waiting.get(message.headers.get('Call-ID')!);
    if (!entry || !/INVITE/.test(message.headers.get('CSeq') ?? '')) return;
    entry.call.responses.push(message);
    if (message.status < 200) return;
    this.ack(message);
    entry.settle(message);
  }

  /**
   * A re-INVITE (the office moving the call's media, as when the receptionist puts it through):
   * the media follows the new offer and the answer is this phone's description, as a carrier's
   * phone does (RFC 3264 §8); a 200 without one would be the test's fault, not the office's.
   */
  private answerReoffer(reinvite: SipRequest): void {
    const offer = reinvite.body.toString();
    if (offer) this.media.sendTo(offer);
    this.reply(
      buildResponse(reinvite, 200, 'OK', {
        headers: [['Contact', `<sip:outside@${this.address}:${this.port}>`]],
        body: Buffer.from(answerTo(offer, this.media.description())),
        contentType: 'application/sdp',
      }),
    );
  }

  /**
   * A request of the INVITE's transaction to the entry; one in the dialog to the first hop of
   * its route set (loose routing, RFC 3261 §12.2.1.1), or to the office's Contact without one.
   */
  private send(request: SipRequest, toEntry = false): void {
    if (toEntry) return void this.socket.send(serializeMessage(request), this.entry, '127.0.0.1');
    const routes = this.routeSets.get(request.headers.get('Call-ID')!) ?? [];
    for (const route of routes) request.headers.append('Route', route);
    const hop = parseSipUri(routes.length > 0 ? parseNameAddr(routes[0]!).uri : request.uri);
    const port = hop.port ?? 5060;
    this.inDialog.push({ method: request.method, port, routes });
    this.socket.send(serializeMessage(request), port, hop.host);
  }

  /** An answer to where the request's top Via says. */
  private reply(response: SipResponse): void {
    const via = /^SIP\/2\.0\/UDP ([^:;\s]+):(\d+)/i.exec(response.headers.get('Via') ?? '');
    if (via) this.socket.send(serializeMessage(response), Number(via[2]), via[1]);
  }

  /** Calls in: the INVITE goes to the office as the carrier would relay it. */
  call({ uriUser, toUser = uriUser, from, headers = [], maxForwards = 70 }: CallIn): InboundCall {
    const callId = `${newTag()}@${this.address}`;
    const sdp = this.media.description();
    const invite = this.request('INVITE', `sip:${uriUser}@127.0.0.1`, callId, 1, [
      ['From', `<sip:${from}@${this.address}>;tag=${newTag()}`],
      ['To', `<sip:${toUser}@127.0.0.1>`],
      ['Contact', `<sip:${from}@${this.address}:${this.port}>`],
      ['Content-Type', 'application/sdp'],
      ...headers,
    ]);
    invite.body = Buffer.from(sdp);
    invite.headers.set('Max-Forwards', String(maxForwards));
    this.sent.set(callId, invite);
    let settle!: (response: SipResponse) => void;
    const call: InboundCall = { callId, responses: [], final: new Promise((resolve) => (settle = resolve)) };
    this.waiting.set(callId, { call, settle });
    this.send(invite, true);
    return call;
  }

  /** Gives up on a call still ringing (CANCEL, RFC 3261 §9.1): the office answers the INVITE 487. */
  cancel(call: InboundCall): void {
    const invite = this.sent.get(call.callId)!;
    const cancel = this.request('CANCEL', invite.uri, call.callId, 1, [
      ['From', invite.headers.get('From')!],
      ['To', invite.headers.get('To')!],
    ]);
    cancel.headers.delete('Via');
    cancel.headers.append('Via', invite.headers.get('Via')!);
    this.send(cancel, true);
  }

  /** Hangs up an answered call. */
  hangUp(call: InboundCall, answer: SipResponse): void {
    this.send(this.inDialogRequest('BYE', call, answer));
  }

  /** A key as SIP INFO (application/dtmf-relay), as a carrier that takes keys that way sends it. */
  infoKey(call: InboundCall, answer: SipResponse, key: string): void {
    const info = this.inDialogRequest('INFO', call, answer);
    info.headers.append('Content-Type', 'application/dtmf-relay');
    info.body = Buffer.from(`Signal=${key}\r\nDuration=160\r\n`);
    this.send(info);
  }

  /**
   * Offers this phone's description again in an answered call (a re-INVITE, as a carrier
   * refreshing a session does), ACKs the answer and resolves with it.
   */
  reoffer(call: InboundCall, answer: SipResponse): Promise<SipResponse> {
    const reinvite = this.inDialogRequest('INVITE', call, answer);
    reinvite.headers.append('Contact', `<sip:outside@${this.address}:${this.port}>`);
    reinvite.headers.append('Content-Type', 'application/sdp');
    reinvite.body = Buffer.from(this.media.description());
    const key = `${call.callId} ${reinvite.headers.get('CSeq')}`;
    return new Promise((resolve) => {
      this.reoffering.set(key, (response) => {
        this.reoffering.delete(key);
        if (response.status < 300) this.send(this.inDialogRequest('ACK', call, answer, cseqOf(reinvite).seq));
        resolve(response);
      });
      this.send(reinvite);
    });
  }

  private inDialogRequest(method: string, call: InboundCall, answer: SipResponse, seq?: number): SipRequest {
    const invite = this.sent.get(call.callId)!;
    const cseq = seq ?? (this.cseqs.get(call.callId) ?? 1) + 1;
    this.cseqs.set(call.callId, cseq);
    return this.request(method, parseNameAddr(answer.headers.get('Contact')!).uri, call.callId, cseq, [
      ['From', invite.headers.get('From')!],
      ['To', answer.headers.get('To')!],
    ]);
  }

  private ack(response: SipResponse): void {
    const invite = this.sent.get(response.headers.get('Call-ID')!)!;
    const target = response.status < 300 ? parseNameAddr(response.headers.get('Contact')!).uri : invite.uri;
    if (response.status < 300)
      this.routeSets.set(invite.headers.get('Call-ID')!, response.headers.getAll('Record-Route').reverse());
    const ack = this.request('ACK', target, invite.headers.get('Call-ID')!, 1, [
      ['From', invite.headers.get('From')!],
      ['To', response.headers.get('To')!],
    ]);
    // A non-2xx's ACK is part of the INVITE's transaction: its branch (RFC 3261 §17.1.1.3).
    if (response.status >= 300) {
      ack.headers.delete('Via');
      ack.headers.append('Via', invite.headers.get('Via')!);
    }
    this.send(ack, response.status >= 300);
  }

  private request(
    method: string,
    uri: string,
    callId: string,
    cseq: number,
    headers: [string, string][],
  ): SipRequest {
    const all = new SipHeaders()
      .append('Via', `SIP/2.0/UDP ${this.address}:${this.port};branch=${newBranch()};rport`)
      .append('Max-Forwards', '70')
      .append('Call-ID', callId)
      .append('CSeq', `${cseq} ${method}`);
    for (const [name, value] of headers) all.append(name, value);
    return { kind: 'request', method, uri, headers: all, body: Buffer.alloc(0) };
  }

  close(): void {
    this.media.close();
    this.socket.close();
  }
}
