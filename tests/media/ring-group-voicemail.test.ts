// A ring group nobody answers overflows to the group's own voicemail box: a plain-RTP desk
// phone over real UDP calls the group, its member's softphone rings for the group's time, then
// the media agent greets the caller and the message is kept in the group’s box, which its
// members share: they hear of it and find it in their own voicemail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { decodeOggOpus, toneFrequency } from '../support/tone';
import { RtpCaller, type Device } from './rtp-caller';
import { TestPhone, reaches, SessionState } from '../sip/softphone';
import { boxOf, storedMessage } from '../support/voicemail-box';
import { rtpPortsForTest } from '../support/rtp-ports';

describe('ring group overflow to voicemail', { timeout: 60_000 }, () => {
  let sipOffice: SipOffice;
  let caller: { extension: string; device: Device };
  let member: TestPhone;
  let memberExtension: string;
  let memberToken: string;
  let outsiderToken: string;
  const received: { userId: string; messageId: string }[] = [];

  beforeAll(async () => {
    sipOffice = await startSipOffice(
      {},
      {
        media: {
          maxSessions: 1,
          maxAnchoredCalls: 4,
          rtpPorts: await rtpPortsForTest(40),
          silenceSeconds: 5,
        },
      },
    );
    const test = sipOffice.office;
    const admin = await test.adminToken();
    const user = await test.createSignedInUser(admin, 'Desk Caller');
    caller = {
      extension: user.extension,
      device: await test.addDeskPhone(admin, user.extension, 'RTP phone'),
    };
    const ana = await test.createSignedInUser(admin, 'Ana Member');
    memberExtension = ana.extension;
    memberToken = ana.token;
    outsiderToken = (await test.createSignedInUser(admin, 'Not Member')).token;
    test.office.events.on('voicemail-received', (event) => received.push(event));
    member = await TestPhone.ofUser(test, ana.token, 'ana');
  });
  afterAll(async () => {
    await member?.stop();
    await sipOffice?.close();
  });

  it('rings the member for the group time, then the group’s box takes the message', async () => {
    const test = sipOffice.office;
    const created = await test.request('POST', '/admin/ring-groups', {
      token: await test.adminToken(),
      body: { name: 'Sales', strategy: 'all', groupRingSeconds: 5, members: [memberExtension] },
    });
    expect(created.status).toBe(201);
    const group = created.body as { extension: string; overflowType: string };
    expect(group.overflowType).toBe('voicemail');

    const phone = await RtpCaller.open(sipOffice.sip.ports.udp, caller.extension, caller.device);
    const answering = phone.dial(group.extension);
    const rang = await member.nextInvitation();
    const rangAt = Date.now();
    await reaches(rang, SessionState.Terminated, 8000);
    expect(Date.now() - rangAt).toBeGreaterThan(4000);
    expect((await answering).status).toBe(200);
    await phone.promptPlayed();
    await phone.send(2, 440);
    expect(await phone.hangUp()).toBe(200);
    phone.close();

    const db = test.office.db;
    const box = await boxOf(test.office, group.extension);
    // The message is stored just after the call ends, once encoded (over a second on a busy
    // machine: the poll's default of 10 s, vitest.config.ts, allows for it).
    const messagesOfBox = () =>
      db.selectFrom('voicemail_messages').select('id').where('box_id', '=', box.id).execute();
    await expect.poll(messagesOfBox).toHaveLength(1);
    const { row, audio } = await storedMessage(test.office, (await messagesOfBox())[0]!.id);
    expect(row.caller_number).toBe(caller.extension);
    expect(Math.abs(toneFrequency(decodeOggOpus(audio)) - 440)).toBeLessThan(440 * 0.02);
    const call = await db
      .selectFrom('calls')
      .select(['result', 'answered_by_number'])
      .where('callee_number', '=', group.extension)
      .executeTakeFirstOrThrow();
    expect(call).toEqual({ result: 'voicemail', answered_by_number: null });

    // The group's box is shared by its members: Ana hears of the message and finds it in her app.
    const me = (await test.request('GET', '/me', { token: memberToken })).body as { id: string };
    expect(received).toEqual([{ userId: me.id, messageId: row.id }]);
    const hers = (await test.request('GET', '/me/voicemail', { token: memberToken })).body;
    expect(hers.items.map((m: { id: string }) => m.id)).toEqual([row.id]);
    expect(hers.unread).toBe(1);
    const played = await test.request('GET', `/me/voicemail/${row.id}/audio`, { token: memberToken });
    expect(played.status).toBe(200);
    const stranger = await test.request('GET', `/me/voicemail/${row.id}/audio`, { token: outsiderToken });
    expect(stranger.status).toBe(404);
    expect((await test.request('GET', '/me/voicemail', { token: outsiderToken })).body.items).toEqual([]);
  });
});
