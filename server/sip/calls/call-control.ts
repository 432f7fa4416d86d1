// Call control: the B2BUA's entry points. Initial INVITEs are authenticated (407) and checked
// against the office's numbering; in-dialog requests (ACK, BYE, re-INVITE, INFO, REFER) find
// their call by Call-ID and the server's tag.
import type { MusicFolder } from '../../music/music-folder';
import { musicSamplesFor } from '../../music/music-library';
import type { Logger } from '../../logger';
import type { Clock } from '../../time';
import type { OfficeDb } from '../../db/database';
import type { CallParty, FinishedCall } from '../../directory/call-log';
import { findExtensionTarget } from '../../directory/sip-accounts';
import {
  findRingGroupPlan,
  recordRingGroupAnswer,
  setMembershipByExtension,
} from '../../directory/ring-groups';
import { parseFeatureCode } from '../../../common/api/feature-codes';
import { groupMembershipHandler } from './group-membership';
import type { SipRequest, SipResponse } from '../message';
import { buildResponse, newTag, parseSipUri } from '../fields';
import type { SipStack } from '../stack';
import type { ServerTransaction } from '../transactions';
import type { Flow } from '../transports/transport';
import type { DeviceAuthenticator } from '../device-auth';
import type { Registrar } from '../registrar';
import { Call, partyOf, type CallContext } from './call';
import { Leg, bodyOf, tagOf } from './leg';
import type { DtmfMode } from '../../../common/api/trunks';
import { bodyForDtmf } from '../trunks/trunk-codecs';
import {
  inviteWithReplaces,
  parseReplaces,
  referWithReplaces,
  replacesInReferTo,
  type DialogEntry,
  type Replaces,
} from './attended-transfer';
import { referBlind } from './blind-transfer';
import { isExtension } from './numbering';
import { refuseUnanswered, type UnansweredCallHandler } from './unanswered';
import type { MediaAnchors } from './media-anchor';
import { refuseVoicemailAccess, type VoicemailAccessHandler } from './voicemail-access';
import type { OutsideRouter } from './outside-route';
import { digitsOf } from '../trunks/outside-numbers';
import { noReceptionist, type ReceptionistHandler } from './receptionist-access';
import { refuseConferences, type ConferenceAccessHandler } from './conference-access';
import { findConferencePlan } from '../../directory/conferences';
import { DEFAULT_SESSION_EXPIRES_SECONDS, MIN_SE_SECONDS, sessionInterval } from './session-timer';

const intervalTooSmall = (request: SipRequest) =>
  buildResponse(request, 422, 'Session Interval Too Small', {
    headers: [['Min-SE', String(MIN_SE_SECONDS)]],
  });

const dialogKey = (callId: string, localTag: string) => `${callId}|${localTag}`;
const sameFlow = (a: Flow, b: Flow) =>
  a.transport === b.transport &&
  a.address === b.address &&
  a.port === b.port &&
  a.connectionId === b.connectionId;

/** A call of an extension as a watcher sees it (RFC 4235 §4.1: direction and state). */
export interface WatchedDialog {
  id: string;
  direction: 'initiator' | 'recipient';
  state: 'early' | 'confirmed';
}

export class CallControl {
  private readonly dialogs = new Map<string, { call: Call; leg: Leg }>();
  private readonly context: CallContext;
  /** Who hears that calls of some extensions began, were answered or ended. */
  private readonly watchers = new Set<(extensions: string[]) => void>();

  constructor(
    private readonly stack: SipStack,
    private readonly db: OfficeDb,
    private readonly auth: DeviceAuthenticator,
    registrar: Registrar,
    clock: Clock,
    logger: Logger,
    /** Addresses besides the domain that mean "this office" in a Request-URI (the listening host). */
    private readonly localHosts: string[],
    /** Writes a finished call to the call log (and tells whoever should know). */
    record: (call: FinishedCall) => Promise<void>,
    sessionExpiresSeconds = DEFAULT_SESSION_EXPIRES_SECONDS,
    unanswered: UnansweredCallHandler = refuseUnanswered,
    voicemailAccess: VoicemailAccessHandler = refuseVoicemailAccess,
    /** The media agent's anchors: calls between a softphone and a desk phone go through them. */
    anchors: MediaAnchors | null = null,
    /** Music-on-hold files: with none (or no agent), calls on hold hear silence. */
    music: MusicFolder | null = null,
    receptionist: ReceptionistHandler = noReceptionist,
    /** The media agent's bridges; without it, a bridge's extension is refused. */
    conference: ConferenceAccessHandler = refuseConferences(
      async (number) => !!(await findConferencePlan(db, number)),
    ),
  ) {
    this.context = {
      stack,
      clock,
      logger,
      domain: auth.realm,
      findTarget: (number) => findExtensionTarget(db, number),
      destinations: (extension, except) => registrar.destinationsOf(extension, except),
      // A call's legs are bound as it starts and is answered and unbound as it ends: the moments
      // its parties' dialog state changes.
      bind: (leg, call) => {
        this.dialogs.set(dialogKey(leg.callId, leg.localTag), { call, leg });
        this.changed(call);
      },
      unbind: (leg) => {
        const key = dialogKey(leg.callId, leg.localTag);
        const entry = this.dialogs.get(key);
        this.dialogs.delete(key);
        if (entry) this.changed(entry.call);
      },
      record,
      unanswered,
      voicemailAccess,
      groupMembership: groupMembershipHandler((member, group, loggedIn) =>
        setMembershipByExtension(db, member, group, loggedIn),
      ),
      sessionExpiresSeconds,
      ringGroups: {
        find: (number) => findRingGroupPlan(db, number),
        answered: (groupId, member) => recordRingGroupAnswer(db, groupId, member),
      },
      onCall: (extension) => [...this.dialogs.values()].some(({ call }) => call.involves(extension)),
      anchors,
      outside: null,
      holdMusic: async (groupId, receptionistId = null) =>
        anchors && music ? musicSamplesFor(db, music, logger, groupId, receptionistId) : null,
      receptionist,
      conference,
    };
    stack.screen('INVITE', (request, flow) => this.screenInvite(request, flow));
    stack.handle('INVITE', (request, flow, transaction) => this.invite(request, flow, transaction));
    stack.handle('BYE', (request) => this.inDialog(request, (call, leg) => call.bye(leg, request)));
    stack.handle('INFO', (request) => this.inDialog(request, (call, leg) => call.info(leg, request)));
    stack.handle('REFER', (request, flow) =>
      this.inDialog(request, (call, leg) => this.refer(call, leg, request, flow)),
    );
    stack.handle('NOTIFY', (request) => this.inDialog(request, () => buildResponse(request, 200, 'OK')));
    stack.handleAck((ack) => {
      const found = this.find(ack);
      found?.call.touch();
      found?.call.ack(found.leg, ack);
    });
  }

  /**
   * A phone's connection closed: it cannot hear or send anything in its calls any more, so
   * they end, and the other side is told with a BYE.
   */
  connectionClosed(connectionId: string): void {
    for (const { call, leg } of [...this.dialogs.values()]) {
      if (leg.flow.connectionId === connectionId) call.leave(leg);
    }
  }

  /** Calls to numbers outside the office go this way from now on (the trunks, once they run). */
  routeOutside(router: OutsideRouter): void {
    this.context.outside = router;
  }

  /** Tells `listener` the extensions whose calls changed state; returns the way to stop. */
  watch(listener: (extensions: string[]) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  /** The calls an extension takes part in, ringing (early) or answered (confirmed). */
  dialogsOf(extension: string): WatchedDialog[] {
    const calls = new Set([...this.dialogs.values()].map((d) => d.call));
    return [...calls].flatMap((call): WatchedDialog[] => {
      const { id, caller, callee, answered } = call.watched;
      const state = answered ? 'confirmed' : 'early';
      if (caller === extension) return [{ id, direction: 'initiator', state }];
      if (callee === extension) return [{ id, direction: 'recipient', state }];
      return [];
    });
  }

  private changed(call: Call): void {
    const { caller, callee } = call.watched;
    for (const listener of this.watchers) listener([caller, callee]);
  }

  /** Calls in progress or connected (each counted once). */
  get activeCalls(): number {
    return new Set([...this.dialogs.values()].map((d) => d.call)).size;
  }

  private find(request: SipRequest) {
    const tag = tagOf(request.headers.get('To'));
    return tag ? this.dialogs.get(dialogKey(request.headers.get('Call-ID')!, tag)) : undefined;
  }

  /** The leg a Replaces names: its Call-ID, the server's tag and the phone's tag must all match. */
  private replaced(replaces: Replaces): DialogEntry | null {
    const found = this.dialogs.get(dialogKey(replaces.callId, replaces.toTag));
    return found && found.leg.remoteTag === replaces.fromTag ? found : null;
  }

  /**
   * REFER: attended transfer when Refer-To carries Replaces, blind otherwise. A dialog's ids can
   * leak (a log, a trace), so a transfer is honoured only from the connection (or, over UDP, the
   * address) its own phone uses.
   */
  private refer(call: Call, leg: Leg, request: SipRequest, flow: Flow): SipResponse {
    if (!sameFlow(flow, leg.flow))
      return buildResponse(request, 403, 'Forbidden (not from this call’s phone)');
    const replaces = replacesInReferTo(request.headers.get('Refer-To') ?? '');
    if (replaces === 'none') return referBlind(this.context, request, { call, leg });
    if (!replaces) return buildResponse(request, 400, 'Bad Request (malformed Replaces in Refer-To)');
    return referWithReplaces(this.context, request, { call, leg }, replaces, (r) => this.replaced(r));
  }

  private inDialog(
    request: SipRequest,
    run: (call: Call, leg: Leg) => Promise<SipResponse> | SipResponse | void,
  ): Promise<SipResponse> | SipResponse | void {
    const found = this.find(request);
    if (!found) return buildResponse(request, 481, 'Call/Transaction Does Not Exist');
    found.call.touch();
    return run(found.call, found.leg);
  }

  /**
   * Everything an initial INVITE can be refused for before it is authenticated is answered
   * statelessly, once: a forged source draws no 100 Trying and no retransmitted refusals.
   */
  private screenInvite(request: SipRequest, flow: Flow): SipResponse | null {
    if (tagOf(request.headers.get('To'))) return null;
    const maxForwards = Number(request.headers.get('Max-Forwards') ?? '70');
    if (maxForwards <= 0) return buildResponse(request, 483, 'Too Many Hops');
    try {
      const uri = parseSipUri(request.uri);
      if (uri.host !== this.auth.realm && !this.localHosts.includes(uri.host))
        return buildResponse(request, 403, 'Forbidden (calls only within this office)');
    } catch {
      return buildResponse(request, 416, 'Unsupported URI Scheme');
    }
    return this.auth.challengeUnauthenticated(request, flow);
  }

  private async invite(request: SipRequest, flow: Flow, transaction: ServerTransaction) {
    if (tagOf(request.headers.get('To'))) {
      transaction.respond(buildResponse(request, 100, 'Trying'));
      return this.inDialog(request, (call, leg) => call.reinvite(leg, request, transaction));
    }
    const outcome = await this.auth.authenticate(request, flow);
    if (!outcome.ok) return transaction.respond(outcome.response, { once: true });
    const interval = sessionInterval(request, this.context.sessionExpiresSeconds);
    if (interval === 'too-small') return intervalTooSmall(request);
    // §17.2.1: a 100 stops the caller's INVITE retransmissions while the call is set up.
    transaction.respond(buildResponse(request, 100, 'Trying'));
    const account = outcome.account;
    const replacesHeader = request.headers.get('Replaces');
    if (replacesHeader !== undefined) {
      const replaces = parseReplaces(replacesHeader);
      if (!replaces) return buildResponse(request, 400, 'Bad Request (malformed Replaces)');
      const leg = Leg.answering(this.stack, request, flow, newTag());
      return inviteWithReplaces(this.context, request, transaction, leg, account.extension, replaces, (r) =>
        this.replaced(r),
      );
    }
    const dialled = parseSipUri(request.uri).user ?? '';
    const outside = this.context.outside !== null && digitsOf(dialled) !== null;
    if (!isExtension(dialled) && !parseFeatureCode(dialled) && !outside)
      return buildResponse(request, 404, 'Not Found (not an extension)');
    const callerTarget = await findExtensionTarget(this.db, account.extension);
    const caller = callerTarget
      ? partyOf(callerTarget)
      : { number: account.extension, name: null, userId: account.userId };
    const a = Leg.answering(this.stack, request, flow, newTag());
    Call.place(this.context, request, transaction, a, caller, account.sipUsername, dialled, interval);
  }

  /**
   * A call in from a carrier for one of the office's numbers: rung as though `caller` dialled
   * `dialled` (what the number routes to), or put straight through to its voicemail box. The
   * call, or the refusal of a too small session interval. A carrier that takes keys otherwise than
   * as RFC 4733 events (`dtmf`) has telephone-event left out of its offer, so nothing the office
   * answers lists it.
   */
  placeFromOutside(
    request: SipRequest,
    flow: Flow,
    transaction: ServerTransaction,
    caller: CallParty,
    dialled: string,
    dtmf: DtmfMode,
    straightToVoicemail = false,
  ): Call | SipResponse {
    const interval = sessionInterval(request, this.context.sessionExpiresSeconds);
    if (interval === 'too-small') return intervalTooSmall(request);
    transaction.respond(buildResponse(request, 100, 'Trying'));
    const a = Leg.answering(this.stack, request, flow, newTag());
    a.carrierDtmf = dtmf;
    const offer = bodyForDtmf(bodyOf(request), dtmf);
    const invite = { ...request, body: offer.bytes };
    return Call.place(
      this.context,
      invite,
      transaction,
      a,
      caller,
      null,
      dialled,
      interval,
      straightToVoicemail,
    );
  }
}
