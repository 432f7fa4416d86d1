// A link that launched the app is put to its person once they have signed in and the softphone
// has registered with a real office over SIP; main dials nothing on a link's word, the window
// dials it if the person says Call. Junk links are refused and asked about never.
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app-services';
import { useSipOffice } from '../support/sip-office';

describe('links from outside the app', () => {
  const sipOffice = useSipOffice();

  it('waits for the registration, then asks the window, and dials nothing itself', async () => {
    const { office } = sipOffice;
    const person = await office.createSignedInUser(await office.adminToken(), 'Lina Link');
    const { contract, router, stop } = await startTestApp(office.baseUrl);
    const registrations: string[] = [];
    router.listen('registration', 'stateChanged', (state) => registrations.push(state.state));
    const asked: ({ target: string } | null)[] = [];
    router.listen('calls', 'linkToConfirmChanged', (link) => asked.push(link));
    const callEvents: string[] = [];
    router.listen('calls', 'stateChanged', (call) => callEvents.push(call.state));
    const question = async () => await router.invoke('calls', 'linkToConfirm', {});
    try {
      expect(contract.openLink('tel:+1-555-010-9999;phone-context=example.com')).toEqual({
        ok: true,
        target: '+15550109999',
      });
      expect(contract.openLink('javascript:alert(1)')).toMatchObject({
        ok: false,
        refusal: 'unsupported-scheme',
      });
      expect(asked).toEqual([]);
      expect(await question()).toEqual({ ok: true, value: null });

      const signedIn = await router.invoke('auth', 'signIn', {
        login: person.email,
        password: person.password,
        scope: 'user',
      });
      expect(signedIn.ok).toBe(true);
      await expect.poll(() => registrations, { timeout: 10_000 }).toContain('registered');
      await expect.poll(() => asked).toEqual([{ target: '+15550109999' }]);
      // A page opened after the question was asked finds it.
      expect(await question()).toEqual({ ok: true, value: { target: '+15550109999' } });
      expect(await router.invoke('calls', 'list', {})).toEqual({ ok: true, value: [] });

      // Registered: a new link is asked about at once and replaces the first; only a clean address goes on.
      contract.openLink('sip:104@Office.Example.com;transport=tcp?Subject=hi');
      expect(asked.at(-1)).toEqual({ target: 'sip:104@office.example.com' });
      expect(contract.openLink('tel:555-CALL-NOW')).toMatchObject({ ok: false, refusal: 'malformed' });
      expect(asked).toHaveLength(2);

      // An answer to the replaced link changes nothing; a malformed one is refused.
      expect(await router.invoke('calls', 'linkAnswered', { target: '+15550109999' })).toEqual({
        ok: true,
        value: null,
      });
      expect(await question()).toEqual({ ok: true, value: { target: 'sip:104@office.example.com' } });
      expect(await router.invoke('calls', 'linkAnswered', { target: 'sip:104 @x' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_request', field: 'request.target' },
      });
      // The answer to the one asked ends the question on every page.
      await router.invoke('calls', 'linkAnswered', { target: 'sip:104@office.example.com' });
      expect(asked.at(-1)).toBeNull();
      expect(await question()).toEqual({ ok: true, value: null });

      // The window's own dial is not a question: it goes straight to the softphone (which has
      // no page doing the audio here, and says so).
      expect(await router.invoke('calls', 'dial', { target: '101' })).toMatchObject({
        ok: false,
        error: { code: 'no_media' },
      });
      expect(asked).toHaveLength(3);
      expect(callEvents).toEqual([]);

      // Signing out takes the question with the session.
      contract.openLink('tel:102');
      expect(asked.at(-1)).toEqual({ target: '102' });
      await router.invoke('auth', 'signOut', {});
      await expect.poll(() => asked.at(-1)).toBeNull();
    } finally {
      await stop();
    }
  }, 30_000);

  it('keeps a switchboard: link for the window, which is told it came; a junk one is refused', async () => {
    const { contract, router, stop } = await startTestApp(sipOffice.office.baseUrl);
    let told = 0;
    router.listen('app', 'linkOpened', () => told++);
    try {
      expect(contract.openLink('switchboard://recover?code=K7Q2M9XW3PLA')).toMatchObject({ ok: true });
      expect(told).toBe(1);
      expect(await router.invoke('app', 'takeLink', {})).toEqual({
        ok: true,
        value: { screen: 'recover', code: 'K7Q2M9XW3PLA' },
      });
      expect(await router.invoke('app', 'takeLink', {})).toEqual({ ok: true, value: null });
      expect(
        contract.openLink('switchboard://recover?code=K7Q2&office=https://evil.example.com'),
      ).toMatchObject({
        ok: false,
        refusal: 'malformed',
      });
      expect(told).toBe(1);
      expect(await router.invoke('app', 'takeLink', {})).toEqual({ ok: true, value: null });
    } finally {
      await stop();
    }
  });
});
