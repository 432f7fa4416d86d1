// A call between two extensions: the caller's A leg, the answering B leg, and everything the
// server relays between them until one side hangs up. Each call writes its call-log rows once.
import type { Logger } from '../../logger';
import type { Clock } from '../../time';
import { isoAt } from '../../time';
import type { CallResult } from '../../../common/api/call-log';
import type { CallParty, FinishedCall } from '../../directory/call-log';
import type { ExtensionTarget } from '../../directory/sip-accounts';
import { cseqOf, type SipRequest, type SipResponse } from '../message';
import { buildResponse, parseNameAddr, parseSipUri } from '../fields';
import type { SipStack } from '../stack';
import type { ServerTransaction } from '../transactions';
import type { Leg } from './leg';
import { NO_BODY, bodyOf, serverContact, type Body, type Destination } from './leg';
import { Ringer, type RingOutcome } from './ringer';
import type { AnsweringCall, UnansweredCallHandler, UnansweredReason } from './unanswered';
import { infoDigit } from './dtmf';
import { assertedIdentity, nameAddrOf } from './identity';
import { MAILBOX_PARTY_NAME, mailboxDialled, type VoicemailAccessHandler } from './voicemail-access';
import { SessionTimer, sessionTimerHeaders, type SessionInterval } from './session-timer';
import type { RingGroupPlan } from '../../directory/ring-groups';
import { ringGroup } from './ring-group';

/** What a call needs from the office around it. */
export interface CallContext {
  stack: SipStack;
  clock: Clock;
  logger: Logger;
  domain: string;
  findTarget(number: string): Promise<ExtensionTarget | null>;
  /** Registered contacts of an extension, without the device that is calling. */
  destinations(extension: string, exceptSipUsername: string | null): Destination[];
  /** Routes in-dialog requests of the leg to the call. */
  bind(leg: Leg, call: Call): void;
  unbind(leg: Leg): void;
  record(call: FinishedCall): Promise<void>;
  unanswered: UnansweredCallHandler;
  /** Calls to the voicemail menu (*97, *98, one's own extension). */
  voicemailAccess: VoicemailAccessHandler;
  /** The office's session interval: a call quiet for that long is ended (see session-timer). */
  sessionExpiresSeconds: number;
  /** The ring group behind a dialled extension, and where round robin goes on after an answer. */
  ringGroups: {
    find(number: string): Promise<RingGroupPlan | null>;
    answered(groupId: string, memberExtension: string): Promise<void>;
  };
  /** Whether the extension is in an answered call now (ring groups skip busy members). */
  onCall(extension: string): boolean;
}

/** Forwarding may chain, but not for ever. */
const MAX_FORWARDS = 5;
const DEFAULT_RING_SECONDS = 25;

export const partyOf = (target: ExtensionTarget): CallParty => ({
  number: target.extension,
  name: target.callerIdName,
  userId: target.userId,
});

const sipfrag = (status: number, reason: string): Body => ({
  contentType: 'message/sipfrag;version=2.0',
  bytes: Buffer.from(`SIP/2.0 ${status} ${reason}\r\n`),
});

/** RFC 3515: tells the leg that sent a REFER how the transfer goes, by NOTIFY with a sipfrag. */
export function notifyReferrer(referrer: Leg, status: number, reason: string, final: boolean): void {
  referrer.send('NOTIFY', sipfrag(status, reason), () => undefined, [
    ['Event', 'refer'],
    ['Subscription-State', final ? 'terminated;reason=noresource' : 'active;expires=60'],
  ]);
}

/** A response on one leg that says what the other leg answered. */
function relayed(
  request: SipRequest,
  from: SipResponse,
  leg: Leg,
  stack: SipStack,
  headers: [string, string][] = [],
): SipResponse {
  const body = bodyOf(from);
  if (request.method === 'INVITE' && from.status < 300)
    headers.push(['Contact', serverContact(stack, leg.flow)]);
  return buildResponse(request, from.status, from.reason, {
    toTag: leg.localTag,
    headers,
    body: body.bytes,
    ...(body.contentType && { contentType: body.contentType }),
  });
}

export class Call {
  private b: Leg | null = null;
  private answeredAt: number | null = null;
  private ended = false;
  private ringer: Ringer | null = null;
  private callerGaveUp = false;
  /** ACKs awaited from a leg for a 2xx the server relayed to it, and where each goes on. */
  private readonly pendingAcks = new Map<Leg, { to: Leg; seq: number }>();
  private reinviting = false;
  /** A transfer under way: the leg handing its place over, and whether it already hung up. */
  private handover: { leaving: Leg; gone: boolean } | null = null;
  private session: SessionTimer | null = null;
  /** The media agent, when it answered the call instead of the callee. */
  private agent: AnsweringCall | null = null;
  /** How the call is logged once the agent answered it. */
  private agentResult: CallResult = 'voicemail';
  /** The member who took a call to a ring group (the callee is the group). */
  private answeredBy: CallParty | null = null;

  private constructor(
    private readonly context: CallContext,
    private readonly a: Leg,
    private readonly caller: CallParty,
    private callee: CallParty,
    private readonly startedAt: number,
    private readonly callerSipUsername: string | null,
  ) {
    context.bind(a, this);
  }

  /** An authenticated INVITE: ring `dialled` for the caller and answer the A leg with the outcome. */
  static place(
    context: CallContext,
    invite: SipRequest,
    transaction: ServerTransaction,
    a: Leg,
    caller: CallParty,
    callerSipUsername: string,
    dialled: string,
    interval: SessionInterval,
  ): Call {
    const call = new Call(
      context,
      a,
      caller,
      { number: dialled, name: null, userId: null },
      context.clock(),
      callerSipUsername,
    );
    transaction.onCancel = () => call.callerCancelled();
    // A CANCEL that came while the caller was still being authenticated.
    if (transaction.cancelled) call.callerCancelled();
    void call.connect(invite, transaction, dialled, interval).catch((error: unknown) => {
      context.logger.error({ error: String(error) }, 'call setup failed');
      transaction.respond(buildResponse(invite, 500, 'Server Internal Error', { toTag: a.localTag }));
      void call.finish('failed');
    });
    return call;
  }

  private async connect(
    invite: SipRequest,
    transaction: ServerTransaction,
    dialled: string,
    interval: SessionInterval,
  ): Promise<void> {
    const fail = (status: number, reason: string, result: CallResult) => {
      transaction.respond(buildResponse(invite, status, reason, { toTag: this.a.localTag }));
      return this.finish(result);
    };
    const mailbox = mailboxDialled(dialled, this.caller);
    if (mailbox) {
      this.callee = { number: dialled, name: MAILBOX_PARTY_NAME, userId: null };
      const outcome = await this.context.voicemailAccess({
        caller: this.caller,
        mailbox,
        sourceAddress: this.a.flow.address,
        offer: bodyOf(invite),
      });
      if (outcome.kind === 'refuse') return fail(outcome.status, outcome.reason, 'failed');
      return this.answeredByAgent(invite, transaction, outcome.call, interval, 'answered');
    }
    let number = dialled;
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      const target = await this.context.findTarget(number);
      if (!target) return fail(404, 'Not Found', 'failed');
      this.callee = partyOf(target);
      visited.add(number);
      const preferences = target.preferences;
      const forward = (rule: 'forwardAlways' | 'forwardBusy' | 'forwardNoAnswer'): string | null => {
        const setting = preferences?.[rule];
        const next = setting?.enabled ? setting.target : null;
        return next && hop < MAX_FORWARDS && !visited.has(next) ? next : null;
      };
      const unanswered = async (reason: UnansweredReason) => {
        const outcome = await this.context.unanswered({
          caller: this.caller,
          callee: this.callee,
          reason,
          sourceAddress: this.a.flow.address,
          offer: bodyOf(invite),
        });
        if (outcome.kind === 'answer')
          return this.answeredByAgent(invite, transaction, outcome.call, interval, 'voicemail');
        return fail(outcome.status, outcome.reason, reason === 'busy' ? 'busy' : 'missed');
      };
      if (this.callerGaveUp) return fail(487, 'Request Terminated', 'cancelled');
      const group = await this.context.ringGroups.find(number);
      if (group) {
        const outcome = await ringGroup(group, this.caller.number, {
          destinations: (extension) => this.context.destinations(extension, this.callerSipUsername),
          onCall: (extension) => this.context.onCall(extension),
          // The caller may hang up between two members' turns, when no ringer is there to cancel.
          ring: (destinations, seconds) =>
            this.callerGaveUp
              ? Promise.resolve({ kind: 'cancelled' })
              : this.ring(invite, transaction, destinations, seconds),
          now: this.context.clock,
        });
        if (outcome.kind === 'cancelled') return fail(487, 'Request Terminated', 'cancelled');
        if (outcome.kind === 'answered') {
          const member = group.members.find((m) => m.extension === outcome.member)!;
          this.answeredBy = { number: member.extension, name: member.name, userId: member.userId };
          this.answered(invite, transaction, outcome.outcome, interval);
          return this.context.ringGroups.answered(group.id, member.extension);
        }
        const next = group.overflowTarget;
        if (next && hop < MAX_FORWARDS && !visited.has(next)) {
          number = next;
          continue;
        }
        // The group's own box: its extension is the callee.
        return unanswered('no-answer');
      }
      if (preferences?.doNotDisturb) return unanswered('do-not-disturb');
      const always = forward('forwardAlways');
      if (always) {
        number = always;
        continue;
      }
      const destinations = this.context.destinations(number, this.callerSipUsername);
      if (destinations.length === 0) {
        const next = forward('forwardNoAnswer');
        if (next) {
          number = next;
          continue;
        }
        return unanswered('offline');
      }
      const outcome = await this.ring(invite, transaction, destinations, preferences?.ringTimeoutSeconds);
      if (outcome.kind === 'answered') return this.answered(invite, transaction, outcome, interval);
      if (outcome.kind === 'cancelled') return fail(487, 'Request Terminated', 'cancelled');
      const next = forward(outcome.kind === 'busy' ? 'forwardBusy' : 'forwardNoAnswer');
      if (next) {
        number = next;
        continue;
      }
      return unanswered(outcome.kind === 'busy' ? 'busy' : 'no-answer');
    }
  }

  private ring(
    invite: SipRequest,
    transaction: ServerTransaction,
    destinations: Destination[],
    ringSeconds = DEFAULT_RING_SECONDS,
  ): Promise<RingOutcome> {
    this.ringer = new Ringer(this.context.stack, {
      destinations,
      from: nameAddrOf(this.caller, this.context.domain),
      to: `<sip:${this.callee.number}@${this.context.domain}>`,
      body: bodyOf(invite),
      timeoutMs: ringSeconds * 1000,
      onProvisional: (response) =>
        transaction.respond(relayed(invite, response, this.a, this.context.stack, [this.identityOfCallee()])),
    });
    return this.ringer.outcome;
  }

  /** The party the caller reaches: whoever the dialled number rings after forwarding. */
  private identityOfCallee(): [string, string] {
    return assertedIdentity(this.callee, this.context.domain);
  }

  private callerCancelled(): void {
    this.callerGaveUp = true;
    this.ringer?.cancel();
  }

  private answered(
    invite: SipRequest,
    transaction: ServerTransaction,
    outcome: { leg: Leg; answer: SipResponse },
    interval: SessionInterval,
  ) {
    this.connected(outcome.leg, interval.seconds);
    this.pendingAcks.set(this.a, { to: outcome.leg, seq: 1 });
    const answer = relayed(invite, outcome.answer, this.a, this.context.stack, [
      ...sessionTimerHeaders(interval),
      this.identityOfCallee(),
    ]);
    transaction.respond(answer, {
      onNoAck: () => {
        this.context.logger.warn({ callId: this.a.callId }, 'no ACK for an answered call: hanging up');
        this.hangUpAll();
      },
    });
  }

  /**
   * The media agent answers the caller (a message, or the voicemail menu). The agent bounds the
   * call's length itself, so no session timer runs; whichever side ends first, the call is
   * logged with `result`.
   */
  private answeredByAgent(
    invite: SipRequest,
    transaction: ServerTransaction,
    agent: AnsweringCall,
    interval: SessionInterval,
    result: CallResult,
  ): void {
    if (this.callerGaveUp) {
      agent.hangUp();
      transaction.respond(buildResponse(invite, 487, 'Request Terminated', { toTag: this.a.localTag }));
      void this.finish('cancelled');
      return;
    }
    this.agent = agent;
    this.agentResult = result;
    this.answeredAt = this.context.clock();
    void agent.ended.then(() => {
      if (this.ended) return;
      try {
        this.a.send('BYE', NO_BODY, () => undefined);
      } catch (error) {
        // The SIP service is shutting down: the caller's phone notices the lost connection.
        this.context.logger.warn({ error: String(error), callId: this.a.callId }, 'voicemail BYE not sent');
      }
      void this.finish(this.agentResult);
    });
    transaction.respond(
      buildResponse(invite, 200, 'OK', {
        toTag: this.a.localTag,
        headers: [
          ['Contact', serverContact(this.context.stack, this.a.flow)],
          ...sessionTimerHeaders(interval),
        ],
        body: Buffer.from(agent.answer),
        contentType: 'application/sdp',
      }),
      {
        onNoAck: () => {
          this.context.logger.warn({ callId: this.a.callId }, 'no ACK for voicemail: hanging up');
          this.hangUpAll();
        },
      },
    );
  }

  /** The B leg answered: the call is up, and ends by itself once quiet for the whole interval. */
  private connected(b: Leg, intervalSeconds: number): void {
    this.b = b;
    this.answeredAt = this.context.clock();
    this.context.bind(b, this);
    this.session = new SessionTimer(
      this.context.stack.timers,
      this.context.clock,
      intervalSeconds * 1000,
      () => {
        this.context.logger.warn(
          { callId: this.a.callId, caller: this.caller.number, callee: this.callee.number, intervalSeconds },
          'call ended: no in-dialog traffic for the session interval (BYE lost?)',
        );
        this.hangUpAll();
      },
    );
  }

  /** In-dialog traffic from either side: the session is alive. */
  touch(): void {
    this.session?.touch();
  }

  /** Either side's ACK for a 2xx the server relayed to it goes on to the other side. */
  ack(leg: Leg, ack: SipRequest): void {
    if (this.agent) return this.agent.start();
    const pending = this.pendingAcks.get(leg);
    if (!pending) return; // a repeated ACK
    this.pendingAcks.delete(leg);
    pending.to.ack(pending.seq, bodyOf(ack));
  }

  private other(leg: Leg): Leg | null {
    return leg === this.a ? this.b : this.a;
  }

  /** Whether the extension is talking in this call (ringing does not count). */
  involves(extension: string): boolean {
    if (this.ended || this.answeredAt === null) return false;
    const parties = [this.caller, this.callee, this.answeredBy];
    return parties.some((party) => party?.number === extension);
  }

  /** Who is on the leg. */
  partyOn(leg: Leg): CallParty {
    return leg === this.a ? this.caller : this.callee;
  }

  /** The other side of an answered call that no transfer or re-INVITE is changing, or null. */
  steadyPeer(leg: Leg): Leg | null {
    if (this.ended || this.answeredAt === null || this.handover || this.reinviting) return null;
    return this.other(leg);
  }

  /** `leg` hands its place over to someone else: its hang-up no longer ends the call. */
  handOver(leg: Leg): void {
    this.handover = { leaving: leg, gone: false };
  }

  /** The transfer failed: the call goes on, unless the leaving side already hung up. */
  handOverFailed(): void {
    const handover = this.handover;
    this.handover = null;
    if (!handover?.gone) return;
    // Nobody is left to talk to the side that stayed.
    const stayed = this.other(handover.leaving);
    if (stayed) stayed.send('BYE', NO_BODY, () => undefined);
    void this.finish('answered');
  }

  /** The transfer is done: the leaving side is hung up and this call is logged; the other side lives on elsewhere. */
  handedOver(): Promise<void> {
    if (this.handover && !this.handover.gone) this.handover.leaving.send('BYE', NO_BODY, () => undefined);
    this.handover = null;
    return this.finish('answered');
  }

  /** Two legs already in dialogs of their own become one answered call (after a transfer). */
  static joined(
    context: CallContext,
    a: Leg,
    aParty: CallParty,
    b: Leg,
    bParty: CallParty,
    startedAt = context.clock(),
  ): Call {
    const call = new Call(context, a, aParty, bParty, startedAt, null);
    call.connected(b, context.sessionExpiresSeconds);
    return call;
  }

  /** A re-INVITE (hold, resume, new media) from one side is offered to the other. */
  reinvite(leg: Leg, request: SipRequest, transaction: ServerTransaction): SipResponse | void {
    // The agent's stream cannot change: the call goes on as it was (RFC 3261 §14.2).
    if (this.agent && !this.ended)
      return buildResponse(request, 488, 'Not Acceptable Here', { toTag: leg.localTag });
    const other = this.other(leg);
    if (!other || this.ended) return buildResponse(request, 481, 'Call/Transaction Does Not Exist');
    if (this.reinviting) return buildResponse(request, 491, 'Request Pending');
    this.reinviting = true;
    let answered = false;
    const sent = other.send('INVITE', bodyOf(request), (response) => {
      if (response.status < 200) return;
      if (answered) return other.repeatAck();
      answered = true;
      this.reinviting = false;
      if (response.status < 300) {
        const seq = cseqOf(sent).seq;
        this.pendingAcks.set(leg, { to: other, seq });
      }
      transaction.respond(relayed(request, response, leg, this.context.stack));
    });
  }

  /** INFO (DTMF and the like) goes to the other side; its answer comes back. */
  info(leg: Leg, request: SipRequest): Promise<SipResponse> | SipResponse {
    if (this.agent && !this.ended) {
      const digit = infoDigit(request.headers.get('Content-Type') ?? null, request.body);
      if (!digit) return buildResponse(request, 415, 'Unsupported Media Type (DTMF only)');
      this.agent.digit(digit);
      return buildResponse(request, 200, 'OK');
    }
    const other = this.other(leg);
    if (!other || this.ended) return buildResponse(request, 481, 'Call/Transaction Does Not Exist');
    return new Promise((resolve) => {
      other.send(
        'INFO',
        bodyOf(request),
        (response) => {
          if (response.status >= 200) resolve(relayed(request, response, leg, this.context.stack));
        },
        request.headers.has('Info-Package') ? [['Info-Package', request.headers.get('Info-Package')!]] : [],
      );
    });
  }

  bye(leg: Leg, request: SipRequest): SipResponse {
    this.leave(leg);
    return buildResponse(request, 200, 'OK');
  }

  /** The leg hung up or its connection is gone: the other side is told, and the call ends. */
  leave(leg: Leg): void {
    this.context.unbind(leg);
    if (leg === this.handover?.leaving) {
      // The transferor leaves once the transfer is under way; the transferee stays.
      this.handover.gone = true;
      return;
    }
    if (this.agent) {
      this.agent.hangUp();
      void this.finish(this.agentResult);
      return;
    }
    if (this.answeredAt === null) {
      // The caller vanished while it rang.
      this.callerCancelled();
      return;
    }
    const other = this.other(leg);
    if (other) {
      other.send('BYE', NO_BODY, () => undefined);
      this.context.unbind(other);
    }
    void this.finish('answered');
  }

  hangUpAll(): void {
    this.agent?.hangUp();
    for (const leg of [this.a, this.b]) {
      if (!leg) continue;
      leg.send('BYE', NO_BODY, () => undefined);
      this.context.unbind(leg);
    }
    void this.finish(this.agent ? this.agentResult : this.answeredAt ? 'answered' : 'failed');
  }

  /**
   * Blind transfer (RFC 3515): the leg that sent REFER is told how it goes by NOTIFY sipfrag;
   * the other side is connected to the Refer-To extension by a new call.
   */
  refer(leg: Leg, request: SipRequest): SipResponse {
    const transferee = this.other(leg);
    if (!transferee || this.ended || this.handover)
      return buildResponse(request, 481, 'Call/Transaction Does Not Exist');
    let number: string;
    try {
      const uri = parseSipUri(parseNameAddr(request.headers.get('Refer-To') ?? '').uri);
      if (uri.host !== this.context.domain) return buildResponse(request, 403, 'Forbidden (not this office)');
      number = uri.user ?? '';
    } catch {
      return buildResponse(request, 400, 'Bad Request (Refer-To is not a SIP URI)');
    }
    if (!/^[0-9]{2,8}$/.test(number)) return buildResponse(request, 404, 'Not Found');
    this.handOver(leg);
    void this.transfer(leg, transferee, number).catch((error: unknown) => {
      this.context.logger.error({ error: String(error) }, 'transfer failed');
    });
    return buildResponse(request, 202, 'Accepted');
  }

  private async transfer(transferor: Leg, transferee: Leg, number: string): Promise<void> {
    notifyReferrer(transferor, 100, 'Trying', false);
    const transfereeParty = this.partyOn(transferee);
    const target = await this.context.findTarget(number);
    const destinations = target ? this.context.destinations(number, null) : [];
    const failed = (status: number, reason: string) => {
      notifyReferrer(transferor, status, reason, true);
      this.handOverFailed();
    };
    if (!target) return failed(404, 'Not Found');
    if (destinations.length === 0) return failed(480, 'Temporarily Unavailable');
    const startedAt = this.context.clock();
    // No offer to the target: its answer carries the offer, which the transferee then answers.
    const outcome = await new Ringer(this.context.stack, {
      destinations,
      from: nameAddrOf(transfereeParty, this.context.domain),
      to: `<sip:${number}@${this.context.domain}>`,
      body: NO_BODY,
      timeoutMs: (target.preferences?.ringTimeoutSeconds ?? DEFAULT_RING_SECONDS) * 1000,
      onProvisional: () => undefined,
    }).outcome;
    if (outcome.kind !== 'answered') {
      const status = { busy: [486, 'Busy Here'], 'no-answer': [408, 'Request Timeout'] } as const;
      const [code, reason] =
        outcome.kind in status
          ? status[outcome.kind as keyof typeof status]
          : [480, 'Temporarily Unavailable'];
      return failed(code, reason);
    }
    const newLeg = outcome.leg;
    const reoffer = await transferee.reinvite(bodyOf(outcome.answer), [
      assertedIdentity(partyOf(target), this.context.domain),
    ]);
    if (reoffer.response.status >= 300) {
      newLeg.ack(1);
      newLeg.send('BYE', NO_BODY, () => undefined);
      return failed(reoffer.response.status, reoffer.response.reason);
    }
    transferee.ack(reoffer.seq);
    newLeg.ack(1, bodyOf(reoffer.response));
    notifyReferrer(transferor, 200, 'OK', true);
    // The transferor's part ends here; the transferee and the target are a call of their own.
    // (Logging the old call must not hold up the new one: its legs are rebound at once.)
    void this.handedOver();
    Call.joined(this.context, transferee, transfereeParty, newLeg, partyOf(target), startedAt);
  }

  private async finish(result: CallResult): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.session?.stop();
    this.context.unbind(this.a);
    if (this.b) this.context.unbind(this.b);
    try {
      await this.context.record({
        caller: this.caller,
        callee: this.callee,
        startedAt: isoAt(this.startedAt),
        answeredAt: this.answeredAt === null ? null : isoAt(this.answeredAt),
        endedAt: isoAt(this.context.clock()),
        result,
        answeredBy: this.answeredBy,
      });
    } catch (error) {
      this.context.logger.error({ error: String(error) }, 'call-log row not written');
    }
  }
}
