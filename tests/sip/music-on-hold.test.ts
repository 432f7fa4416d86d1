// Music on hold in real calls through the office: desk phones (raw UDP, G.711) and the app's
// softphone (sip.js over WebSocket, werift WebRTC). The admin uploads a 600 Hz tone as the
// company's music; the held party hears it (checked by frequency) from the media agent, in its
// own law; nothing is sent to a held party that holds too, and the music stops on resume and
// when the holder hangs up. A ring group whose callers hear music answers them early (183) with
// it, and the member's answer switches the caller to the member. A receptionist with music of
// its own: the caller it puts through hears that on hold, unless the ring group it went to chose
// its own, and while the number rings when the receptionist says its callers hear music.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SipOffice } from '../support/sip-office';
import type { SipResponse } from '../../server/sip/message';
import type { Hearing } from '../support/media-peers';
import { toneWav } from '../support/wav';
import { DOMAIN } from './desk-phone';
import { reaches, SessionState } from './softphone';
import {
  POLL,
  reinvite,
  deskPhoneOf,
  directionOf,
  endEveryCall,
  expectTone,
  softphoneOf,
  startMixedOffice,
  type Desk,
  type Softphone,
} from './mixed-office';

const MUSIC_HZ = 600;
const RECEPTIONIST_MUSIC_HZ = 1500;
const ALL_DAY = [{ from: '00:00', to: '24:00' }];

/** Waits `ms`, and says how many packets `hearing` got meanwhile. */
async function packetsDuring(hearing: Hearing, ms: number): Promise<number> {
  const before = hearing.arrivals.length;
  await new Promise((resolve) => setTimeout(resolve, ms));
  return hearing.arrivals.length - before;
}

describe('music on hold in calls', () => {
  let office: SipOffice & { admin: string };
  let dan: Desk;
  let eve: Desk;
  let ana: Softphone;
  let defaultMusicId: string;
  const points = () => office.sip.media!.anchors.openPoints;

  /** Music uploaded by the admin: two seconds of a tone at 16 kHz, re-encoded once to 8 kHz. */
  async function uploadTone(name: string, hz: number): Promise<string> {
    const uploaded = await office.office.request('POST', '/admin/music', {
      token: office.admin,
      rawBody: toneWav(2, 16_000, hz) as unknown as string,
      headers: { 'content-type': 'audio/wav', slug: name },
    });
    expect(uploaded.status).toBe(201);
    return uploaded.body.id;
  }

  beforeAll(async () => {
    office = await startMixedOffice();
    dan = await deskPhoneOf(office, 'Dan Holder', 1000);
    eve = await deskPhoneOf(office, 'Eve Held', 800, 'PCMA');
    ana = await softphoneOf(office, 'Ana Soft', 440);
    defaultMusicId = await uploadTone('Tone', MUSIC_HZ);
    const chosen = await office.office.request('PUT', '/admin/music-default', {
      token: office.admin,
      body: { musicId: defaultMusicId },
    });
    expect(chosen.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await ana?.phone.stop();
    await ana?.media.close();
    dan?.phone.close();
    eve?.phone.close();
    await office?.close();
  });

  // A failed test's calls would be up when its retry, or the next test, calls these phones.
  afterEach(() => endEveryCall(office, [dan, eve, ana]));

  it('a desk phone holds a desk phone: the held one hears the music, in its law, until resume; nothing while it holds too', async () => {
    const dialled = dan.phone.dial(eve.extension);
    const invite = await eve.phone.nextInvite();
    // Anchored though both are desk phones: the agent must be able to play the music.
    expect(invite.body.toString()).toContain('o=switchboard');
    const call = eve.phone.answer(invite, ['PCMA']);
    const { response, dialog } = await dialled;
    expect(response.status).toBe(200);
    await expectTone(eve.phone.media.hearing, 1000);
    await expectTone(dan.phone.media.hearing, 800);

    expect(directionOf((await dan.phone.hold(dialog!, true)).body.toString())).toBe('recvonly');
    await expect.poll(() => directionOf(call.descriptions.at(-1)!), POLL).toBe('sendonly');
    // Dan's phone still sends its tone; Eve hears the music alone, as A-law.
    await expectTone(eve.phone.media.hearing, MUSIC_HZ);
    expect(eve.phone.media.payloads.at(-1)!.payloadType).toBe(8);
    // The music loops: four seconds of a two-second file are still the tone.
    await expectTone(eve.phone.media.hearing, MUSIC_HZ, eve.phone.media.hearing.samples.length + 8000 * 2);

    // Eve holds too: nobody listens, so no music plays and the agent sends her nothing.
    await eve.phone.hold(call, true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await packetsDuring(eve.phone.media.hearing, 600)).toBe(0);
    await eve.phone.hold(call, false);
    await expectTone(eve.phone.media.hearing, MUSIC_HZ);

    // Dan resumes: the music stops, Eve hears Dan again.
    await dan.phone.hold(dialog!, false);
    await expect.poll(() => directionOf(call.descriptions.at(-1)!), POLL).toBe('sendrecv');
    await expectTone(eve.phone.media.hearing, 1000);
    await expectTone(dan.phone.media.hearing, 800);

    expect(await dan.phone.bye(dialog!)).toBe(200);
    await eve.phone.hungUp(call);
    await expect.poll(points, POLL).toBe(0);
  }, 60_000);

  it('the holder hangs up: the music to the held party stops', async () => {
    const dialled = dan.phone.dial(eve.extension);
    const call = eve.phone.answer(await eve.phone.nextInvite());
    const { dialog } = await dialled;
    await dan.phone.hold(dialog!, true);
    await expectTone(eve.phone.media.hearing, MUSIC_HZ);
    // Eve's phone still sends after the BYE: only the agent is measured, by what reaches her.
    expect(await dan.phone.bye(dialog!)).toBe(200);
    await eve.phone.hungUp(call);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await packetsDuring(eve.phone.media.hearing, 600)).toBe(0);
    await expect.poll(points, POLL).toBe(0);
  }, 60_000);

  it('a desk phone holds a softphone: the softphone hears the music over WebRTC until resume', async () => {
    const dialled = dan.phone.dial(ana.extension);
    const invitation = await ana.phone.nextInvitation();
    await invitation.accept();
    const { response, dialog } = await dialled;
    expect(response.status).toBe(200);
    const peer = ana.media.of(invitation);
    await expectTone(peer.hearing, 1000);
    await dan.phone.hold(dialog!, true);
    await expect.poll(() => directionOf(peer.remoteSdp), POLL).toBe('sendonly');
    await expectTone(peer.hearing, MUSIC_HZ);
    await dan.phone.hold(dialog!, false);
    await expectTone(peer.hearing, 1000);
    expect(await dan.phone.bye(dialog!)).toBe(200);
    await reaches(invitation, SessionState.Terminated);
    await expect.poll(points, POLL).toBe(0);
  }, 60_000);

  it('a softphone holds a desk phone, and a softphone another softphone: the held one hears the music', async () => {
    const { session, final } = ana.phone.dial(`sip:${dan.extension}@${DOMAIN}`);
    const call = dan.phone.answer(await dan.phone.nextInvite());
    expect(await final).toBe(200);
    await expectTone(dan.phone.media.hearing, 440);
    expect(await reinvite(session, { hold: true })).toBe(200);
    await expectTone(dan.phone.media.hearing, MUSIC_HZ);
    expect(await reinvite(session, { hold: false })).toBe(200);
    await expectTone(dan.phone.media.hearing, 440);
    await session.bye();
    await dan.phone.hungUp(call);

    // Two softphones: anchored too while there is music, WebRTC on both sides of the agent.
    const bob = await softphoneOf(office, 'Bob Soft', 1200);
    try {
      const second = ana.phone.dial(`sip:${bob.extension}@${DOMAIN}`);
      const invitation = await bob.phone.nextInvitation();
      expect(invitation.body).toContain('UDP/TLS/RTP/SAVPF');
      await invitation.accept();
      expect(await second.final).toBe(200);
      const bobHears = bob.media.of(invitation);
      await expectTone(bobHears.hearing, 440);
      expect(await reinvite(second.session, { hold: true })).toBe(200);
      await expectTone(bobHears.hearing, MUSIC_HZ);
      expect(await reinvite(second.session, { hold: false })).toBe(200);
      await expectTone(bobHears.hearing, 440);
      await second.session.bye();
      await reaches(invitation, SessionState.Terminated);
    } finally {
      await bob.phone.stop();
      await bob.media.close();
    }
    await expect.poll(points, POLL).toBe(0);
  }, 60_000);

  it('a call a transfer joins stays anchored and plays the music on hold', async () => {
    const fay = await deskPhoneOf(office, 'Fay Target', 700);
    try {
      const dialled = dan.phone.dial(eve.extension);
      const eveCall = eve.phone.answer(await eve.phone.nextInvite());
      const { dialog } = await dialled;
      // Dan passes Eve on to Fay (blind): two desk phones, yet Fay is offered the agent's point.
      expect(await dan.phone.refer(dialog!, fay.extension)).toBe(202);
      const atFay = await fay.phone.nextInvite();
      expect(atFay.body.toString()).toContain('o=switchboard');
      const fayCall = fay.phone.answer(atFay);
      await dan.phone.hungUp(dialog!);
      await expectTone(eve.phone.media.hearing, 700);
      await expectTone(fay.phone.media.hearing, 800);

      await fay.phone.hold(fayCall, true);
      await expectTone(eve.phone.media.hearing, MUSIC_HZ);
      await fay.phone.hold(fayCall, false);
      await expectTone(eve.phone.media.hearing, 700);
      expect(await fay.phone.bye(fayCall)).toBe(200);
      await eve.phone.hungUp(eveCall);
      await expect.poll(points, POLL).toBe(0);
    } finally {
      fay.phone.close();
    }
  }, 60_000);

  it('a ring group whose callers hear music answers early with it; the member’s answer switches the caller over', async () => {
    const group = await office.office.request('POST', '/admin/ring-groups', {
      token: office.admin,
      body: { name: 'Music line', strategy: 'all', members: [eve.extension], callerHears: 'music' },
    });
    expect(group.status).toBe(201);
    const dialled = dan.phone.dial(group.body.extension);
    const invite = await eve.phone.nextInvite();
    eve.phone.ring(invite);
    // Before anyone answers, Dan's phone had a 183 with the agent's SDP, and plays the music.
    await expectTone(dan.phone.media.hearing, MUSIC_HZ);
    const early = dan.phone.received.filter(
      (m): m is SipResponse => m.kind === 'response' && m.status === 183,
    );
    expect(early.at(-1)!.body.toString()).toContain('o=switchboard');
    // No 180 over the music.
    const callId = early.at(-1)!.headers.get('Call-ID');
    expect(
      dan.phone.received.some(
        (m) => m.kind === 'response' && m.status === 180 && m.headers.get('Call-ID') === callId,
      ),
    ).toBe(false);

    const call = eve.phone.answer(invite);
    const { response, dialog } = await dialled;
    expect(response.status).toBe(200);
    // The answer is the one the 183 gave: the same point.
    expect(response.body.toString()).toBe(early.at(-1)!.body.toString());
    await expectTone(dan.phone.media.hearing, 800);
    await expectTone(eve.phone.media.hearing, 1000);
    expect(await dan.phone.bye(dialog!)).toBe(200);
    await eve.phone.hungUp(call);
    await expect.poll(points, POLL).toBe(0);
  }, 60_000);

  it('a ring group nobody answers: the music stops, the group’s voicemail answers, no point is left open', async () => {
    const group = await office.office.request('POST', '/admin/ring-groups', {
      token: office.admin,
      body: {
        name: 'Short line',
        strategy: 'all',
        members: [eve.extension],
        callerHears: 'music',
        groupRingSeconds: 5,
      },
    });
    const dialled = dan.phone.dial(group.body.extension);
    eve.phone.ring(await eve.phone.nextInvite());
    await expectTone(dan.phone.media.hearing, MUSIC_HZ);
    // Nobody answers: the group's own voicemail takes the call, and the music has stopped.
    const { response, dialog } = await dialled;
    expect(response.status).toBe(200);
    expect(await dan.phone.bye(dialog!)).toBe(200);
    await expect.poll(points, POLL).toBe(0);
  }, 60_000);

  it('a receptionist’s own music: the caller it puts through hears it on hold; a ring group’s own comes first', async () => {
    const own = await uploadTone('Front desk tone', RECEPTIONIST_MUSIC_HZ);
    // The group chose the company's file as its own: it wins over the receptionist's.
    const group = await office.office.request('POST', '/admin/ring-groups', {
      token: office.admin,
      body: { name: 'Own music line', strategy: 'all', members: [eve.extension], musicId: defaultMusicId },
    });
    expect(group.status).toBe(201);
    const receptionist = await office.office.request('POST', '/admin/receptionists', {
      token: office.admin,
      body: {
        name: 'Front desk',
        musicId: own,
        hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ALL_DAY])),
        holidays: [],
        menus: [
          {
            id: 'main',
            greeting: { kind: 'text', text: 'Welcome.' },
            options: [
              { key: '1', action: { type: 'extension', number: eve.extension } },
              { key: '2', action: { type: 'ring-group', number: group.body.extension } },
            ],
            timeoutSeconds: 20,
            fallback: { type: 'hang-up' },
          },
        ],
        openMenu: 'main',
        closedMenu: 'main',
        holidayMenu: 'main',
      },
    });
    expect(receptionist.status, JSON.stringify(receptionist.body)).toBe(201);
    expect(receptionist.body.musicId).toBe(own);

    for (const [key, heard] of [
      ['1', RECEPTIONIST_MUSIC_HZ],
      ['2', MUSIC_HZ],
    ] as const) {
      const { response, dialog } = await dan.phone.dial(receptionist.body.extension);
      expect(response.status).toBe(200);
      dan.phone.media.pressKey(key);
      const call = eve.phone.answer(await eve.phone.nextInvite(10_000));
      await expectTone(dan.phone.media.hearing, 800);
      await eve.phone.hold(call, true);
      await expectTone(dan.phone.media.hearing, heard);
      await eve.phone.hold(call, false);
      await expectTone(dan.phone.media.hearing, 800);
      expect(await dan.phone.bye(dialog!)).toBe(200);
      await eve.phone.hungUp(call);
      await expect.poll(points, POLL).toBe(0);
    }

    // Callers hear its music, not ringback, while the number they asked for rings.
    const patched = await office.office.request('PATCH', `/admin/receptionists/${receptionist.body.id}`, {
      token: office.admin,
      body: { callerHears: 'music' },
    });
    expect(patched.body.callerHears).toBe('music');
    const { dialog } = await dan.phone.dial(receptionist.body.extension);
    dan.phone.media.pressKey('1');
    const invite = await eve.phone.nextInvite(10_000);
    eve.phone.ring(invite);
    await expectTone(dan.phone.media.hearing, RECEPTIONIST_MUSIC_HZ);
    const call = eve.phone.answer(invite);
    await expectTone(dan.phone.media.hearing, 800);
    expect(await dan.phone.bye(dialog!)).toBe(200);
    await eve.phone.hungUp(call);
    await expect.poll(points, POLL).toBe(0);
  }, 90_000);
});
