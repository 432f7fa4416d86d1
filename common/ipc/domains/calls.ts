import { Type } from 'typebox';
import { Id, Nullable, ShortText, StrictObject, Timestamp } from '../../api/primitives';
import { CallDirection } from '../../api/call-log';
import { NoContent, NoRequest, channel, type DomainSpec } from '../channel';

/** What a person dials: an extension, a number, or a sip: address. */
export const DialTarget = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9+*#@:._-]+$' });
export const DtmfTones = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9*#A-Da-d]+$' });

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
