// An office with the media agent and people of both kinds, for anchored-call tests: app
// softphones (sip.js over WebSocket with werift WebRTC media, each playing a tone of its own)
// and desk phones (raw UDP, G.711 tone). Tones are checked by frequency at the other end.
import { expect, vi } from 'vitest';
import type { Session } from 'sip.js';
import type { SessionDialog } from 'sip.js/lib/core/dialogs/session-dialog.js';
import type { ServerConfig } from '../../server/config';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { toneAmplitude } from '../support/tone';
import type { Hearing } from '../support/media-peers';
import type { G711Law } from '../../server/media/g711';
import { TestPhone } from './softphone';
import { WebRtcMedia } from './webrtc-media';
import { DeskPhone } from './udp-desk-phone';
import { rtpPortsForTest } from '../support/rtp-ports';
import { POLL } from '../support/tone-checks';

export { POLL, expectTone } from '../support/tone-checks';
const RATE = 8000;

/** What a test reads of an SDP body: its audio port, its direction, its ICE username fragment. */
export const portOf = (sdp: string) => /^m=audio (\d+)/m.exec(sdp)?.[1];
export const directionOf = (sdp: string) => /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(sdp)?.[1];
export const ufragOf = (sdp: string) => /a=ice-ufrag:(\S+)/.exec(sdp)?.[1];

export interface Softphone {
  phone: TestPhone;
  media: WebRtcMedia;
  extension: string;
  token: string;
}

export interface Desk {
  phone: DeskPhone;
  extension: string;
  token: string;
}

export async function startMixedOffice(
  maxAnchoredCalls = 4,
  config: Partial<ServerConfig> = {},
): Promise<SipOffice & { admin: string }> {
  const office = await startSipOffice(config, {
    media: { maxSessions: 4, rtpPorts: await rtpPortsForTest(300), silenceSeconds: 5, maxAnchoredCalls },
  });
  return { ...office, admin: await office.office.adminToken() };
}

export async function softphoneOf(
  office: SipOffice & { admin: string },
  name: string,
  hz: number,
): Promise<Softphone> {
  const user = await office.office.createSignedInUser(office.admin, name);
  const media = new WebRtcMedia(hz);
  const phone = await TestPhone.ofUser(office.office, user.token, name, 0, media.factory);
  return { phone, media, extension: user.extension, token: user.token };
}

/**
 * After each test: whatever a failed one left up ends, so the next test (or its retry) starts
 * with an idle office instead of failing on the calls and anchor points still open.
 */
export async function endEveryCall(
  office: SipOffice,
  phones: { phone: TestPhone | DeskPhone }[],
): Promise<void> {
  for (const { phone } of phones) await phone.endEveryCall();
  await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);
  await expect.poll(() => office.sip.media!.anchors.openPoints, POLL).toBe(0);
}

/** A desk phone for `extension` (a new user's when none is given) playing `hz`. */
export async function deskPhoneOf(
  office: SipOffice & { admin: string },
  name: string,
  hz: number,
  law: G711Law = 'PCMU',
  owner?: { extension: string; token: string },
): Promise<Desk> {
  const user = owner ?? (await office.office.createSignedInUser(office.admin, name));
  const device = await office.office.addDeskPhone(office.admin, user.extension);
  const phone = await DeskPhone.start(
    office.sip.ports.udp,
    user.extension,
    device,
    law,
    office.office.office.config.sipHost,
  );
  phone.media.play(hz);
  return { phone, extension: user.extension, token: user.token };
}

/** A tone of a test's (amplitude 8,000) heard through G.711 and a conference's mix is well above this… */
const HEARD = 3000;
/** …and a tone nobody sends, well below. */
export const ABSENT = 300;

/**
 * In a 0.4 s stretch of what `hearing` hears (the last one, once 0.8 s more came, else a later
 * one: a stretch missing a lost packet or two falls short), each tone of `present` is there
 * (above `heard`) and none of `absent` (Goertzel amplitudes, whatever else is mixed in).
 */
export async function expectHears(
  hearing: Hearing,
  present: number[],
  absent: number[],
  heard = HEARD,
): Promise<void> {
  const mark = hearing.samples.length;
  await expect.poll(() => hearing.samples.length - mark, POLL).toBeGreaterThan(0.8 * RATE);
  await vi.waitFor(() => {
    const last = hearing.samples.slice(-0.4 * RATE);
    for (const hz of present) expect(toneAmplitude(last, RATE, hz), `${hz} Hz heard`).toBeGreaterThan(heard);
    for (const hz of absent) expect(toneAmplitude(last, RATE, hz), `${hz} Hz not heard`).toBeLessThan(ABSENT);
  }, POLL);
}

export const callLogOf = async (office: SipOffice, token: string) =>
  (await office.office.request('GET', '/me/call-log', { token })).body.items as {
    direction: string;
    otherNumber: string;
    result: string;
    fault: string | null;
    answeredAt: string | null;
    durationSeconds: number;
  }[];

/**
 * A sip.js re-INVITE (hold, resume, ICE restart); the office's status. As RFC 3261 §14.1 asks (and
 * sip.js enforces), it waits for a re-INVITE of the office's the phone answered to be ACKed first:
 * a test sees the office's offer applied before its ACK arrives.
 */
export async function reinvite(
  session: Session,
  options: { hold?: boolean; iceRestart?: boolean },
): Promise<number> {
  const dialog = session.dialog as SessionDialog | undefined;
  await expect.poll(() => dialog?.reinviteUserAgentServer, POLL).toBeUndefined();
  return new Promise<number>((resolve, reject) => {
    session
      .invite({
        sessionDescriptionHandlerOptions: options as object,
        requestDelegate: {
          onAccept: (response) => resolve(response.message.statusCode ?? 0),
          onReject: (response) => resolve(response.message.statusCode ?? 0),
        },
      })
      .catch(reject);
  });
}
