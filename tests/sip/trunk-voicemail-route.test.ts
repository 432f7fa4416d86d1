// A phone number routed to a voicemail box: a call in from the carrier (an IP trunk whose border
// controller is a UDP socket on 127.0.0.3) rings nothing; the media agent greets the caller with
// the box's greeting at once and keeps their message, which the box's owner finds in their app
// (a person's box), or every member of a ring group finds in theirs (the group's shared box).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TrunkAdmin } from '../support/carrier/trunks';
import { OutsideCaller } from '../support/carrier/outside-caller';
import type { Hearing } from '../support/media-peers';
import type { SipOffice } from '../support/sip-office';
import { decodeOggOpus, toneFrequency } from '../support/tone';
import { storedMessage } from '../support/voicemail-box';
import { deskPhoneOf, startMixedOffice, type Desk } from './mixed-office';

const CARRIER_ADDRESS = '127.0.0.3';
const CALLER = '+33123456789';

/** Resolves once the agent has sent something and then gone quiet (the greeting and its beep are over). */
async function greetingOver(hearing: Hearing, quietMs = 400, timeoutMs = 20_000): Promise<void> {
  let heard = 0;
  let changedAt = performance.now();
  for (const deadline = performance.now() + timeoutMs; performance.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (hearing.samples.length !== heard) {
      heard = hearing.samples.length;
      changedAt = performance.now();
    } else if (heard > 0 && performance.now() - changedAt >= quietMs) return;
  }
  throw new Error('the greeting never came, or never ended');
}

interface VoicemailItem {
  id: string;
  callerNumber: string;
}

describe('a number routed to a voicemail box', { timeout: 60_000 }, () => {
  let office: SipOffice & { admin: string };
  let outside: OutsideCaller;
  let ana: Desk;

  const api = async (method: 'POST' | 'PATCH', url: string, body: unknown) => {
    const answer = await office.office.request(method, url, { token: office.admin, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body;
  };
  const voicemailOf = async (token: string) =>
    (await office.office.request('GET', '/me/voicemail', { token })).body.items as VoicemailItem[];

  beforeAll(async () => {
    office = await startMixedOffice(4);
    await api('PATCH', '/admin/company', { country: 'ES' });
    ana = await deskPhoneOf(office, 'Ana Boxed', 880);
    outside = await OutsideCaller.start(office.sip.ports.udp, CARRIER_ADDRESS);
    await new TrunkAdmin(() => office.office).create({
      kind: 'ip',
      name: 'Carrier SBC',
      host: CARRIER_ADDRESS,
      port: outside.port,
      addresses: [CARRIER_ADDRESS],
    });
    await vi.waitFor(() => expect(office.sip.trunks.forOutbound()).toHaveLength(1), { timeout: 10_000 });
  });
  afterAll(async () => {
    outside?.close();
    ana?.phone.close();
    await office?.close();
  });

  /** The outside caller dials `number` nationally, hears the greeting, then says 440 Hz for 2 s. */
  async function leaveMessage(number: string) {
    const call = outside.call({ uriUser: number.replace('+34', ''), from: CALLER });
    const answer = await call.final;
    expect(answer.status).toBe(200);
    // Answered by the agent, not rung: no 180 came first.
    expect(call.responses.map((response) => response.status)).not.toContain(180);
    outside.media.sendTo(answer.body.toString());
    await greetingOver(outside.media.hearing);
    outside.media.play(440);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    outside.hangUp(call, answer);
    await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
    outside.media.silence();
  }

  async function expectMessage(token: string) {
    await expect.poll(() => voicemailOf(token), { timeout: 10_000 }).toHaveLength(1);
    const [message] = await voicemailOf(token);
    expect(message!.callerNumber).toBe(CALLER);
    const { audio } = await storedMessage(office.office.office, message!.id);
    expect(Math.abs(toneFrequency(decodeOggOpus(audio)) - 440)).toBeLessThan(440 * 0.02);
  }

  it('greets the caller with the person’s box at once and keeps the message for them, their phone silent', async () => {
    await api('POST', '/admin/phone-numbers', {
      number: '+34910000201',
      routeType: 'voicemail',
      routeTarget: ana.extension,
    });
    await leaveMessage('+34910000201');
    await expect(ana.phone.nextInvite(300)).rejects.toThrow('no call rang');
    await expectMessage(ana.token);
    const logged = await office.office.office.db
      .selectFrom('calls')
      .select(['result', 'callee_number'])
      .where('caller_number', '=', CALLER)
      .execute();
    expect(logged).toEqual([{ result: 'voicemail', callee_number: ana.extension }]);
  });

  it('takes the message into a ring group’s shared box, which its member finds in their app', async () => {
    const member = await office.office.createSignedInUser(office.admin, 'Bea Member');
    const group = (await api('POST', '/admin/ring-groups', {
      name: 'Support line',
      strategy: 'all',
      members: [member.extension],
    })) as { extension: string };
    await api('POST', '/admin/phone-numbers', {
      number: '+34910000202',
      routeType: 'voicemail',
      routeTarget: group.extension,
    });
    await leaveMessage('+34910000202');
    await expectMessage(member.token);
  });
});
