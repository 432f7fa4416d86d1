// A call between two extensions: the caller's A leg, the answering B leg, and everything the
// server relays between them until one side hangs up. Each call writes its call-log rows once.
// A call whose two phones do media differently is anchored in the media agent (anchoring.ts):
// each leg's SDP is then its point's business, and the server relays only what signalling must.
import type { Logger } from '../../logger';
import type { Clock } from '../../time';
import { isoAt } from '../../time';
import type { CallDirection, CallFault, CallResult } from '../../../common/api/call-log';
import type { CallParty, FinishedCall, JoinedCall } from '../../directory/call-log';
import type { ExtensionTarget } from '../../directory/sip-accounts';
import { cseqOf, type SipRequest, type SipResponse } from '../message';
import { buildResponse } from '../fields';
import type { SipStack } from '../stack';
import type { ServerTransaction } from '../transactions';
import type { Leg } from './leg';
import { NO_BODY, bodyOf, serverContact, type Body, type Destination } from './leg';
import { Ringer } from './ringer';
import { BRIDGE_FULL, type AnchorPoint, type Bridge, type MediaAnchors } from './media-anchor';
import {
  forkOffers,
  keyInMedia,
  keysNeedAnchoring,
  learnMedia,
  reofferFromAnchor,
  sdpOf,
  sendKey,
} from './anchoring';
import type { AnsweringCall, UnansweredCallHandler, UnansweredReason } from './unanswered';
import { infoDigit } from './dtmf';
import { assertedIdentity, nameAddrOf } from './identity';
import { MAILBOX_PARTY_NAME, mailboxDialled, type VoicemailAccessHandler } from './voicemail-access';
import { SessionTimer, sessionTimerHeaders, type SessionInterval } from './session-timer';
import type { RingGroupPlan } from '../../directory/ring-groups';
import { ringGroup, type AnsweredRing, type Rung } from './ring-group';
import { membershipDialled, type GroupMembershipHandler } from './group-membership';
import {
  OUTSIDE_RING_SECONDS,
  nextTrunkMayTake,
  type ForwardReason,
  type Forwarding,
  type OutsideAttempt,
  type OutsideRoute,
  type OutsideRouter,
} from './outside-route';
import type { PutThrough, ReceptionistHandler } from './receptionist-access';
import { ringAfterMenu } from './ring-after-menu';
import { DEFAULT_RING_SECONDS, partyOf } from './party';
import type { ConferenceAccessHandler } from './conference-access';

export { DEFAULT_RING_SECONDS, partyOf };

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
  /** Log in to or out of a ring group by feature code (*45 / *46 and the group's extension). */
  groupMembership: GroupMembershipHandler;
  /** The office's session interval: a call quiet for that long is ended (see session-timer). */
  sessionExpiresSeconds: number;
  /** The ring group behind a dialled extension, and where round robin goes on after an answer. */
  ringGroups: {
    find(number: string): Promise<RingGroupPlan | null>;
    answered(groupId: string, memberExtension: string): Promise<void>;
  };
  /** Whether the extension is in an answered call now (ring groups skip busy members). */
  onCall(extension: string): boolean;
  /** The media agent's anchors for softphone ↔ desk phone calls; null runs every call direct. */
  anchors: MediaAnchors | null;
  /** Calls to numbers outside the office (through the trunks); null when the office has none. */
  outside: OutsideRouter | null;
  /**
   * The music a call hears on hold (a ring group's own, else that of the receptionist that put
   * it through, else the company's default: musicFor) as 8 kHz samples; null when there is none.
   * A call that may need it is anchored (hold-music.ts).
   */
  holdMusic(groupId: string | null, receptionistId?: string | null): Promise<Int16Array | null>;
  /** Calls to a receptionist's extension: the agent answers with its menu. */
  receptionist: ReceptionistHandler;
  /** Calls to a conference bridge's extension. */
  conference: ConferenceAccessHandler;
}

/** Something held for a party of a call until it is gone (a trunk's channel), told the talk time. */
export type Holding = (talkSeconds: number) => void;

/** The side of a call a party is on: the caller's leg, or the one that answered. */
export type Side = 'caller' | 'callee';

const FORWARD_REASONS: Record<'forwardAlways' | 'forwardBusy' | 'forwardNoAnswer', ForwardReason> = {
  forwardAlways: 'unconditional',
  forwardBusy: 'user-busy',
  forwardNoAnswer: 'no-answer',
};

/** What ringing some phones gave: the outcome, and the anchor points an answer joins, if any. */
interface Ringing extends Rung {
  points: { a: AnchorPoint; b: AnchorPoint } | null;
}

/** Forwarding may chain, but not for ever. */
const MAX_FORWARDS = 5;
/** A re-INVITE of the agent's that crossed the phone's own (491) goes again after this long (RFC 3261 §14.1). */
const GLARE_RETRY_MS = 1000;

/** The fault a phone's refusal names in the call log: no common codec, or unavailable. */
export function faultOf(refusals: number[]): CallFault | null {
  if (refusals.some((status) => status === 488 || status === 606)) return 'media-not-acceptable';
  if (refusals.includes(503)) return 'unavailable';
  return null;
}

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
  body: Body = bodyOf(from),
): SipResponse {
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
  /** Aborted as the call ends: ringing for it stops (someone a receptionist put the caller through to). */
  private readonly over = new AbortController();
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
  /** Set on a call that a transfer or take-over joined: how each side's log tells it. */
  private joinedAs: JoinedCall | null = null;
  /** The agent's bridge between the two legs' points, while the call is anchored. */
  private bridge: Bridge | null = null;
  /** What went wrong on the way (a phone's 488 or 503, no room to bridge), for the call log. */
  private fault: CallFault | null = null;
  /** Provisional statuses already relayed to the caller: one 180 however many phones ring. */
  private readonly relayedProvisional = new Set<number>();
  /** Legs sent a 2xx carrying their point's offer: the phone's answer comes in its ACK. */
  private readonly answerInAck = new Set<Leg>();
  /**
   * Whoever holds something for one side's party (a trunk's channel, a toll cap's place), told
   * once the call ends and how long it talked; a transfer carries it on with the party (carriedBy).
   */
  private finishListeners: { side: Side; listener: Holding }[] = [];
  /** What this call plays on hold; with it, every call is anchored so the agent can play it. */
  private holdMusic: Int16Array | null = null;
  /** Music playing to a leg's point now, while the other side holds it. */
  private readonly musicTo = new Map<Leg, { stop(): void }>();
  /** A ring group's music the caller hears while members ring: the caller's point answered in a 183. */
  private early: { point: AnchorPoint; answer: string; music: { stop(): void } } | null = null;

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

  /** The call as a watcher of its parties sees it (RFC 4235): who called whom, and whether it was answered. */
  get watched(): { id: string; caller: string; callee: string; answered: boolean } {
    return {
      id: `call-${this.a.id}`,
      caller: this.caller.number,
      callee: this.callee.number,
      answered: this.answeredAt !== null,
    };
  }

  /** An authenticated INVITE: ring `dialled` for the caller and answer the A leg with the outcome. */
  static place(
    context: CallContext,
    invite: SipRequest,
    transaction: ServerTransaction,
    a: Leg,
    caller: CallParty,
    /** The caller's device (its other phones ring); null for a call in from a carrier. */
    callerSipUsername: string | null,
    dialled: string,
    interval: SessionInterval,
    /** A phone number routed to `dialled`'s voicemail box: the box answers, nothing rings. */
    straightToVoicemail = false,
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
    void call.connect(invite, transaction, dialled, interval, straightToVoicemail).catch((error: unknown) => {
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
    straightToVoicemail: boolean,
  ): Promise<void> {
    const fail = (status: number, reason: string, result: CallResult) => {
      this.endEarlyMusic();
      transaction.respond(buildResponse(invite, status, reason, { toTag: this.a.localTag }));
      return this.finish(result);
    };
    /** The callee's voicemail box answers the call, or the caller hears why it cannot. */
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
    learnMedia(this.context.anchors, this.a, bodyOf(invite));
    if (straightToVoicemail) {
      const owner = await this.context.findTarget(dialled);
      if (owner) this.callee = partyOf(owner);
      // As though nobody were there: no phone rings, no forwarding applies.
      return unanswered('offline');
    }
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
    const membership = membershipDialled(dialled);
    if (membership) {
      const outcome = await this.context.groupMembership({
        ...membership,
        caller: this.caller,
        offer: bodyOf(invite),
      });
      if (outcome.kind === 'refuse') return fail(outcome.status, outcome.reason, 'failed');
      return this.answeredByAgent(invite, transaction, outcome.call, interval, 'answered');
    }
    this.holdMusic = await this.context.holdMusic(null);
    let number = dialled;
    /** The forwarding rule that led to `number`, if one did. */
    let forwarding: Forwarding | null = null;
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      const target = await this.context.findTarget(number);
      if (!target) {
        const route = await this.context.outside?.(number, this.caller, forwarding);
        if (route) return this.ringOutside(invite, transaction, route, interval, fail);
        return fail(404, 'Not Found', 'failed');
      }
      this.callee = partyOf(target);
      visited.add(number);
      const preferences = target.preferences;
      const forward = (rule: 'forwardAlways' | 'forwardBusy' | 'forwardNoAnswer'): string | null => {
        const setting = preferences?.[rule];
        const next = setting?.enabled ? setting.target : null;
        if (!next || hop >= MAX_FORWARDS || visited.has(next)) return null;
        forwarding = { by: this.callee, reason: FORWARD_REASONS[rule] };
        return next;
      };
      if (this.callerGaveUp) return fail(487, 'Request Terminated', 'cancelled');
      const receptionist = await this.context.receptionist({
        caller: this.caller,
        number,
        sourceAddress: this.a.flow.address,
        offer: bodyOf(invite),
        transfer: (next, answering) => this.transferFromAgent(next, answering),
      });
      if (receptionist?.kind === 'refuse') return fail(receptionist.status, receptionist.reason, 'failed');
      if (receptionist)
        return this.answeredByAgent(invite, transaction, receptionist.call, interval, 'answered');
      const sourceAddress = this.a.flow.address;
      const bridge = await this.context.conference({
        number,
        caller: this.caller,
        sourceAddress,
        offer: bodyOf(invite),
      });
      if (bridge?.kind === 'refuse') return fail(bridge.status, bridge.reason, 'failed');
      if (bridge) return this.answeredByAgent(invite, transaction, bridge.call, interval, 'answered');
      const group = await this.context.ringGroups.find(number);
      if (group) {
        if (group.musicId) this.holdMusic = await this.context.holdMusic(group.id);
        if (group.callerHears === 'music') await this.startEarlyMusic(invite, transaction);
        const outcome = await ringGroup(group, this.caller.number, {
          destinations: (extension) => this.context.destinations(extension, this.callerSipUsername),
          onCall: (extension) => this.context.onCall(extension),
          // The caller may hang up between two members' turns, when no ringer is there to cancel.
          ring: (destinations, seconds) =>
            this.callerGaveUp
              ? Promise.resolve({ outcome: { kind: 'cancelled' }, points: null, destination: null })
              : this.ring(invite, transaction, destinations, seconds),
          now: this.context.clock,
        });
        if (outcome.kind === 'cancelled') return fail(487, 'Request Terminated', 'cancelled');
        if (outcome.kind === 'answered') {
          const member = group.members.find((m) => m.extension === outcome.member)!;
          this.answeredBy = { number: member.extension, name: member.name, userId: member.userId };
          await this.answeredRung(invite, transaction, outcome.answer, outcome.rung.points, interval);
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
      const rung = await this.ring(invite, transaction, destinations, preferences?.ringTimeoutSeconds);
      if (rung === 'bridge-full') return fail(BRIDGE_FULL.status, BRIDGE_FULL.reason, 'failed');
      const { outcome } = rung;
      if (outcome.kind === 'answered')
        return this.answeredRung(invite, transaction, outcome, rung.points, interval);
      if (outcome.kind === 'cancelled') return fail(487, 'Request Terminated', 'cancelled');
      this.fault = faultOf(outcome.refusals) ?? this.fault;
      const next = forward(outcome.kind === 'busy' ? 'forwardBusy' : 'forwardNoAnswer');
      if (next) {
        number = next;
        continue;
      }
      return unanswered(outcome.kind === 'busy' ? 'busy' : 'no-answer');
    }
  }

  /**
   * Rings the destinations: each phone that does media as the caller does gets the caller's
   * offer, each other one an offer of an anchor point's, and the caller's own point is taken
   * then too, so no answered call is refused for want of room. Points of the branches that did
   * not answer are closed. 'bridge-full' when nobody could be rung for want of room.
   */
  private async ring(
    invite: SipRequest,
    transaction: ServerTransaction,
    destinations: Destination[],
    ringSeconds = DEFAULT_RING_SECONDS,
    /** A call out's own From, To and caller-ID headers (the office's are for its phones). */
    addressing?: Pick<OutsideAttempt, 'from' | 'to' | 'headers' | 'credentials' | 'restrictOffer' | 'dtmf'>,
  ): Promise<Ringing | 'bridge-full'> {
    const { anchors } = this.context;
    const forked = await forkOffers(
      anchors,
      this.a.mediaKind,
      this.a.mediaCodecs,
      bodyOf(invite),
      destinations,
      this.holdMusic !== null || keysNeedAnchoring(this.a.carrierDtmf, addressing?.dtmf),
    );
    let callerPoint: AnchorPoint | null = null;
    if (anchors && forked.points.some(Boolean)) {
      callerPoint = this.early?.point ?? (await anchors.open(this.a.mediaKind!));
      if (!callerPoint)
        for (let i = forked.points.length - 1; i >= 0; i--) {
          if (!forked.points[i]) continue;
          forked.points[i]!.close();
          forked.points.splice(i, 1);
          forked.branches.splice(i, 1);
          forked.refused++;
        }
    }
    if (forked.refused > 0) this.fault = 'bridge-full';
    if (forked.branches.length === 0) return 'bridge-full';
    const ringer = new Ringer(this.context.stack, {
      branches: forked.branches,
      from: addressing?.from ?? nameAddrOf(this.caller, this.context.domain),
      to: addressing?.to ?? `<sip:${this.callee.number}@${this.context.domain}>`,
      ...(addressing && { headers: addressing.headers }),
      ...(addressing?.credentials && { credentials: addressing.credentials }),
      ...(addressing && { restrictOffer: addressing.restrictOffer }),
      timeoutMs: ringSeconds * 1000,
      onProvisional: (response, branch) =>
        this.ringing(invite, transaction, response, forked.points[branch] !== null),
    });
    this.ringer = ringer;
    // The caller may have given up while the points were being opened.
    if (this.callerGaveUp) ringer.cancel();
    const outcome = await ringer.outcome;
    const winner = outcome.kind === 'answered' ? outcome.branch : -1;
    forked.points.forEach((point, i) => i !== winner && point?.close());
    const answeringPoint = forked.points[winner] ?? null;
    if (!answeringPoint && callerPoint !== this.early?.point) callerPoint?.close();
    return {
      outcome,
      points: answeringPoint && callerPoint ? { a: callerPoint, b: answeringPoint } : null,
      destination: forked.branches[winner]?.destination ?? null,
    };
  }

  /**
   * A call out: each trunk in failover order, until one's carrier answers or refuses for good. A
   * carrier that fails (5xx, no answer to the INVITE, gone) passes the call to the next trunk.
   */
  private async ringOutside(
    invite: SipRequest,
    transaction: ServerTransaction,
    route: OutsideRoute,
    interval: SessionInterval,
    fail: (status: number, reason: string, result: CallResult) => Promise<void>,
  ): Promise<void> {
    if (route.kind === 'refuse') return fail(route.status, route.reason, 'failed');
    this.callee = route.callee;
    this.onFinished(route.finished, 'callee');
    let notAcceptable = false;
    for await (const attempt of route.attempts) {
      if (this.callerGaveUp) {
        attempt.release();
        return fail(487, 'Request Terminated', 'cancelled');
      }
      const rung = await this.ring(invite, transaction, [attempt.destination], OUTSIDE_RING_SECONDS, attempt);
      if (rung === 'bridge-full') {
        attempt.release();
        return fail(BRIDGE_FULL.status, BRIDGE_FULL.reason, 'failed');
      }
      const { outcome } = rung;
      if (outcome.kind === 'answered') {
        outcome.leg.carrierDtmf = attempt.dtmf;
        this.onFinished(attempt.release, 'callee');
        return this.answeredRung(invite, transaction, outcome, rung.points, interval);
      }
      attempt.release();
      if (outcome.kind === 'cancelled') return fail(487, 'Request Terminated', 'cancelled');
      if (outcome.kind === 'busy') return fail(486, 'Busy Here', 'busy');
      if (outcome.kind === 'no-answer') return fail(480, 'Temporarily Unavailable (no answer)', 'missed');
      const refusal = outcome.refusals[0] ?? 503;
      if (!nextTrunkMayTake(refusal)) return fail(refusal, 'Refused by the carrier', 'failed');
      notAcceptable ||= refusal === 488;
    }
    if (notAcceptable) return fail(488, 'Not Acceptable Here (no trunk takes the codecs offered)', 'failed');
    return fail(503, 'Service Unavailable (no trunk took the call)', 'failed');
  }

  /** A phone answered: the call goes direct, or through the anchor points ringing opened. */
  private answeredRung(
    invite: SipRequest,
    transaction: ServerTransaction,
    outcome: AnsweredRing,
    points: Ringing['points'],
    interval: SessionInterval,
  ): Promise<void> | void {
    return points
      ? this.answeredAnchored(invite, transaction, outcome, points, interval)
      : this.answered(invite, transaction, outcome, interval);
  }

  /**
   * A phone's provisional response, relayed to the caller once per status: several phones (or
   * one that says it twice) ringing make one 180. An anchored phone's early SDP is its point's,
   * not the caller's, so it goes without it.
   */
  private ringing(
    invite: SipRequest,
    transaction: ServerTransaction,
    response: SipResponse,
    anchored: boolean,
  ) {
    // The caller hears the group's music: a 180 now would have its phone ring over it.
    if (this.early || this.relayedProvisional.has(response.status)) return;
    this.relayedProvisional.add(response.status);
    const identity = this.identityOfCallee();
    const body = anchored ? NO_BODY : bodyOf(response);
    transaction.respond(relayed(invite, response, this.a, this.context.stack, [identity], body));
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
    learnMedia(this.context.anchors, outcome.leg, bodyOf(outcome.answer));
    this.connected(outcome.leg, interval.seconds);
    this.pendingAcks.set(this.a, { to: outcome.leg, seq: 1 });
    const answer = relayed(invite, outcome.answer, this.a, this.context.stack, [
      ...sessionTimerHeaders(interval),
      this.identityOfCallee(),
    ]);
    this.respondAnswered(transaction, answer);
  }

  /**
   * A phone that does media differently answered its point's offer: the point takes the answer,
   * the caller's point answers the caller (in the codec the phone chose, where the caller has
   * it), and the bridge joins them. The phone's answer needs no ACK body, so it is ACKed at once.
   */
  private async answeredAnchored(
    invite: SipRequest,
    transaction: ServerTransaction,
    outcome: { leg: Leg; answer: SipResponse },
    points: { a: AnchorPoint; b: AnchorPoint },
    interval: SessionInterval,
  ): Promise<void> {
    const b = outcome.leg;
    b.ack(1);
    learnMedia(this.context.anchors, b, bodyOf(outcome.answer));
    const phoneAnswer = sdpOf(bodyOf(outcome.answer));
    const accepted = phoneAnswer !== null && (await points.b.accept(phoneAnswer));
    // A caller who heard the group's music was answered then (183): the same answer stands.
    const early = this.early?.point === points.a ? this.early.answer : null;
    this.endEarlyMusic(points.a);
    const answer =
      accepted &&
      (early ?? (await points.a.answer(sdpOf(bodyOf(invite))!, points.b.codec ? [points.b.codec] : [])));
    const refuse = (status: number, reason: string, result: CallResult) => {
      points.a.close();
      points.b.close();
      b.send('BYE', NO_BODY, () => undefined);
      transaction.respond(buildResponse(invite, status, reason, { toTag: this.a.localTag }));
      return this.finish(result);
    };
    if (!answer) {
      this.fault = 'media-not-acceptable';
      return refuse(488, 'Not Acceptable Here (the phones’ media cannot be bridged)', 'failed');
    }
    if (this.callerGaveUp) return refuse(487, 'Request Terminated', 'cancelled');
    this.a.anchor = points.a;
    b.anchor = points.b;
    this.connected(b, interval.seconds);
    const response = buildResponse(invite, 200, 'OK', {
      toTag: this.a.localTag,
      headers: [
        ['Contact', serverContact(this.context.stack, this.a.flow)],
        ...sessionTimerHeaders(interval),
        this.identityOfCallee(),
      ],
      body: Buffer.from(answer),
      contentType: 'application/sdp',
    });
    this.respondAnswered(transaction, response);
  }

  private respondAnswered(transaction: ServerTransaction, answer: SipResponse): void {
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
    this.endEarlyMusic();
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

  /**
   * The receptionist puts the caller through to `number`, rung as if dialled. Once someone
   * answers, this call (the caller and the receptionist) is logged and the caller's leg goes on
   * in a call with them, which says the receptionist transferred it.
   */
  private async transferFromAgent(target: PutThrough, answering: () => void): Promise<boolean> {
    const answered = await ringAfterMenu(
      this.context,
      this.a,
      this.caller,
      target,
      answering,
      this.over.signal,
    );
    if (!answered) return false;
    if (this.ended) {
      // The caller hung up while the target's phone was being joined.
      answered.leg.send('BYE', NO_BODY, () => undefined);
      answered.leg.dropAnchor();
      return false;
    }
    const startedAt = this.context.clock();
    this.agent = null;
    // The caller's leg lives on in the joined call: what it holds (the channel of the trunk it
    // came in on) is held until that call ends, not freed with the receptionist's part.
    const carried = this.carriedBy(this.a);
    void this.finish('answered');
    const joined = Call.joined(
      this.context,
      this.a,
      this.caller,
      answered.leg,
      answered.party,
      { callerDirection: 'outgoing', calleeDirection: 'incoming', transferredBy: this.callee },
      startedAt,
      answered.music,
    );
    joined.holdFor(this.a, carried);
    if (answered.finished) joined.onFinished(answered.finished, 'callee');
    return true;
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
    this.patchMedia();
  }

  /**
   * Both legs have points (an anchored call, or one a transfer joined): the bridge carries the
   * audio, keys cross over (RFC 4733 where the other phone takes it, else SIP INFO), and a point
   * whose media failed for good ends the call.
   */
  private patchMedia(): void {
    const { a, b } = this;
    if (!this.context.anchors || !b || !a.anchor || !b.anchor) return;
    this.bridge = this.context.anchors.bridge(a.anchor, b.anchor);
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      from.anchor!.onDigit = (digit) => sendKey(this.context.anchors, to, digit);
      from.anchor!.onFailed = () => {
        this.context.logger.warn({ callId: from.callId }, 'a phone’s media failed (ICE or DTLS): hanging up');
        this.hangUpAll();
      };
    }
    this.syncHold();
  }

  /**
   * Tells each phone of an anchored call whether the other one holds it: a re-INVITE from its
   * point, sendonly while held, sendrecv again on resume (later, music on hold plays there).
   */
  private syncHold(): void {
    this.syncHoldMusic();
    for (const leg of [this.a, this.b]) {
      const other = leg && this.other(leg);
      if (!leg?.anchor || !other?.anchor || leg.inviting || this.ended || this.handover) continue;
      const wanted = other.anchor.holding ? 'sendonly' : 'sendrecv';
      if (leg.anchorDirection === wanted) continue;
      const was = leg.anchorDirection;
      leg.anchorDirection = wanted;
      void reofferFromAnchor(leg).then(({ status }) => {
        if (status < 300) return this.syncHold();
        // Not taken: crossed with the phone's own re-INVITE (491), or its ACK still on the way
        // (500, RFC 3261 §14.2): tried again in a while.
        leg.anchorDirection = was;
        if (status === 491 || status === 500)
          this.context.stack.timers.after(GLARE_RETRY_MS, () => this.syncHold());
      });
    }
  }

  /**
   * Music plays to a leg while the other side holds it, and while its own phone listens (a
   * phone that holds too is sent nothing); it stops on resume and when the call ends.
   */
  private syncHoldMusic(): void {
    const { anchors } = this.context;
    for (const leg of [this.a, this.b]) {
      if (!leg) continue;
      const point = leg.anchor;
      const held = this.other(leg)?.anchor?.holding === true;
      const listens = !this.ended && !this.handover && point !== null && held && !point.holding;
      const playing = this.musicTo.get(leg);
      if (playing && !listens) {
        playing.stop();
        this.musicTo.delete(leg);
      } else if (!playing && listens && anchors && this.holdMusic)
        this.musicTo.set(leg, anchors.playMusic(point, this.holdMusic));
    }
  }

  /**
   * A ring group whose callers hear music: the caller's point answers the caller at once in a
   * 183 (early media) and plays it; every member's phone is then rung through a point, and the
   * answer joins the member to this same point (the 200 repeats the 183's answer).
   */
  private async startEarlyMusic(invite: SipRequest, transaction: ServerTransaction): Promise<void> {
    const { anchors } = this.context;
    const offer = sdpOf(bodyOf(invite));
    if (!anchors || !this.holdMusic || !this.a.mediaKind || !offer || this.early || this.callerGaveUp) return;
    const point = await anchors.open(this.a.mediaKind);
    if (!point) return;
    const answer = await point.answer(offer, this.a.mediaCodecs);
    if (!answer || this.callerGaveUp) return point.close();
    this.early = { point, answer, music: anchors.playMusic(point, this.holdMusic) };
    transaction.respond(
      buildResponse(invite, 183, 'Session Progress', {
        toTag: this.a.localTag,
        headers: [['Contact', serverContact(this.context.stack, this.a.flow)], this.identityOfCallee()],
        body: Buffer.from(answer),
        contentType: 'application/sdp',
      }),
    );
  }

  /** The group's music stops; its point is closed unless it is `keep` (the answered call's). */
  private endEarlyMusic(keep: AnchorPoint | null = null): void {
    const early = this.early;
    if (!early) return;
    this.early = null;
    early.music.stop();
    if (early.point !== keep) early.point.close();
  }

  /** In-dialog traffic from either side: the session is alive. */
  touch(): void {
    this.session?.touch();
  }

  /** Either side's ACK for a 2xx the server relayed to it goes on to the other side. */
  ack(leg: Leg, ack: SipRequest): void {
    if (this.agent) return this.agent.start();
    if (!leg.mediaKind) learnMedia(this.context.anchors, leg, bodyOf(ack));
    if (this.answerInAck.delete(leg)) {
      const answer = sdpOf(bodyOf(ack));
      if (answer) void leg.anchor?.accept(answer).then(() => this.syncHold());
      return;
    }
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

  /** Whether the party on the leg made this call or received it, as their call log says. */
  directionOf(leg: Leg): CallDirection {
    if (this.joinedAs) return leg === this.a ? this.joinedAs.callerDirection : this.joinedAs.calleeDirection;
    return leg === this.a ? 'outgoing' : 'incoming';
  }

  /** The other side of an answered call that no transfer or re-INVITE is changing, or null. */
  steadyPeer(leg: Leg): Leg | null {
    const other = this.other(leg);
    if (this.ended || this.answeredAt === null || this.handover || this.reinviting) return null;
    if (leg.inviting || other?.inviting) return null;
    return other;
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
    if (stayed) {
      stayed.send('BYE', NO_BODY, () => undefined);
      stayed.dropAnchor();
    }
    void this.finish('answered');
  }

  /** The transfer is done: the leaving side is hung up and this call is logged; the other side lives on elsewhere. */
  handedOver(): Promise<void> {
    const handover = this.handover;
    if (handover && !handover.gone) handover.leaving.send('BYE', NO_BODY, () => undefined);
    handover?.leaving.dropAnchor();
    this.handover = null;
    return this.finish('answered');
  }

  /**
   * Two legs already in dialogs of their own become one answered call (after a transfer);
   * `joinedAs` says how it is logged, since neither side dialled the other.
   */
  static joined(
    context: CallContext,
    a: Leg,
    aParty: CallParty,
    b: Leg,
    bParty: CallParty,
    joinedAs: JoinedCall,
    startedAt = context.clock(),
    /** What it plays on hold, chosen before it was rung (a receptionist's put-through); left out: the company's default. */
    music?: Int16Array | null,
  ): Call {
    const call = new Call(context, a, aParty, bParty, startedAt, null);
    call.joinedAs = joinedAs;
    if (music !== undefined) call.holdMusic = music;
    call.connected(b, context.sessionExpiresSeconds);
    if (music !== undefined) return call;
    // A transfer leaves any ring group behind: the company's music plays on hold.
    void context
      .holdMusic(null)
      .then((found) => {
        call.holdMusic = found;
        call.syncHoldMusic();
      })
      .catch((error: unknown) => context.logger.warn({ error: String(error) }, 'music on hold not found'));
    return call;
  }

  /**
   * A re-INVITE (hold, resume, new media) from one side is offered to the other; on an anchored
   * call the leg's point answers it, and the other phone is told only of a change of hold.
   */
  reinvite(leg: Leg, request: SipRequest, transaction: ServerTransaction): SipResponse | void {
    // The agent's stream cannot change: the call goes on as it was (RFC 3261 §14.2).
    if (this.agent && !this.ended)
      return buildResponse(request, 488, 'Not Acceptable Here', { toTag: leg.localTag });
    const other = this.other(leg);
    if (!other || this.ended) return buildResponse(request, 481, 'Call/Transaction Does Not Exist');
    if (leg.inviting) return buildResponse(request, 491, 'Request Pending');
    if (leg.anchor && this.bridge) {
      void this.answerOnAnchor(leg, request, transaction).catch((error: unknown) => {
        this.context.logger.error({ error: String(error) }, 're-INVITE on an anchored call failed');
        transaction.respond(buildResponse(request, 500, 'Server Internal Error', { toTag: leg.localTag }));
      });
      return;
    }
    if (this.reinviting) return buildResponse(request, 491, 'Request Pending');
    this.reinviting = true;
    let answered = false;
    const sent = other.send('INVITE', leg.asCarrierTakesKeys(bodyOf(request)), (response) => {
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

  /**
   * The leg's point answers its phone's re-offer (an offer-less re-INVITE gets the point's own
   * offer, answered in the ACK); a change of hold then reaches the other phone.
   */
  private async answerOnAnchor(leg: Leg, request: SipRequest, transaction: ServerTransaction): Promise<void> {
    const point = leg.anchor!;
    const offer = sdpOf(leg.asCarrierTakesKeys(bodyOf(request)));
    const peerCodec = this.other(leg)?.anchor?.codec;
    let description: string | null;
    if (offer === null) {
      description = await point.offer(leg.anchorDirection, []);
      this.answerInAck.add(leg);
    } else description = await point.answer(offer, peerCodec ? [peerCodec] : []);
    if (!description)
      return transaction.respond(buildResponse(request, 488, 'Not Acceptable Here', { toTag: leg.localTag }));
    transaction.respond(
      buildResponse(request, 200, 'OK', {
        toTag: leg.localTag,
        headers: [['Contact', serverContact(this.context.stack, leg.flow)]],
        body: Buffer.from(description),
        contentType: 'application/sdp',
      }),
    );
    this.syncHold();
  }

  /**
   * INFO (DTMF and the like) goes to the other side; its answer comes back. A key for an
   * anchored desk phone that takes RFC 4733, or for a carrier that takes keys in band, is played
   * to it in the media instead.
   */
  info(leg: Leg, request: SipRequest): Promise<SipResponse> | SipResponse {
    const digit = infoDigit(request.headers.get('Content-Type') ?? null, request.body);
    if (this.agent && !this.ended) {
      if (!digit) return buildResponse(request, 415, 'Unsupported Media Type (DTMF only)');
      this.agent.digit(digit);
      return buildResponse(request, 200, 'OK');
    }
    const other = this.other(leg);
    if (!other || this.ended) return buildResponse(request, 481, 'Call/Transaction Does Not Exist');
    if (digit && keyInMedia(this.context.anchors, other, digit)) return buildResponse(request, 200, 'OK');
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
    leg.dropAnchor();
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
      other.dropAnchor();
    }
    void this.finish('answered');
  }

  hangUpAll(): void {
    this.agent?.hangUp();
    for (const leg of [this.a, this.b]) {
      if (!leg) continue;
      leg.send('BYE', NO_BODY, () => undefined);
      this.context.unbind(leg);
      leg.dropAnchor();
    }
    void this.finish(this.agent ? this.agentResult : this.answeredAt ? 'answered' : 'failed');
  }

  /** The other side, while the call is up and nothing is handing it over (for a blind transfer), or null. */
  transferablePeer(leg: Leg): Leg | null {
    return this.ended || this.handover ? null : this.other(leg);
  }

  /** Runs `listener` once the call ends (at once when it already has), with its talk time; held for `side`'s party. */
  onFinished(listener: Holding, side: Side = 'caller'): void {
    if (this.ended) listener(this.talkSeconds());
    else this.finishListeners.push({ side, listener });
  }

  /**
   * What the call holds for the party on `leg`, taken out as that leg goes on in another call (a
   * transfer): the party's trunk channel and toll places stay taken until it is really gone,
   * and the talk time here is counted in with the next call's.
   */
  carriedBy(leg: Leg): Holding[] {
    const side = this.sideOf(leg);
    const talked = this.talkSeconds();
    const carried = this.finishListeners.filter((held) => held.side === side);
    this.finishListeners = this.finishListeners.filter((held) => held.side !== side);
    return carried.map(
      ({ listener }) =>
        (talkSeconds) =>
          listener(talked + talkSeconds),
    );
  }

  /** Holds what `carriedBy` took from the leg's last call until this one ends. */
  holdFor(leg: Leg, carried: readonly Holding[]): void {
    for (const holding of carried) this.onFinished(holding, this.sideOf(leg));
  }

  private sideOf(leg: Leg): Side {
    return leg === this.a ? 'caller' : 'callee';
  }

  private talkSeconds(): number {
    return this.answeredAt === null ? 0 : Math.round((this.context.clock() - this.answeredAt) / 1000);
  }

  private async finish(result: CallResult): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    for (const { listener } of this.finishListeners.splice(0)) listener(this.talkSeconds());
    this.over.abort();
    this.session?.stop();
    this.endEarlyMusic();
    this.syncHoldMusic();
    // The points stay with their legs: a leg that lives on in another call keeps its own.
    this.bridge?.close();
    this.bridge = null;
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
        fault: this.fault,
        ...(this.joinedAs && { joined: this.joinedAs }),
      });
    } catch (error) {
      this.context.logger.error({ error: String(error) }, 'call-log row not written');
    }
  }
}
