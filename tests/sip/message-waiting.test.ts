// Message waiting over real UDP (RFC 3842): a desk phone subscribes to its own extension's
// message-summary with digest, gets the state at once, and again whenever a message is stored,
// marked read or deleted; unsubscribing ends it; another user's device is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { parseNameAddr } from '../../server/sip/fields';
import { storeVoicemail } from '../../server/directory/voicemail';
import { boxOf } from '../support/voicemail-box';
import { udpPeer } from './support';
import { DOMAIN, authorization, next, subscribe, subscribeWithDigest, type Phone } from './desk-phone';

/** A NOTIFY's summary and subscription state. */
async function nextSummary(phone: Phone) {
  const notify = await next(phone, 'request');
  expect(notify.method).toBe('NOTIFY');
  expect(notify.headers.get('Event')).toBe('message-summary');
  expect(notify.headers.get('Content-Type')).toBe('application/simple-message-summary');
  return { body: notify.body.toString(), state: notify.headers.get('Subscription-State') ?? '' };
}

const summary = (waiting: 'yes' | 'no', extension: string, unread: number, read: number) =>
  `Messages-Waiting: ${waiting}\r\nMessage-Account: sip:${extension}@${DOMAIN}\r\nVoice-Message: ${unread}/${read} (0/0)\r\n`;

describe('message waiting (SUBSCRIBE/NOTIFY message-summary)', { timeout: 60_000 }, () => {
  let sipOffice: SipOffice;
  const phones: Phone[] = [];

  async function newPhone(name: string) {
    const test = sipOffice.office;
    const admin = await test.adminToken();
    const user = await test.createSignedInUser(admin, name);
    const { sipUsername, sipPassword } = await test.addDeskPhone(admin, user.extension, 'MWI test phone');
    const phone = {
      peer: await udpPeer(sipOffice.sip.ports.udp),
      extension: user.extension,
      sipUsername,
      sipPassword,
    };
    phones.push(phone);
    return { phone, token: user.token };
  }

  const leaveMessage = async (extension: string) => {
    const office = sipOffice.office.office;
    const messageId = await storeVoicemail(office.db, office.voicemailFiles, {
      extension,
      callerNumber: '555',
      callerName: null,
      receivedAt: new Date().toISOString(),
      durationSeconds: 2,
      audio: Buffer.from('OggS'),
      audioType: 'audio/ogg',
    });
    // What the media agent announces once it has stored a message.
    office.events.emit('voicemail-received', { userId: (await boxOf(office, extension)).userId, messageId });
    return messageId;
  };

  beforeAll(async () => {
    sipOffice = await startSipOffice();
  });
  afterAll(async () => {
    for (const phone of phones) phone.peer.close();
    await sipOffice?.close();
  });

  it('tells the owner’s phone at once, then on a new message, a read and a delete', async () => {
    const { phone, token } = await newPhone('Waiting Wendy');
    const ok = await subscribeWithDigest(phone, phone.extension, { callId: 'mwi-wendy' });
    expect(ok.status).toBe(200);
    expect(Number(ok.headers.get('Expires'))).toBe(600);
    const first = await nextSummary(phone);
    expect(first.body).toBe(summary('no', phone.extension, 0, 0));
    expect(first.state).toMatch(/^active;expires=(600|599)$/);

    const messageId = await leaveMessage(phone.extension);
    expect((await nextSummary(phone)).body).toBe(summary('yes', phone.extension, 1, 0));

    const read = await sipOffice.office.request('PATCH', `/me/voicemail/${messageId}`, {
      token,
      body: { read: true },
    });
    expect(read.status).toBe(200);
    expect((await nextSummary(phone)).body).toBe(summary('no', phone.extension, 0, 1));

    await leaveMessage(phone.extension);
    expect((await nextSummary(phone)).body).toBe(summary('yes', phone.extension, 1, 1));
    const deleted = await sipOffice.office.request('DELETE', `/me/voicemail/${messageId}`, { token });
    expect(deleted.status).toBe(204);
    expect((await nextSummary(phone)).body).toBe(summary('yes', phone.extension, 1, 0));

    // Unsubscribing in the dialog: a last NOTIFY says it ended, and no more follow.
    const toTag = parseNameAddr(ok.headers.get('To')!).params.get('tag')!;
    const gone = await subscribeWithDigest(phone, phone.extension, {
      callId: 'mwi-wendy',
      toTag,
      expires: 0,
    });
    expect(gone.status).toBe(200);
    expect((await nextSummary(phone)).state).toMatch(/^terminated/);
    expect(sipOffice.sip.messageWaiting.size).toBe(0);
  });

  it('refuses another user’s device, other events and a refresh of a dialog it never made', async () => {
    const before = sipOffice.sip.messageWaiting.size;
    const { phone: owner } = await newPhone('Owner Otto');
    const { phone: stranger } = await newPhone('Stranger Sven');
    const refused = await subscribeWithDigest(stranger, owner.extension, { callId: 'mwi-sven' });
    expect(refused.status).toBe(403);
    const badEvent = await subscribeWithDigest(owner, owner.extension, {
      callId: 'mwi-otto',
      event: 'presence',
    });
    expect(badEvent.status).toBe(489);
    const unknown = await subscribeWithDigest(owner, owner.extension, { callId: 'mwi-otto', toTag: 'nope' });
    expect(unknown.status).toBe(481);
    const brief = await subscribeWithDigest(owner, owner.extension, { callId: 'mwi-otto', expires: 10 });
    expect(brief.status).toBe(423);
    expect(brief.headers.get('Min-Expires')).toBe('60');
    // A wrong password only ever draws a new challenge.
    owner.peer.send(subscribe(owner, owner.extension, { callId: 'mwi-otto' }));
    const challenge = await next(owner, 'response');
    expect(challenge.status).toBe(401);
    const wrong = authorization(
      challenge.headers.getAll('WWW-Authenticate')[0]!,
      owner.sipUsername,
      'not-the-password',
      '00000001',
      'SUBSCRIBE',
      `sip:${owner.extension}@${DOMAIN}`,
    );
    owner.peer.send(subscribe(owner, owner.extension, { callId: 'mwi-otto', authorization: wrong }));
    expect((await next(owner, 'response')).status).toBe(401);
    expect(sipOffice.sip.messageWaiting.size).toBe(before);
  });

  it('keeps a device’s newest subscriptions only, and caps the long ones', async () => {
    const before = sipOffice.sip.messageWaiting.size;
    const { phone } = await newPhone('Rebooting Rita');
    for (let i = 0; i < 6; i++) {
      const ok = await subscribeWithDigest(phone, phone.extension, {
        callId: `mwi-rita-${i}`,
        expires: 99_999,
      });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('Expires')).toBe('3600');
      await nextSummary(phone);
    }
    expect(sipOffice.sip.messageWaiting.size).toBe(before + 4);
  });
});
