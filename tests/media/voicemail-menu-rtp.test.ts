// The voicemail menu by phone from a plain-RTP desk phone over real UDP: *97 (or one's own
// extension) from one's own phone opens one's box without a PIN; *98 asks for a mailbox and
// its PIN from any phone. What the caller hears is checked: the prompts by their length, the
// messages by their tone (Goertzel), in order; what keys do is checked on the server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { toneStretches } from '../support/tone';
import { RtpCaller, type Device } from './rtp-caller';
import { readWav } from '../../server/media/wav';
import { leaveToneMessage } from '../support/voicemail-box';
import { checkVoicemailPin } from '../../server/voicemail/pin';
import { rtpPortsForTest } from '../support/rtp-ports';
import { POLL } from '../support/tone-checks';

const RATE = 8000;
const KEY_SECONDS = 2;
const PIN = '480273';

interface OwnSettings {
  pin?: string;
  language?: string;
}

interface Person {
  extension: string;
  userId: string;
  device: Device;
}

/** Seconds of prompts (English unless `es:`/`fr:` says otherwise) played one after another. */
async function promptSeconds(...names: string[]): Promise<number> {
  let seconds = 0;
  for (const name of names) {
    const [language, prompt] = name.includes(':') ? name.split(':') : ['en', name];
    const file = path.join(import.meta.dirname, `../../server/media/prompts/${language}/${prompt}.wav`);
    const wav = readWav(await readFile(file));
    seconds += wav.samples.length / wav.sampleRate;
  }
  return seconds;
}

/**
 * What was heard lasted as long as the prompts named (a loaded machine may drop a frame or
 * two; the prompts that could be confused differ by far more than the tolerance).
 */
async function expectPrompts(heardSeconds: number, ...names: string[]): Promise<void> {
  expect(Math.abs(heardSeconds - (await promptSeconds(...names)))).toBeLessThan(0.3);
}

/** Tone stretches of `hz` at least `seconds` long in what the phone heard so far. */
const heardTones = (phone: RtpCaller, hz: number, seconds: number) =>
  toneStretches(phone.heard, RATE, hz).filter((stretch) => stretch.seconds >= seconds);

/**
 * Waits until the phone has heard `count` whole tones of `hz` (messages of `seconds`), the last
 * one over (something else plays after it).
 */
async function untilHeard(phone: RtpCaller, hz: number, seconds: number, count: number): Promise<void> {
  await vi.waitFor(
    () => {
      const tones = heardTones(phone, hz, seconds - 0.2);
      expect(tones.length).toBeGreaterThanOrEqual(count);
      const last = tones[tones.length - 1]!;
      expect(phone.heard.length / RATE - (last.start + last.seconds)).toBeGreaterThan(0.2);
    },
    { timeout: 20_000, interval: 50 },
  );
}

// Each test is a call of its own, by people of its own, and spends most of its time listening to
// prompts in real time: they run at once (up to Vitest's five), with an agent sized for them.
describe('the voicemail menu from a plain-RTP phone', { timeout: 90_000, concurrent: true }, () => {
  let sipOffice: SipOffice;
  let admin: string;
  let people = 0;
  const changed: string[] = [];

  /**
   * A person with a desk phone. Only one with settings of their own to set signs in (signing in
   * costs a second or more of password hashing on a loaded machine).
   */
  async function newPerson(person: string, own: OwnSettings = {}): Promise<Person> {
    const test = sipOffice.office;
    // A retried test makes its people again: the number keeps their emails apart.
    const name = `${person} ${++people}`;
    const user =
      own.pin || own.language ? await withOwnSettings(name, own) : await test.createUser(admin, name);
    const device = await test.addDeskPhone(admin, user.extension, 'RTP test phone');
    return { extension: user.extension, userId: user.id, device };
  }

  /** A user who signed in and set their own PIN and language. */
  async function withOwnSettings(name: string, own: OwnSettings) {
    const test = sipOffice.office;
    const user = await test.createSignedInUser(admin, name);
    if (own.pin) {
      const set = await test.request('PUT', '/me/voicemail/pin', {
        token: user.token,
        body: { pin: own.pin },
      });
      expect(set.status).toBe(204);
    }
    if (own.language) {
      const set = await test.request('PATCH', '/me/preferences', {
        token: user.token,
        body: { language: own.language },
      });
      expect(set.status).toBe(200);
    }
    return user;
  }

  async function dial(from: Person, to: string): Promise<RtpCaller> {
    const phone = await RtpCaller.open(sipOffice.sip.ports.udp, from.extension, from.device);
    const answer = await phone.dial(to);
    expect(answer.status).toBe(200);
    return phone;
  }

  /** Presses keys once the agent has played something new since `mark`, and waits for its answer. */
  async function keysAfterPrompt(phone: RtpCaller, keys: string): Promise<number> {
    const mark = phone.heard.length;
    phone.pressKeys(keys);
    await phone.playedSince(mark);
    return (phone.heard.length - mark) / RATE;
  }

  const messages = (userId: string) =>
    sipOffice.office.office.db
      .selectFrom('voicemail_messages')
      .innerJoin('voicemail_boxes', 'voicemail_boxes.id', 'voicemail_messages.box_id')
      .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
      .select(['voicemail_messages.id', 'voicemail_messages.read'])
      .where('extensions.user_id', '=', userId)
      .orderBy('voicemail_messages.received_at')
      .execute();

  beforeAll(async () => {
    sipOffice = await startSipOffice(
      {},
      {
        media: {
          maxSessions: 8,
          rtpPorts: await rtpPortsForTest(40),
          silenceSeconds: 5,
          maxAnchoredCalls: 4,
        },
        mailbox: { keySeconds: KEY_SECONDS, callSeconds: 60 },
      },
    );
    sipOffice.office.office.events.on('voicemail-changed', (userId) => changed.push(userId));
    admin = await sipOffice.office.adminToken();
  });
  afterAll(async () => {
    await sipOffice?.close();
  });

  it('*97 from one’s own phone: the count, the new message (marked read), 1 again, # to the saved one, 7 deletes it', async () => {
    const owner = await newPerson('Menu Mona');
    const office = sipOffice.office.office;
    const saved = await leaveToneMessage(office, owner.extension, {
      seconds: 1.5,
      hz: 700,
      callerNumber: '2001',
      receivedAt: '2026-01-01T09:00:00.000Z',
      read: true,
    });
    const fresh = await leaveToneMessage(office, owner.extension, {
      seconds: 1.5,
      hz: 1200,
      callerNumber: '2002',
      receivedAt: '2026-01-02T09:00:00.000Z',
    });
    const phone = await dial(owner, '*97');

    await untilHeard(phone, 1200, 1.5, 1);
    const [first] = heardTones(phone, 1200, 1.3);
    // Before it: "You have one new message and one saved message. Message one from 2 0 0 2."
    const before = await promptSeconds(
      'new-one',
      'saved-one',
      'message',
      'n1',
      'from',
      'n2',
      'n0',
      'n0',
      'n2',
    );
    expect(first!.start).toBeCloseTo(before, 0);
    expect(heardTones(phone, 700, 0.5)).toEqual([]);
    await vi.waitFor(
      async () => expect(await messages(owner.userId)).toContainEqual({ id: fresh, read: 1 }),
      POLL,
    );
    expect(changed).toContain(owner.userId);

    phone.pressKeys('1');
    await untilHeard(phone, 1200, 1.5, 2);
    expect(heardTones(phone, 700, 0.5)).toEqual([]);

    phone.pressKeys('#');
    await untilHeard(phone, 700, 1.5, 1);
    expect((await messages(owner.userId)).map((message) => message.id)).toEqual([saved, fresh]);
    const eventsBefore = changed.length;
    phone.pressKeys('7');
    await phone.hungUpOn(15_000);
    phone.close();
    // "Message deleted. No more messages. Goodbye." after the saved message's tone.
    const [savedTone] = heardTones(phone, 700, 1.3);
    const after = phone.heard.length / RATE - (savedTone!.start + savedTone!.seconds);
    expect(after).toBeGreaterThan(await promptSeconds('deleted', 'no-more', 'goodbye'));
    expect(await messages(owner.userId)).toEqual([{ id: fresh, read: 1 }]);
    expect(changed.slice(eventsBefore)).toContain(owner.userId);

    const row = await office.db
      .selectFrom('call_log')
      .select(['direction', 'other_number', 'other_name', 'result'])
      .where('user_id', '=', owner.userId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      direction: 'outgoing',
      other_number: '*97',
      other_name: 'Voicemail',
      result: 'answered',
    });
  });

  it('one’s own extension from one’s own phone opens the box too, in the owner’s language: nothing new, goodbye', async () => {
    const owner = await newPerson('Empty Emilia', { language: 'es' });
    const phone = await dial(owner, owner.extension);
    await phone.hungUpOn(15_000);
    phone.close();
    await expectPrompts(phone.heard.length / RATE, 'es:new-none', 'es:no-more', 'es:goodbye');
    // The English ones would be heard for a different length.
    expect(
      Math.abs(
        (await promptSeconds('es:new-none', 'es:no-more', 'es:goodbye')) -
          (await promptSeconds('new-none', 'no-more', 'goodbye')),
      ),
    ).toBeGreaterThan(0.3);
  });

  it('*98 from another phone: mailbox number, a wrong PIN is refused and asked again, the right one opens it', async () => {
    const owner = await newPerson('Remote Rita', { pin: PIN });
    const visitor = await newPerson('Visiting Victor');
    await leaveToneMessage(sipOffice.office.office, owner.extension, {
      seconds: 1.5,
      hz: 1000,
      callerNumber: '7',
      receivedAt: new Date().toISOString(),
    });
    const phone = await dial(visitor, '*98');
    await phone.promptPlayed();
    await expectPrompts(phone.heard.length / RATE, 'enter-mailbox');
    await expectPrompts(await keysAfterPrompt(phone, `${owner.extension}#`), 'enter-pin');
    await expectPrompts(await keysAfterPrompt(phone, '111111#'), 'wrong-pin', 'enter-pin');
    // A # typed ahead skips the message count, not the first message.
    phone.pressKeys(`${PIN}##`);
    await untilHeard(phone, 1000, 1.5, 1);
    expect(await phone.hangUp()).toBe(200);
    phone.close();
    expect((await messages(owner.userId))[0]!.read).toBe(1);
  });

  it('*98, a ring group’s extension and the PIN its admin set open the group’s shared box alone', async () => {
    const test = sipOffice.office;
    const ana = await newPerson('Group Ana');
    const ben = await newPerson('Group Ben');
    const visitor = await newPerson('Group Visitor');
    const created = await test.request('POST', '/admin/ring-groups', {
      token: admin,
      body: { name: 'Support', strategy: 'all', members: [ana.extension, ben.extension] },
    });
    expect(created.status).toBe(201);
    const group = created.body as { id: string; extension: string };
    const office = test.office;
    const shared = await leaveToneMessage(office, group.extension, {
      seconds: 1.5,
      hz: 900,
      callerNumber: '5',
      receivedAt: new Date().toISOString(),
    });
    // Ana's own message is hers: the group's box does not play it.
    await leaveToneMessage(office, ana.extension, {
      seconds: 1.5,
      hz: 1400,
      callerNumber: '6',
      receivedAt: new Date().toISOString(),
    });

    // No PIN yet: the group's box does not open.
    let phone = await dial(visitor, '*98');
    await phone.promptPlayed();
    const mark = phone.heard.length;
    phone.pressKeys(`${group.extension}#`);
    await phone.hungUpOn(15_000);
    phone.close();
    await expectPrompts((phone.heard.length - mark) / RATE, 'no-pin', 'goodbye');

    const set = await test.request('PUT', `/admin/ring-groups/${group.id}/voicemail/pin`, {
      token: admin,
      body: { pin: PIN },
    });
    expect(set.status).toBe(204);
    const eventsBefore = changed.length;
    phone = await dial(visitor, '*98');
    await phone.promptPlayed();
    await expectPrompts(await keysAfterPrompt(phone, `${group.extension}#`), 'enter-pin');
    await expectPrompts(await keysAfterPrompt(phone, '111111#'), 'wrong-pin', 'enter-pin');
    phone.pressKeys(`${PIN}#`);
    await untilHeard(phone, 900, 1.5, 1);
    // "One new message. Message one from 5." then the message: nothing of Ana's own box.
    expect(heardTones(phone, 1400, 0.5)).toEqual([]);
    expect(await phone.hangUp()).toBe(200);
    phone.close();
    const read = await office.db
      .selectFrom('voicemail_messages')
      .select('read')
      .where('id', '=', shared)
      .executeTakeFirstOrThrow();
    expect(read.read).toBe(1);
    // Both members' apps and message-waiting hear that the shared message was read, and the
    // visitor's do not (the other tests' people, calling meanwhile, are not this test's).
    const ours = [ana.userId, ben.userId, visitor.userId];
    expect(new Set(changed.slice(eventsBefore).filter((id) => ours.includes(id)))).toEqual(
      new Set([ana.userId, ben.userId]),
    );
  });

  it('* during a box’s greeting lets its owner in with the PIN, and leaves no message', async () => {
    const owner = await newPerson('Travelling Tess', { pin: PIN });
    const visitor = await newPerson('Hotel Phone');
    await leaveToneMessage(sipOffice.office.office, owner.extension, {
      seconds: 1.5,
      hz: 900,
      callerNumber: '5',
      receivedAt: new Date().toISOString(),
    });
    // Nothing of Tess's is registered: her greeting answers.
    const phone = await dial(visitor, owner.extension);
    await vi.waitFor(() => expect(phone.heard.length).toBeGreaterThan(RATE / 2), POLL);
    await expectPrompts(await keysAfterPrompt(phone, '*'), 'enter-pin');
    phone.pressKeys(`${PIN}#`);
    await untilHeard(phone, 900, 1.5, 1);
    expect(await phone.hangUp()).toBe(200);
    phone.close();
    // The greeting was cut short: no beep (1 kHz), so nothing was recorded.
    expect(heardTones(phone, 1000, 0.3)).toEqual([]);
    expect(await messages(owner.userId)).toHaveLength(1);
  });

  it('three wrong PINs in one call: goodbye and the call ends', async () => {
    const owner = await newPerson('Guarded Greta', { pin: PIN });
    const visitor = await newPerson('Guessing Gus');
    const phone = await dial(visitor, '*98');
    await phone.promptPlayed();
    // Typed ahead: the prompts in between are skipped, the tries still counted.
    const mark = phone.heard.length;
    phone.pressKeys(`${owner.extension}#1111#2222#3333#`);
    await phone.hungUpOn(15_000);
    phone.close();
    await expectPrompts((phone.heard.length - mark) / RATE, 'wrong-pin', 'goodbye');
    // The call's three tries count towards the box's lockout (5 by default) like sign-ins.
    const office = sipOffice.office.office;
    expect(await checkVoicemailPin(office, owner.userId, '4444', '192.0.2.1')).toBe('wrong');
    expect(await checkVoicemailPin(office, owner.userId, '6666', '192.0.2.1')).toBe('wrong');
    expect(await checkVoicemailPin(office, owner.userId, PIN, '192.0.2.1')).toBe('locked');
  });

  it('a locked box says so and hangs up, even on the right PIN', async () => {
    const owner = await newPerson('Locked Lena', { pin: PIN });
    const visitor = await newPerson('Late Leo');
    for (let i = 0; i < 50; i++)
      if ((await checkVoicemailPin(sipOffice.office.office, owner.userId, '5555', '192.0.2.2')) === 'locked')
        break;
    const phone = await dial(visitor, '*98');
    await phone.promptPlayed();
    await keysAfterPrompt(phone, `${owner.extension}#`);
    const mark = phone.heard.length;
    phone.pressKeys(`${PIN}#`);
    await phone.hungUpOn(15_000);
    phone.close();
    await expectPrompts((phone.heard.length - mark) / RATE, 'locked', 'goodbye');
  });

  it('a box with no PIN set does not open from another phone', async () => {
    const owner = await newPerson('Pinless Pia');
    const visitor = await newPerson('Prying Pete');
    const phone = await dial(visitor, '*98');
    await phone.promptPlayed();
    const mark = phone.heard.length;
    phone.pressKeys(`${owner.extension}#`);
    await phone.hungUpOn(15_000);
    phone.close();
    await expectPrompts((phone.heard.length - mark) / RATE, 'no-pin', 'goodbye');
  });

  it('no key at a prompt: goodbye after the wait, and the call ends', async () => {
    const visitor = await newPerson('Quiet Quinn');
    const phone = await dial(visitor, '*98');
    await phone.promptPlayed(200);
    const quietFrom = performance.now();
    await phone.hungUpOn(KEY_SECONDS * 1000 + 5000);
    const waited = (performance.now() - quietFrom) / 1000;
    phone.close();
    const goodbye = await promptSeconds('goodbye');
    expect(waited).toBeGreaterThan(KEY_SECONDS + goodbye - 0.5);
    expect(waited).toBeLessThan(KEY_SECONDS + goodbye + 1.5);
    await expectPrompts(phone.heard.length / RATE, 'enter-mailbox', 'goodbye');
  });
});

describe('the voicemail menu without a media agent', { timeout: 30_000 }, () => {
  it('refuses *97 with 480 and the reason, and an unknown code with 404', async () => {
    const sipOffice = await startSipOffice();
    try {
      const test = sipOffice.office;
      const admin = await test.adminToken();
      const user = await test.createSignedInUser(admin, 'Agentless Ada');
      const device = (
        await test.request('POST', '/admin/devices', {
          token: admin,
          body: { kind: 'desk-phone', model: 'RTP test phone', extension: user.extension },
        })
      ).body as Device;
      for (const [code, status, reason] of [
        ['*97', 480, 'Temporarily Unavailable (no voicemail service)'],
        ['*99', 404, 'Not Found (not an extension)'],
      ] as const) {
        const phone = await RtpCaller.open(sipOffice.sip.ports.udp, user.extension, device);
        const answer = await phone.dial(code);
        phone.close();
        expect([answer.status, answer.reason]).toEqual([status, reason]);
      }
    } finally {
      await sipOffice.close();
    }
  });
});
