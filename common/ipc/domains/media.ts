// Media lives in the renderer, signalling in main. Main asks the page that announced itself as
// the media provider for each call's media work (`media:work` events carrying a request id),
// and that page answers each one through `media:done`.
import { Type, type Static, type TProperties } from 'typebox';
import { Id, StrictObject } from '../../api/primitives';
import { IceServer } from '../../api/me';
import { NoContent, NoRequest, channel, type DomainSpec } from '../channel';

export const MediaRequestId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
/** A session description: generous for many candidates and codecs, bounded all the same. */
export const Sdp = Type.String({ minLength: 1, maxLength: 32_768 });

export const MediaStats = StrictObject({
  packetsSent: Type.Integer({ minimum: 0 }),
  packetsReceived: Type.Integer({ minimum: 0 }),
  /** The loudness last received, 0..1. */
  audioLevel: Type.Number({ minimum: 0, maximum: 1 }),
});
export type MediaStats = Static<typeof MediaStats>;

const callWork = <T extends TProperties>(fields: T) =>
  StrictObject({ requestId: MediaRequestId, callId: Id, ...fields });

/** What main asks of the media provider, per call. */
export const MediaWork = Type.Union([
  /** This side's description: an answer when a remote offer waits, else an offer. */
  callWork({
    action: Type.Literal('describe'),
    hold: Type.Boolean(),
    iceRestart: Type.Boolean(),
    iceServers: Type.Array(IceServer),
  }),
  /** The other side's description (offer or answer). */
  callWork({ action: Type.Literal('apply'), sdp: Sdp, iceServers: Type.Array(IceServer) }),
  callWork({ action: Type.Literal('mute'), muted: Type.Boolean() }),
  callWork({ action: Type.Literal('stats') }),
  callWork({ action: Type.Literal('close') }),
]);
export type MediaWork = Static<typeof MediaWork>;

export const MediaDone = Type.Union([
  StrictObject({
    requestId: MediaRequestId,
    ok: Type.Literal(true),
    sdp: Type.Optional(Sdp),
    stats: Type.Optional(MediaStats),
  }),
  StrictObject({
    requestId: MediaRequestId,
    ok: Type.Literal(false),
    message: Type.String({ maxLength: 500 }),
  }),
]);
export type MediaDone = Static<typeof MediaDone>;

export const media = {
  requests: {
    /** The page that owns the microphone and speaker says it will do the calls' media. */
    announce: channel(NoRequest, NoContent),
    done: channel(MediaDone, NoContent),
    /** Packets and loudness of a call, for the call screen's quality hint and for tests. */
    stats: channel(StrictObject({ callId: Id }), MediaStats),
  },
  events: {
    work: MediaWork,
  },
} satisfies DomainSpec;
