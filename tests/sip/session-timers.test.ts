// Calls whose BYE never comes end by themselves once quiet for the session interval, and
// callers offering RFC 4028 session timers get them negotiated (422 below Min-SE).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Inviter, UserAgent } from 'sip.js';
import { DOMAIN, startSipOffice, type SipOffice } from '../support/sip-office';
import { TestPhone, reaches, SessionState } from './softphone';

interface Person {
  name: string;
  token: string;
  extension: string;
}

describe('session expiry and RFC 4028 session timers', () => {
  const offices: SipOffice[] = [];
  let phones: TestPhone[] = [];

  async function officeWith(sessionExpiresSeconds?: number) {
    const started = await startSipOffice({}, sessionExpiresSeconds ? { sessionExpiresSeconds } : {});
    offices.push(started);
    const admin = await started.office.adminToken();
    const person = async (name: string): Promise<Person> => {
      const user = await started.office.createSignedInUser(admin, name);
      return { name, token: user.token, extension: user.extension };
    };
    const phone = async (who: Person) => {
      const softphone = await TestPhone.ofUser(started.office, who.token, who.name);
      phones.push(softphone);
      return softphone;
    };
    return { ...started, person, phone };
  }

  afterEach(async () => {
    await Promise.all(phones.map((p) => p.stop()));
    phones = [];
  });
  afterAll(async () => {
    for (const started of offices) await started.close();
  });

  it('ends and logs an answered call with no in-dialog traffic for the session interval', async () => {
    const { office, sip, person, phone } = await officeWith(1);
    const alice = await person('Alice Quiet');
    const bob = await person('Bob Quiet');
    const [alicePhone, bobPhone] = [await phone(alice), await phone(bob)];
    const { session: outgoing, final } = alicePhone.dial(`sip:${bob.extension}@${DOMAIN}`);
    const incoming = await bobPhone.nextInvitation();
    await incoming.accept();
    expect(await final).toBe(200);
    expect(sip.calls.activeCalls).toBe(1);
    // Nobody sends BYE: the server does, to both sides, once the call has been quiet for 1 s.
    await reaches(outgoing, SessionState.Terminated, 5000);
    await reaches(incoming, SessionState.Terminated, 5000);
    expect(sip.calls.activeCalls).toBe(0);
    const log = (await office.request('GET', '/me/call-log', { token: alice.token })).body.items;
    expect(log[0]).toMatchObject({ otherNumber: bob.extension, result: 'answered' });
  });

  it('refuses a Session-Expires below Min-SE with 422 and accepts a longer one, refreshed by the caller', async () => {
    const { person, phone } = await officeWith();
    const alice = await person('Alice Timer');
    const bob = await person('Bob Timer');
    const [alicePhone, bobPhone] = [await phone(alice), await phone(bob)];
    const dial = (sessionExpires: string) => {
      const inviter = new Inviter(alicePhone.agent, UserAgent.makeURI(`sip:${bob.extension}@${DOMAIN}`)!, {
        extraHeaders: [`Session-Expires: ${sessionExpires}`, 'Supported: timer'],
      });
      return new Promise<{ status: number; header: (name: string) => string | undefined }>((resolve) => {
        const done = (response: {
          message: { statusCode?: number; getHeader(name: string): string | undefined };
        }) =>
          resolve({ status: response.message.statusCode ?? 0, header: (n) => response.message.getHeader(n) });
        void inviter.invite({ requestDelegate: { onAccept: done, onReject: done } });
      });
    };
    const brief = await dial('30');
    expect(brief.status).toBe(422);
    expect(brief.header('Min-SE')).toBe('90');

    const answered = dial('1800;refresher=uac');
    await (await bobPhone.nextInvitation()).accept();
    const accepted = await answered;
    expect(accepted.status).toBe(200);
    expect(accepted.header('Session-Expires')).toBe('1800;refresher=uac');
    expect(accepted.header('Require')).toBe('timer');
  });
});
