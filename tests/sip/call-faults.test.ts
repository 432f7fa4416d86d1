// Calls the office or a phone could not carry: a desk phone that refuses the softphone's audio
// (488) or is unavailable (503) sends the caller to voicemail and the log names the fault, and
// the callee's row says voicemail without an answer time; with no room left to bridge a softphone
// and a desk phone, the caller hears 503 and the log says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SipOffice } from '../support/sip-office';
import { DOMAIN } from './desk-phone';
import { reaches, SessionState } from './softphone';
import {
  callLogOf,
  deskPhoneOf,
  softphoneOf,
  startMixedOffice,
  type Desk,
  type Softphone,
  POLL,
} from './mixed-office';

describe('faults in the call log', () => {
  let office: SipOffice & { admin: string };
  let ana: Softphone;
  let dan: Desk;
  let fay: Desk;

  beforeAll(async () => {
    office = await startMixedOffice(1);
    ana = await softphoneOf(office, 'Ana Fault', 440);
    dan = await deskPhoneOf(office, 'Dan Fault', 1000);
    fay = await deskPhoneOf(office, 'Fay Fault', 700);
  });
  afterAll(async () => {
    await ana?.phone.stop();
    await ana?.media.close();
    dan?.phone.close();
    fay?.phone.close();
    await office?.close();
  });

  it.each([
    [488, 'Not Acceptable Here', 'media-not-acceptable'],
    [503, 'Service Unavailable', 'unavailable'],
  ])(
    'a desk phone answering %i: voicemail takes the call and both logs name the fault',
    async (status, reason, fault) => {
      const { session, final } = ana.phone.dial(`sip:${dan.extension}@${DOMAIN}`);
      dan.phone.refuse(await dan.phone.nextInvite(), status, reason);
      expect(await final).toBe(200); // the callee's voicemail
      await session.bye();
      await reaches(session, SessionState.Terminated);
      await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);
      expect((await callLogOf(office, ana.token))[0]).toMatchObject({
        direction: 'outgoing',
        otherNumber: dan.extension,
        result: 'voicemail',
        fault,
      });
      // Dan never answered: his voicemail took it, with no answer time and no talk time of its own.
      expect((await callLogOf(office, dan.token))[0]).toMatchObject({
        direction: 'incoming',
        result: 'voicemail',
        answeredAt: null,
        durationSeconds: 0,
        fault,
      });
      expect(office.sip.media!.anchors.openPoints).toBe(0);
    },
  );

  it('refuses a call that needs a bridge when the agent holds all it may, with 503, and logs it', async () => {
    const { session, final } = ana.phone.dial(`sip:${dan.extension}@${DOMAIN}`);
    const call = dan.phone.answer(await dan.phone.nextInvite());
    expect(await final).toBe(200);
    expect(office.sip.media!.anchors.openPoints).toBe(2);

    const refused = await fay.phone.dial(ana.extension);
    expect(refused.response.status).toBe(503);
    expect(refused.response.reason).toBe('Service Unavailable (media bridge full)');
    expect((await callLogOf(office, fay.token))[0]).toMatchObject({
      direction: 'outgoing',
      otherNumber: ana.extension,
      result: 'failed',
      fault: 'bridge-full',
    });
    // A call that needs no bridge still goes through: desk phone to desk phone.
    const direct = fay.phone.dial(dan.extension);
    const atDan = dan.phone.answer(await dan.phone.nextInvite());
    const { response, dialog: fayCall } = await direct;
    expect(response.status).toBe(200);
    await fay.phone.bye(fayCall!);
    await dan.phone.hungUp(atDan);
    await session.bye();
    await dan.phone.hungUp(call);
  });
});
