// Real calls to a virtual receptionist: desk phones over real UDP call its extension, the media
// agent answers with the menu's spoken greeting (its length checked against the spoken file),
// and RFC 4733 keys put the caller through — to a ring group's member, to an extension typed
// out, to the fallback after two wrong keys, to a colleague found by name — whose phone rings
// and answers, after which each side hears the other's tone; or to a colleague's voicemail box. Out of hours (the office's clock
// moved on) the closed menu answers and hangs up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SipOffice } from '../support/sip-office';
import { loudSeconds } from '../support/tone';
import type { Hearing } from '../support/media-peers';
import { readWav } from '../../server/media/wav';
import { spokenFileOf } from '../../server/receptionist/speech';
import { boxOf } from '../support/voicemail-box';
import { deskPhoneOf, endEveryCall, expectTone, startMixedOffice, type Desk } from '../sip/mixed-office';
import type { DeskDialog } from '../sip/udp-desk-phone';

const RATE = 8000;
const MAIN_TEXT = 'Welcome to the office. For sales, press 1. For the directory, press 9.';
const CLOSED_TEXT = 'The office is closed now. Please call again tomorrow.';

/** Resolves once the hearing got audio after `mark` and then nothing for `quietMs`. */
async function playedSince(hearing: Hearing, mark: number, quietMs = 600): Promise<void> {
  await expect
    .poll(
      () => {
        const last = hearing.arrivals[hearing.arrivals.length - 1];
        return hearing.samples.length > mark && last !== undefined && performance.now() - last.at >= quietMs;
      },
      { timeout: 20_000, interval: 50 },
    )
    .toBe(true);
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe('calls to a virtual receptionist', { timeout: 90_000 }, () => {
  let office: SipOffice & { admin: string };
  let caller: Desk;
  let ana: Desk;
  let ben: Desk;
  let receptionist: { id: string; extension: string };

  const api = (method: string, url: string, body?: unknown) =>
    office.office.request(method, url, { token: office.admin, body });

  /** The caller dials the receptionist; answered by the agent. */
  const dialReceptionist = async (): Promise<DeskDialog> => {
    const { response, dialog } = await caller.phone.dial(receptionist.extension);
    expect(response.status).toBe(200);
    return dialog!;
  };
  const press = async (keys: string) => {
    for (const key of keys) {
      caller.phone.media.pressKey(key);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };
  /** The desk phone rings (an offerless INVITE from the office) and answers. */
  const answers = async (desk: Desk) => {
    const invite = await desk.phone.nextInvite(8000);
    return desk.phone.answer(invite);
  };
  /** After the answer both sides hear each other's tone; the caller hangs up and the member is told. */
  const talkAndHangUp = async (
    member: Desk,
    memberCall: DeskDialog,
    callerCall: DeskDialog,
    memberHz: number,
  ) => {
    await expectTone(caller.phone.media.hearing, memberHz);
    await expectTone(member.phone.media.hearing, 600);
    expect(await caller.phone.bye(callerCall)).toBe(200);
    await member.phone.hungUp(memberCall);
  };

  beforeAll(async () => {
    office = await startMixedOffice(4);
    caller = await deskPhoneOf(office, 'Carla Caller', 600);
    ana = await deskPhoneOf(office, 'Ana Garcia', 800);
    ben = await deskPhoneOf(office, 'Ben Okafor', 1000);
    const sales = await api('POST', '/admin/ring-groups', {
      name: 'Sales',
      strategy: 'hunt',
      members: [ben.extension],
    });
    expect(sales.status).toBe(201);
    // Open for an hour around now (UTC, the company's zone), today only.
    const now = new Date(office.office.office.clock());
    const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
    const today = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][now.getUTCDay()]!;
    const hours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } as Record<
      string,
      unknown[]
    >;
    hours[today] = [{ from: hhmm(Math.max(0, minutes - 30)), to: hhmm(Math.min(24 * 60, minutes + 31)) }];
    const created = await api('POST', '/admin/receptionists', {
      name: 'Front desk',
      hours,
      holidays: [],
      menus: [
        {
          id: 'main',
          greeting: { kind: 'text', text: MAIN_TEXT },
          options: [
            { key: '1', action: { type: 'ring-group', number: sales.body.extension } },
            { key: '9', action: { type: 'directory' } },
            { key: '5', action: { type: 'voicemail', number: ana.extension } },
          ],
          // Longer than any test waits for a ring: a fallback that comes is the wrong keys'.
          timeoutSeconds: 20,
          fallback: { type: 'extension', number: ana.extension },
        },
        {
          id: 'closed',
          greeting: { kind: 'text', text: CLOSED_TEXT },
          options: [],
          timeoutSeconds: 2,
          fallback: { type: 'hang-up' },
        },
      ],
      openMenu: 'main',
      closedMenu: 'closed',
      holidayMenu: 'closed',
    });
    expect(created.status).toBe(201);
    receptionist = created.body;
  });
  afterAll(async () => {
    for (const desk of [caller, ana, ben]) desk?.phone.close();
    await office?.close();
  });

  /** How long the spoken text lasts, from the file saving the receptionist made. */
  const spokenSeconds = async (text: string) => {
    const wav = readWav(await office.office.office.voicemailFiles.read(spokenFileOf('en', text)));
    return wav.samples.length / wav.sampleRate;
  };

  // A failed test's calls would be up when its retry, or the next test, calls these phones.
  afterEach(() => endEveryCall(office, [caller, ana, ben]));

  it('greets with the open menu, and key 1 puts the caller through to the ring group’s member', async () => {
    const hearing = caller.phone.media.hearing;
    const mark = hearing.samples.length;
    const call = await dialReceptionist();
    await playedSince(hearing, mark);
    const heard = loudSeconds(hearing.since(mark), RATE, 300);
    const expected = await spokenSeconds(MAIN_TEXT);
    expect(expected).toBeGreaterThan(3);
    // Speech has pauses between words: the loud part is most of the file, never more.
    expect(heard).toBeGreaterThan(expected * 0.6);
    expect(heard).toBeLessThan(expected + 0.3);

    await press('1');
    const atBen = await answers(ben);
    await talkAndHangUp(ben, atBen, call, 1000);
  });

  it('stops ringing the member when the caller hangs up meanwhile', async () => {
    const call = await dialReceptionist();
    await press('1');
    const invite = await ben.phone.nextInvite(8000);
    ben.phone.ring(invite);
    expect(await caller.phone.bye(call)).toBe(200);
    const callId = invite.headers.get('Call-ID');
    await expect
      .poll(() =>
        ben.phone.received.some(
          (message) =>
            message.kind === 'request' &&
            message.method === 'CANCEL' &&
            message.headers.get('Call-ID') === callId,
        ),
      )
      .toBe(true);
  });

  it('rings an extension typed out at the menu, and two wrong keys go to the fallback', async () => {
    const typed = await dialReceptionist();
    await press(ana.extension);
    const atAna = await answers(ana);
    await talkAndHangUp(ana, atAna, typed, 800);

    // Two wrong keys typed during the greeting: the first cuts it short, the second is read
    // without the "not one of the choices" and the greeting played again (a key is waiting).
    const wrong = await dialReceptionist();
    await press('*#');
    const fallback = await answers(ana);
    await talkAndHangUp(ana, fallback, wrong, 800);
  });

  it('finds a colleague by the first letters of their last name', async () => {
    const call = await dialReceptionist();
    // 9: the directory; 4 2 7: G A R(cia); #. Typed ahead: the greeting and the directory's
    // prompt are cut short.
    await press('9427#');
    const hearing = caller.phone.media.hearing;
    const mark = hearing.samples.length;
    // "Ana Garcia, extension …. To call, press 1 …": the name is read out before the choice
    // (1 may cut the rest short).
    await expect
      .poll(() => loudSeconds(hearing.since(mark), RATE, 300), { timeout: 20_000, interval: 100 })
      .toBeGreaterThan(2);
    await press('1');
    const atAna = await answers(ana);
    await talkAndHangUp(ana, atAna, call, 800);
  });

  it('takes a message for a colleague’s box, on the same call', async () => {
    const box = await boxOf(office.office.office, ana.extension);
    const messages = () =>
      office.office.office.db
        .selectFrom('voicemail_messages')
        .select('id')
        .where('box_id', '=', box.id)
        .execute();
    expect(await messages()).toEqual([]);
    const hearing = caller.phone.media.hearing;
    const call = await dialReceptionist();
    // 5 during the menu's greeting cuts it short; Ana's box greets (default greeting and beep);
    // the caller's 600 Hz tone is the message.
    await press('5');
    await playedSince(hearing, hearing.samples.length);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await caller.phone.bye(call)).toBe(200);
    await expect.poll(async () => (await messages()).length, { timeout: 10_000 }).toBe(1);
  });

  it('answers with the closed menu out of hours, and hangs up after it', async () => {
    office.office.advance(2 * 60 * 60 * 1000);
    const hearing = caller.phone.media.hearing;
    const mark = hearing.samples.length;
    const call = await dialReceptionist();
    await playedSince(hearing, mark);
    const closedSeconds = await spokenSeconds(CLOSED_TEXT);
    const heard = loudSeconds(hearing.since(mark), RATE, 300);
    expect(heard).toBeGreaterThan(closedSeconds * 0.6);
    expect(heard).toBeLessThan(closedSeconds + 0.3);
    // No key: the fallback says goodbye and the office hangs up.
    await caller.phone.hungUp(call, 15_000);
  });
});
