import { Type, type Static } from 'typebox';
import { Id, Nullable, ShortText, StrictObject, Timestamp } from '../../api/primitives';
import { CallDirection } from '../../api/call-log';
import { NoContent, NoRequest, channel, type DomainSpec } from '../channel';

/** What a person dials: an extension, a number, or a sip: address. */
export const DialTarget = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9+*#@:._-]+$' });
export const DtmfTones = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9*#A-Da-d]+$' });

/**
 * Why a call could not be made or a transfer did not take, from the SIP answer (its status, or
 * the cause of its Reason header, RFC 3326), in words the screen translates.
 */
export const CallFailure = Type.Union([
  /** No one has this number (404, 484, 604). */
  Type.Literal('not-found'),
  /** The other side is on a call (486, 600). */
  Type.Literal('busy'),
  /** The other side turned the call down (603). */
  Type.Literal('declined'),
  /** The other side cannot take calls now: not signed in, do-not-disturb (480). */
  Type.Literal('unavailable'),
  /** Nobody answered in time (408). */
  Type.Literal('no-answer'),
  /** The office does not allow it (401, 403, 407). */
  Type.Literal('forbidden'),
  /** The two phones have no audio in common (488, 606). */
  Type.Literal('media'),
  /** The office could not carry the call (5xx). */
  Type.Literal('office'),
  /** The request never reached the office (the connection dropped). */
  Type.Literal('network'),
  /** Any other refusal. */
  Type.Literal('refused'),
]);

/**
 * A transfer of this call. Asked for by this phone (REFER): how it goes, from the office's NOTIFY
 * sipfrag. Made by the other side: done, and the call now reaches `target`.
 */
export const CallTransfer = StrictObject({
  by: Type.Union([Type.Literal('this-phone'), Type.Literal('other-side')]),
  /** The number the call is sent to. */
  target: Type.String({ maxLength: 128 }),
  /** Whom that is, when this phone knows (a consultation call, the office's identity). */
  targetName: Nullable(ShortText),
  state: Type.Union([Type.Literal('trying'), Type.Literal('done'), Type.Literal('failed')]),
  failure: Nullable(CallFailure),
});

export type CallFailure = Static<typeof CallFailure>;

export const Call = StrictObject({
  id: Id,
  direction: CallDirection,
  remoteNumber: Type.String({ maxLength: 128 }),
  remoteName: Nullable(ShortText),
  state: Type.Union([
    Type.Literal('dialing'),
    Type.Literal('ringing'),
    Type.Literal('active'),
    Type.Literal('held'),
    Type.Literal('ended'),
  ]),
  muted: Type.Boolean(),
  /** The other side has put this call on hold (its re-INVITE said sendonly or inactive). */
  remoteHold: Type.Boolean(),
  /** Set on a call this phone made that ended without being connected: refused, or lost. */
  failure: Nullable(CallFailure),
  /** The call's latest transfer, if any. */
  transfer: Nullable(CallTransfer),
  /** Who put this incoming call through to this phone (the office's Referred-By), if someone did. */
  transferredBy: Nullable(
    StrictObject({ number: Type.String({ maxLength: 128 }), name: Nullable(ShortText) }),
  ),
  startedAt: Timestamp,
});

const CallRef = StrictObject({ callId: Id });

/**
 * A tel:, sip: or callto: link from outside the app (another app, a web page), waiting for the
 * person's Call or Cancel: nothing is dialled on a link's word alone.
 */
export const LinkToConfirm = StrictObject({ target: DialTarget });

export const calls = {
  requests: {
    list: channel(NoRequest, Type.Array(Call)),
    dial: channel(StrictObject({ target: DialTarget }), Call),
    answer: channel(CallRef, NoContent),
    decline: channel(CallRef, NoContent),
    hangUp: channel(CallRef, NoContent),
    hold: channel(CallRef, NoContent),
    resume: channel(CallRef, NoContent),
    mute: channel(StrictObject({ callId: Id, muted: Type.Boolean() }), NoContent),
    sendDtmf: channel(StrictObject({ callId: Id, tones: DtmfTones }), NoContent),
    transfer: channel(StrictObject({ callId: Id, target: DialTarget }), NoContent),
    /** Attended transfer: joins the held call to the consultation call (REFER with Replaces). */
    completeTransfer: channel(StrictObject({ callId: Id, consultationCallId: Id }), NoContent),
    /** The link waiting for the person's answer, if any: for a page opened after it was asked. */
    linkToConfirm: channel(NoRequest, Nullable(LinkToConfirm)),
    /** The person answered that link (on Call the page dials it itself, as from its dial pad). */
    linkAnswered: channel(LinkToConfirm, NoContent),
  },
  events: {
    incoming: Call,
    stateChanged: Call,
    /** A key the other side pressed (SIP INFO application/dtmf-relay). */
    dtmfReceived: StrictObject({ callId: Id, tone: Type.String({ pattern: '^[0-9*#A-D]$' }) }),
    /** A link asks to be dialled; null once it was answered (on any page) or dropped. */
    linkToConfirmChanged: Nullable(LinkToConfirm),
  },
} satisfies DomainSpec;
