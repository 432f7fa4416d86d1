// The admin "Usage" view over calls really placed through the SIP service: its totals and
// filters must agree with what the phones did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { DOMAIN } from './desk-phone';
import { TestPhone, reaches, SessionState } from './softphone';

describe('the office call log over calls placed through the SIP service', () => {
  let office: TestOffice;
  let sip: SipService;
  let admin: string;

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    admin = await office.adminToken();
  });
  afterAll(async () => {
    await sip?.close();
    await office?.close();
  });

  it('totals the calls by result and the talk time exactly as the calls went', async () => {
    const people = [];
    const phones: TestPhone[] = [];
    for (const name of ['Usage Ann', 'Usage Ben', 'Usage Cat']) {
      const user = await office.createSignedInUser(admin, name);
      phones.push(await TestPhone.ofUser(office, user.token, name));
      people.push(user);
    }
    const [ann, ben, cat] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const [annPhone, benPhone, catPhone] = phones as [TestPhone, TestPhone, TestPhone];
    const to = (who: { extension: string }) => `sip:${who.extension}@${DOMAIN}`;
    const callsLogged = async () =>
      (await office.request('GET', '/admin/call-log', { token: admin })).body.items.length as number;

    /** Ann calls; the callee answers; the talk lasts `seconds` on the office clock. */
    async function talk(callee: TestPhone, target: { extension: string }, seconds: number) {
      const { session, final } = annPhone.dial(to(target));
      await (await callee.nextInvitation()).accept();
      expect(await final).toBe(200);
      await reaches(session, SessionState.Established);
      office.advance(seconds * 1000);
      await session.bye();
      await reaches(session, SessionState.Terminated);
    }
    await talk(benPhone, ben, 90);
    await talk(catPhone, cat, 30);

    const busy = annPhone.dial(to(ben));
    await (await benPhone.nextInvitation()).reject({ statusCode: 486 });
    expect(await busy.final).toBe(486);

    const cancelled = annPhone.dial(to(cat));
    await catPhone.nextInvitation();
    await cancelled.session.cancel();
    expect(await cancelled.final).toBe(487);

    await office.request('PATCH', '/me/preferences', { token: ben.token, body: { doNotDisturb: true } });
    expect(await annPhone.dial(to(ben)).final).toBe(480);
    expect(await annPhone.dial(`sip:999@${DOMAIN}`).final).toBe(404);
    await expect.poll(callsLogged).toBe(6);

    const page = (await office.request('GET', '/admin/call-log', { token: admin })).body;
    // Every result is counted, so the counts add up to the calls; talk time is the answered calls'.
    expect(page.totals).toEqual({
      calls: 6,
      results: { answered: 2, missed: 1, busy: 1, voicemail: 0, failed: 1, cancelled: 1 },
      talkSeconds: 120,
    });
    const byResult = Object.fromEntries(
      ['answered', 'busy', 'cancelled', 'missed', 'failed'].map((result) => [
        result,
        page.items.filter((c: { result: string }) => c.result === result).length,
      ]),
    );
    expect(byResult).toEqual({ answered: 2, busy: 1, cancelled: 1, missed: 1, failed: 1 });
    expect(page.items.find((c: { durationSeconds: number }) => c.durationSeconds === 90)).toMatchObject({
      callerNumber: ann.extension,
      calleeNumber: ben.extension,
      result: 'answered',
    });

    const bens = (await office.request('GET', `/admin/call-log?extension=${ben.extension}`, { token: admin }))
      .body;
    expect(bens.totals).toEqual({
      calls: 3,
      results: { answered: 1, missed: 1, busy: 1, voicemail: 0, failed: 0, cancelled: 0 },
      talkSeconds: 90,
    });
    const csv = await (
      await fetch(`${office.baseUrl}/api/v1/admin/call-log.csv?result=answered`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(csv.trim().split('\n')).toHaveLength(3); // header and two answered calls

    await Promise.all(phones.map((p) => p.stop()));
  });
});
