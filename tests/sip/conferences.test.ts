// Conference bridges through real calls: four desk phones (raw UDP, G.711) and the app's
// softphone (sip.js over WebSocket, WebRTC with Opus) dial a bridge, type its PIN as keys
// (RFC 4733 from the desk phones, SIP INFO from the softphone) and are mixed by the media agent.
// Each plays a tone of its own: each must hear the four others' and not its own. The moderator
// mutes one from the app, a wrong PIN three times is hung up, the moderator leaving ends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from 'sip.js';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { DEFAULT_CONFERENCE_SETTINGS } from '../../server/media/conference/settings';
import { DOMAIN } from './desk-phone';
import { pressKey, reaches, SessionState, TestPhone } from './softphone';
import { WebRtcMedia } from './webrtc-media';
import { EventStreamReader } from '../support/event-stream';
import { POLL, deskPhoneOf, expectHears, type Desk } from './mixed-office';
import type { DeskDialog } from './udp-desk-phone';
import { rtpPortsForTest } from '../support/rtp-ports';

const PIN = '246810';
const MODERATOR_PIN = '135791';
/** Each participant's tone: far apart, and none near the join and leave tones (660, 880 Hz). */
const DESK_TONES = [400, 560, 1050, 1250];
const SOFTPHONE_TONE = 1500;
const ALL_TONES = [...DESK_TONES, SOFTPHONE_TONE];
describe('a conference bridge mixing desk phones and a softphone', () => {
  let office: SipOffice & { admin: string };
  let bridge: { id: string; extension: string };
  const desks: Desk[] = [];
  const calls: DeskDialog[] = [];
  let soft: { phone: TestPhone; media: WebRtcMedia; token: string; session: Session | null };
  /** The softphone user's app: what the office pushes to it. */
  let pushed: EventStreamReader;

  /** The next conference event pushed to the softphone user's app. */
  async function nextConferenceEvent() {
    for (;;) {
      const { event, data } = await pushed.next();
      if (event === 'conference') return data;
    }
  }

  beforeAll(async () => {
    const started = await startSipOffice(
      {},
      {
        media: {
          maxSessions: 10,
          rtpPorts: await rtpPortsForTest(300),
          silenceSeconds: 5,
          maxAnchoredCalls: 4,
        },
        // A phone gone without a BYE is let go within seconds here (a minute by default).
        conferences: { ...DEFAULT_CONFERENCE_SETTINGS, mediaTimeoutSeconds: 2 },
      },
    );
    office = { ...started, admin: await started.office.adminToken() };
    const created = await office.office.request('POST', '/admin/conferences', {
      token: office.admin,
      body: { name: 'Weekly team', pin: PIN, moderatorPin: MODERATOR_PIN, endWithModerator: true },
    });
    expect(created.status).toBe(201);
    bridge = created.body;
    for (const [i, hz] of DESK_TONES.entries()) desks.push(await deskPhoneOf(office, `Desk ${i}`, hz));
    const user = await office.office.createSignedInUser(office.admin, 'Sofia Soft');
    const media = new WebRtcMedia(SOFTPHONE_TONE);
    soft = {
      phone: await TestPhone.ofUser(office.office, user.token, 'Sofia Soft', 0, media.factory),
      media,
      token: user.token,
      session: null,
    };
  });
  afterAll(async () => {
    pushed?.close();
    await soft?.phone.stop();
    await soft?.media.close();
    for (const desk of desks) desk.phone.close();
    await office?.close();
  });

  /** A desk phone dials the bridge and types `pin` and # as RFC 4733 keys. */
  async function deskJoins(desk: Desk, pin: string): Promise<DeskDialog> {
    const { response, dialog } = await desk.phone.dial(bridge.extension);
    expect(response.status).toBe(200);
    for (const key of `${pin}#`) {
      desk.phone.media.pressKey(key);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    return dialog!;
  }

  /** The conferences the moderator (the first desk phone's user) sees in the app. */
  const moderatorView = () => office.office.request('GET', '/me/conferences', { token: desks[0]!.token });

  /** A retried first test starts from an empty bridge: the first try's callers leave it. */
  async function emptyTheBridge() {
    for (const [i, call] of calls.entries()) await desks[i]!.phone.bye(call);
    calls.length = 0;
    if (soft.session && soft.session.state !== SessionState.Terminated) await soft.session.bye();
    soft.session = null;
    pushed?.close();
    await expect.poll(async () => (await moderatorView()).body.items, POLL).toEqual([]);
  }

  it('five callers each hear the four others’ tones and not their own; the app lists them live', async () => {
    if (calls.length > 0 || soft.session) await emptyTheBridge();
    calls.push(await deskJoins(desks[0]!, MODERATOR_PIN));
    for (const desk of desks.slice(1)) calls.push(await deskJoins(desk, PIN));
    pushed = await EventStreamReader.open(office.office.baseUrl, soft.token);
    const { session, final } = soft.phone.dial(`sip:${bridge.extension}@${DOMAIN}`);
    expect(await final).toBe(200);
    soft.session = session;
    for (const key of `${PIN}#`) await pressKey(session, key);

    await expect
      .poll(async () => (await moderatorView()).body.items[0]?.participants.length, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(5);
    const seen = (await moderatorView()).body.items[0];
    expect(seen).toMatchObject({ id: bridge.id, extension: bridge.extension, moderator: true });
    expect(seen.participants.filter((p: { moderator: boolean }) => p.moderator)).toHaveLength(1);
    const softView = await office.office.request('GET', '/me/conferences', { token: soft.token });
    expect(softView.body.items[0].moderator).toBe(false);
    // The softphone user's app heard of the conference it joined, with everybody in it.
    const joined = await nextConferenceEvent();
    expect(joined).toMatchObject({ type: 'conference', id: bridge.id, conference: { moderator: false } });
    expect(joined.conference.participants).toHaveLength(5);

    for (const [i, desk] of desks.entries()) {
      const own = DESK_TONES[i]!;
      await expectHears(
        desk.phone.media.hearing,
        ALL_TONES.filter((hz) => hz !== own),
        [own],
      );
    }
    await expectHears(soft.media.of(session).hearing, DESK_TONES, [SOFTPHONE_TONE]);
  });

  it('the moderator mutes the softphone from the app: its tone is gone for the others, and back once unmuted', async () => {
    const view = (await moderatorView()).body.items[0];
    const softSeat = view.participants.find(
      (p: { number: string }) => !desks.some((d) => d.extension === p.number),
    );
    const mute = (token: string, muted: boolean) =>
      office.office.request('PUT', `/me/conference-participants/${softSeat.id}/mute`, {
        token,
        body: { muted },
      });
    // A participant who is no moderator may not; a stranger does not even see the conference.
    expect((await mute(desks[1]!.token, true)).status).toBe(403);
    const stranger = await office.office.createSignedInUser(office.admin, 'Stan Stranger');
    expect((await mute(stranger.token, true)).status).toBe(404);
    expect(
      (await office.office.request('GET', '/me/conferences', { token: stranger.token })).body.items,
    ).toEqual([]);
    expect(
      (
        await office.office.request('PUT', `/me/conference-participants/nobody/mute`, {
          token: desks[0]!.token,
          body: { muted: true },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await office.office.request('PUT', `/me/conference-participants/${softSeat.id}/mute`, {
          token: desks[0]!.token,
          body: { muted: 'yes' },
        })
      ).status,
    ).toBe(400);

    expect((await mute(desks[0]!.token, true)).status).toBe(204);
    const muted = (await moderatorView()).body.items[0].participants.find(
      (p: { id: string }) => p.id === softSeat.id,
    );
    expect(muted.muted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectHears(
      desks[1]!.phone.media.hearing,
      [DESK_TONES[0]!, DESK_TONES[2]!],
      [SOFTPHONE_TONE, DESK_TONES[1]!],
    );
    expect((await mute(desks[0]!.token, false)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectHears(desks[1]!.phone.media.hearing, [SOFTPHONE_TONE], [DESK_TONES[1]!]);

    const audit = await office.office.request('GET', '/admin/audit-log', { token: office.admin });
    const actions = audit.body.items.map((entry: { action: string }) => entry.action);
    expect(actions).toContain('conference.participant-muted');
    expect(actions).toContain('conference.participant-unmuted');
  });

  it('a caller with a wrong PIN three times is hung up without joining', async () => {
    const late = await deskPhoneOf(office, 'Late Larry', 300);
    try {
      const { response, dialog } = await late.phone.dial(bridge.extension);
      expect(response.status).toBe(200);
      for (const key of '1111#2222#3333#') {
        late.phone.media.pressKey(key);
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      await late.phone.hungUp(dialog!, 20_000);
      expect((await moderatorView()).body.items[0].participants).toHaveLength(5);
    } finally {
      late.phone.close();
    }
  });

  it('a bridge with only a moderator PIN seats others on a bare #, and a full bridge refuses the next caller (486)', async () => {
    const small = (
      await office.office.request('POST', '/admin/conferences', {
        token: office.admin,
        body: { name: 'Huddle', moderatorPin: MODERATOR_PIN, maxParticipants: 2 },
      })
    ).body;
    const [one, two, three] = [
      await deskPhoneOf(office, 'Huddle One', 300),
      await deskPhoneOf(office, 'Huddle Two', 320),
      await deskPhoneOf(office, 'Huddle Three', 340),
    ];
    try {
      for (const desk of [one!, two!]) {
        const { response } = await desk.phone.dial(small.extension);
        expect(response.status).toBe(200);
        desk.phone.media.pressKey('#');
      }
      const huddle = async () =>
        (await office.office.request('GET', '/me/conferences', { token: one!.token })).body.items[0];
      await expect.poll(async () => (await huddle())?.participants.length, { timeout: 20_000 }).toBe(2);
      expect((await huddle()).moderator).toBe(false);
      const refused = await three!.phone.dial(small.extension);
      expect(refused.response.status).toBe(486);
      // Both phones vanish without a BYE: once their audio stops, their seats are freed.
      const gone = [one!, two!];
      for (const desk of gone) desk.phone.close();
      await expect
        .poll(
          async () =>
            office.office.request('GET', '/me/conferences', { token: one!.token }).then((r) => r.body.items),
          { timeout: 10_000 },
        )
        .toEqual([]);
    } finally {
      three!.phone.close();
    }
  });

  it('the moderator removes a participant from the app: that call is hung up, the others stay', async () => {
    const view = (await moderatorView()).body.items[0];
    const seat = view.participants.find((p: { number: string }) => p.number === desks[3]!.extension);
    const remove = (token: string) =>
      office.office.request('DELETE', `/me/conference-participants/${seat.id}`, { token });
    expect((await remove(soft.token)).status).toBe(403);
    expect((await remove(desks[0]!.token)).status).toBe(204);
    await desks[3]!.phone.hungUp(calls[3]!);
    await expect.poll(async () => (await moderatorView()).body.items[0].participants.length, POLL).toBe(4);
    expect((await remove(desks[0]!.token)).status).toBe(404);
  });

  it('the moderator hangs up: everybody else is hung up, and the conference is gone', async () => {
    await desks[0]!.phone.bye(calls[0]!);
    for (const [i, call] of calls.entries()) if (i > 0) await desks[i]!.phone.hungUp(call, 15_000);
    await reaches(soft.session!, SessionState.Terminated, 15_000);
    // The app is told it is out: the last conference event says so.
    await expect
      .poll(async () => {
        while (pushed.queued > 0) {
          const { event, data } = await pushed.next();
          if (event === 'conference' && data.conference === null) return 'left';
        }
        return 'in';
      }, POLL)
      .toBe('left');
    await expect.poll(() => office.sip.media!.activeSessions, POLL).toBe(0);
    expect((await office.office.request('GET', '/me/conferences', { token: soft.token })).body.items).toEqual(
      [],
    );
  });
});
