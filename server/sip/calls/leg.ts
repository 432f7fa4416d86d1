// One side of a call as the server sees it: a dialog (RFC 3261 §12) in which the server is
// the caller's UAS on the A leg and the callee's UAC on a B leg. It makes the in-dialog
// requests the B2BUA relays.
import { randomUUID } from 'node:crypto';
import { cseqOf, splitList, type SipRequest, type SipResponse } from '../message';
import { SipHeaders } from '../headers';
import { newBranch, newTag, parseNameAddr, quotedDisplayName } from '../fields';
import type { SipStack } from '../stack';
import type { ResponseListener } from '../transactions';
import type { Flow } from '../transports/transport';
import type { AnchorPoint, AudioCodec, Direction, MediaKind } from './media-anchor';
import type { DtmfMode } from '../../../common/api/trunks';
import { bodyForDtmf } from '../trunks/trunk-codecs';

export interface Destination {
  /** The Request-URI: the registered Contact. */
  uri: string;
  flow: Flow;
}

export interface Body {
  contentType: string | null;
  bytes: Buffer;
}

export const bodyOf = (message: SipRequest | SipResponse): Body => ({
  contentType: message.headers.get('Content-Type') ?? null,
  bytes: message.body,
});

export const NO_BODY: Body = { contentType: null, bytes: Buffer.alloc(0) };

/** A name-addr without its tag, and the tag. */
function splitTag(value: string): { address: string; tag: string | null } {
  const parsed = parseNameAddr(value);
  const name = parsed.displayName ? `${quotedDisplayName(parsed.displayName)} ` : '';
  return { address: `${name}<${parsed.uri}>`, tag: parsed.params.get('tag') ?? null };
}

export const tagOf = (value: string | undefined) => (value ? splitTag(value).tag : null);

/**
 * Where in-dialog requests go (§12.1): the Contact, or the address already used when the
 * Contact is missing or unreadable (the flow is what carries them anyway).
 */
function targetOf(contact: string | undefined, fallback: string): string {
  if (!contact) return fallback;
  try {
    return parseNameAddr(contact).uri;
  } catch {
    return fallback;
  }
}

/** The server's Contact for a flow, where the endpoint sends its in-dialog requests. */
export function serverContact(stack: SipStack, flow: Flow): string {
  const local = stack.localAddress(flow);
  const transport = local.transport === 'UDP' ? '' : `;transport=${local.transport.toLowerCase()}`;
  return `<sip:switchboard@${local.host}:${local.port}${transport}>`;
}

/** A dialog's state as kept beyond a restart (message-waiting subscriptions). */
export interface SavedDialog {
  callId: string;
  localTag: string;
  remoteTag: string;
  localAddress: string;
  remoteAddress: string;
  remoteTarget: string;
  flow: Flow;
  localSeq: number;
}

let legs = 0;

export class Leg {
  readonly id = ++legs;
  private localSeq: number;
  /** The last ACK sent on this leg, resent when the endpoint repeats its 2xx. */
  private lastAck: SipRequest | null = null;
  /** An INVITE of the server's is under way in this dialog: a re-INVITE crossing it gets 491. */
  inviting = false;
  /** How the phone does media: read from its SDP, or foreseen from its registration (a callee). */
  mediaKind: MediaKind | null = null;
  /** The codecs its SDP listed, in its order. */
  mediaCodecs: AudioCodec[] = [];
  /** Its point in the media agent while its call is anchored; it stays with the leg through transfers. */
  anchor: AnchorPoint | null = null;
  /** The direction the agent last offered it through the point: sendonly while the other side holds. */
  anchorDirection: Direction = 'sendrecv';
  /**
   * How the carrier on this leg takes keys, on a call through a trunk (null for the office's own
   * phones): where not as RFC 4733 events, no description the office sends lists telephone-event.
   */
  carrierDtmf: DtmfMode | null = null;

  private constructor(
    private readonly stack: SipStack,
    readonly callId: string,
    readonly localTag: string,
    readonly remoteTag: string,
    private readonly localAddress: string,
    private readonly remoteAddress: string,
    private readonly remoteTarget: string,
    readonly flow: Flow,
    localSeq: number,
    /** Proxies that asked to stay in the dialog (a carrier's), as Route headers of its requests. */
    private readonly routeSet: readonly string[] = [],
  ) {
    this.localSeq = localSeq;
  }

  /** The A leg: the caller's INVITE, answered by the server with `localTag`. */
  static answering(stack: SipStack, invite: SipRequest, flow: Flow, localTag: string): Leg {
    const from = splitTag(invite.headers.get('From')!);
    return new Leg(
      stack,
      invite.headers.get('Call-ID')!,
      localTag,
      from.tag ?? '',
      splitTag(invite.headers.get('To')!).address,
      from.address,
      targetOf(invite.headers.get('Contact'), invite.uri),
      flow,
      1,
      // §12.1.1: the INVITE's Record-Route, in order (a carrier's proxy relaying the call in).
      invite.headers.getAll('Record-Route').flatMap(splitList),
    );
  }

  /** A dialog kept from before a restart. */
  static restore(stack: SipStack, saved: SavedDialog): Leg {
    const { callId, localTag, remoteTag, localAddress, remoteAddress, remoteTarget, flow, localSeq } = saved;
    return new Leg(
      stack,
      callId,
      localTag,
      remoteTag,
      localAddress,
      remoteAddress,
      remoteTarget,
      flow,
      localSeq,
    );
  }

  /** What `restore` needs. */
  saved(): SavedDialog {
    return {
      callId: this.callId,
      localTag: this.localTag,
      remoteTag: this.remoteTag,
      localAddress: this.localAddress,
      remoteAddress: this.remoteAddress,
      remoteTarget: this.remoteTarget,
      flow: this.flow,
      localSeq: this.localSeq,
    };
  }

  /** A B leg: the server's INVITE to a callee and the response that made the dialog. */
  static calling(stack: SipStack, invite: SipRequest, response: SipResponse, flow: Flow): Leg {
    return new Leg(
      stack,
      invite.headers.get('Call-ID')!,
      tagOf(invite.headers.get('From'))!,
      tagOf(response.headers.get('To')) ?? '',
      splitTag(invite.headers.get('From')!).address,
      splitTag(invite.headers.get('To')!).address,
      targetOf(response.headers.get('Contact'), invite.uri),
      flow,
      cseqOf(invite).seq,
      // §12.1.2: the 2xx's Record-Route, reversed.
      response.headers.getAll('Record-Route').flatMap(splitList).reverse(),
    );
  }

  /** Sends a request in this dialog through a client transaction. */
  send(method: string, body: Body, listener: ResponseListener, headers: [string, string][] = []): SipRequest {
    const request = this.build(method, ++this.localSeq, body, headers);
    this.stack.request(this.flow, request, listener);
    return request;
  }

  /**
   * A re-INVITE carrying `body` (an offer, or none to ask the endpoint for one): resolves with
   * its final response. The caller ACKs a 2xx with `seq`, with the answer when the endpoint made
   * the offer; a repeated 2xx gets that ACK again.
   */
  reinvite(body: Body, headers: [string, string][] = []): Promise<{ response: SipResponse; seq: number }> {
    this.inviting = true;
    return new Promise((resolve) => {
      let answered = false;
      const sent = this.send(
        'INVITE',
        body,
        (response) => {
          if (response.status < 200) return;
          if (answered) return this.repeatAck();
          answered = true;
          this.inviting = false;
          resolve({ response, seq: cseqOf(sent).seq });
        },
        headers,
      );
    });
  }

  /**
   * A description to or from this leg's phone as its carrier takes keys: without telephone-event
   * where keys go otherwise than as RFC 4733 events; as it is for the office's own phones.
   */
  asCarrierTakesKeys(body: Body): Body {
    return this.carrierDtmf ? bodyForDtmf(body, this.carrierDtmf) : body;
  }

  /** The leg's point is no longer needed (its phone left, or the call goes direct): it closes. */
  dropAnchor(): void {
    this.anchor?.close();
    this.anchor = null;
    this.anchorDirection = 'sendrecv';
  }

  /** The ACK for a 2xx to the INVITE with sequence number `seq` (§13.2.2.4): no transaction. */
  ack(seq: number, body: Body = NO_BODY): void {
    this.lastAck = this.build('ACK', seq, body, []);
    this.stack.send(this.flow, this.lastAck);
  }

  /** The endpoint repeated its 2xx: it did not hear our ACK. */
  repeatAck(): void {
    if (this.lastAck) this.stack.send(this.flow, this.lastAck);
  }

  private build(method: string, seq: number, body: Body, extra: [string, string][]): SipRequest {
    const headers = new SipHeaders();
    headers.append('Via', this.stack.viaFor(this.flow, newBranch()));
    headers.append('Max-Forwards', '70');
    headers.append('From', `${this.localAddress};tag=${this.localTag}`);
    headers.append('To', `${this.remoteAddress}${this.remoteTag ? `;tag=${this.remoteTag}` : ''}`);
    headers.append('Call-ID', this.callId);
    headers.append('CSeq', `${seq} ${method}`);
    for (const route of this.routeSet) headers.append('Route', route);
    if (method === 'INVITE' || method === 'NOTIFY' || method === 'REFER')
      headers.append('Contact', serverContact(this.stack, this.flow));
    for (const [name, value] of extra) headers.append(name, value);
    const sent = this.asCarrierTakesKeys(body);
    if (sent.contentType) headers.append('Content-Type', sent.contentType);
    return { kind: 'request', method, uri: this.remoteTarget, headers, body: sent.bytes };
  }
}

/** A request from the server to a registered contact that starts a dialog or stands alone. */
export function outgoingRequest(
  stack: SipStack,
  method: string,
  destination: Destination,
  from: string,
  to: string,
  body: Body,
  extra: [string, string][] = [],
): SipRequest {
  const headers = new SipHeaders();
  headers.append('Via', stack.viaFor(destination.flow, newBranch()));
  headers.append('Max-Forwards', '70');
  headers.append('From', `${from};tag=${newTag()}`);
  headers.append('To', to);
  headers.append('Call-ID', `${randomUUID()}@switchboard`);
  headers.append('CSeq', `1 ${method}`);
  headers.append('Contact', serverContact(stack, destination.flow));
  for (const [name, value] of extra) headers.append(name, value);
  if (body.contentType) headers.append('Content-Type', body.contentType);
  return { kind: 'request', method, uri: destination.uri, headers, body: body.bytes };
}

/** An initial INVITE from the server to a registered contact: a new dialog's first request. */
export function outgoingInvite(
  stack: SipStack,
  destination: Destination,
  from: string,
  to: string,
  body: Body,
  extraHeaders: readonly [string, string][] = [],
): SipRequest {
  return outgoingRequest(stack, 'INVITE', destination, from, to, body, [
    ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY'],
    ...extraHeaders,
  ]);
}

/**
 * The CANCEL for an INVITE the server sent (§9.1): same branch, so it matches the INVITE; with
 * a Reason (RFC 3326) when there is one to give.
 */
export function cancelFor(invite: SipRequest, reason?: string): SipRequest {
  const headers = new SipHeaders();
  headers.append('Via', invite.headers.get('Via')!);
  for (const name of ['Max-Forwards', 'From', 'To', 'Call-ID'])
    headers.append(name, invite.headers.get(name)!);
  headers.append('CSeq', `${cseqOf(invite).seq} CANCEL`);
  if (reason) headers.append('Reason', reason);
  return { kind: 'request', method: 'CANCEL', uri: invite.uri, headers, body: Buffer.alloc(0) };
}
