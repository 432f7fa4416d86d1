// A link that launched the app dials once its person has signed in and the softphone has
// registered with a real office over SIP; junk links are refused and dial nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app-services';
import { callsHandlers } from '../support/calls-channels';
import { startSipOffice, type SipOffice } from '../support/sip-office';

describe('links dialled by the app', () => {
  let sipOffice: SipOffice;

  beforeAll(async () => {
    sipOffice = await startSipOffice();
  });
  afterAll(() => sipOffice?.close());

  it('keeps a launch link until the softphone registers, then dials it through calls:dial', async () => {
    const { office } = sipOffice;
    const person = await office.createSignedInUser(await office.adminToken(), 'Lina Link');
    const { contract, router, stop } = await startTestApp(office.baseUrl);
    const registrations: string[] = [];
    router.listen('registration', 'stateChanged', (state) => registrations.push(state.state));
    // The calls channels belong to the softphone's calls; here they record what main asks for.
    const dialled: string[] = [];
    router.serve(
      'calls',
      callsHandlers({
        dial: async ({ target }) => {
          dialled.push(target);
          return {
            id: `call-${dialled.length}`,
            direction: 'outgoing',
            remoteNumber: target,
            remoteName: null,
            state: 'dialing',
            muted: false,
            startedAt: new Date().toISOString(),
          };
        },
      }),
    );
    try {
      expect(contract.openLink('tel:+1-555-010-9999;phone-context=example.com')).toEqual({
        ok: true,
        target: '+15550109999',
      });
      expect(contract.openLink('javascript:alert(1)')).toMatchObject({
        ok: false,
        refusal: 'unsupported-scheme',
      });
      expect(dialled).toEqual([]);

      const signedIn = await router.invoke('auth', 'signIn', {
        login: person.email,
        password: person.password,
        scope: 'user',
      });
      expect(signedIn.ok).toBe(true);
      await expect.poll(() => registrations, { timeout: 10_000 }).toContain('registered');
      await expect.poll(() => dialled).toEqual(['+15550109999']);

      // Registered: a new link dials at once, and only a clean address goes on.
      contract.openLink('sip:104@Office.Example.com;transport=tcp?Subject=hi');
      await expect.poll(() => dialled).toEqual(['+15550109999', 'sip:104@office.example.com']);
      expect(contract.openLink('tel:555-CALL-NOW')).toMatchObject({ ok: false, refusal: 'malformed' });
      expect(dialled).toHaveLength(2);
    } finally {
      await stop();
    }
  }, 30_000);
});
