// Each call reaches the app's window as the office logs it: the office's push over the app's one
// push channel, which follows who is signed in (here with no keyring, so no voicemail cache).
import { describe, expect, it } from 'vitest';
import type { CallLogEntry } from '../../common/api/call-log';
import { withSipOfficeAndApp } from '../support/app-services';
import { DOMAIN } from '../support/sip-office';
import { TestPhone, reaches, SessionState } from '../sip/softphone';

describe('logged calls in the app', () => {
  const started = withSipOfficeAndApp();

  it('publishes portal:call-logged for the person signed in, missed or answered on their desk phone, and holds no stream once they sign out', async () => {
    const { office } = started.sipOffice;
    const { app } = started;
    const admin = await office.adminToken();
    const callee = await office.createSignedInUser(admin, 'Mona Missed');
    const caller = await office.createSignedInUser(admin, 'Carl Caller');
    const callerPhone = await TestPhone.ofUser(office, caller.token, 'carl');
    // The callee's desk phone rings; the app here has no page to do a call's audio.
    const deskPhone = await TestPhone.ofUser(office, callee.token, 'mona-desk');
    const logged: CallLogEntry[] = [];
    app.router.listen('portal', 'callLogged', (entry) => logged.push(entry));
    const streams = office.office.push.size;

    const signedIn = await app.router.invoke('auth', 'signIn', {
      login: callee.email,
      password: callee.password,
      scope: 'user',
    });
    expect(signedIn.ok).toBe(true);
    await expect.poll(() => office.office.push.size).toBe(streams + 1);

    const call = callerPhone.dial(`sip:${callee.extension}@${DOMAIN}`);
    await deskPhone.nextInvitation();
    await call.session.cancel();
    expect(await call.final).toBe(487);
    await expect.poll(() => logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      direction: 'incoming',
      result: 'missed',
      otherNumber: caller.extension,
    });
    const missed = await office.request('GET', '/me/call-log?filter=missed', { token: callee.token });
    expect(missed.body.items[0].id).toBe(logged[0]!.id);

    const again = callerPhone.dial(`sip:${callee.extension}@${DOMAIN}`);
    const ringing = await deskPhone.nextInvitation();
    await ringing.accept();
    expect(await again.final).toBe(200);
    await reaches(again.session, SessionState.Established);
    await again.session.bye();
    await reaches(ringing, SessionState.Terminated);
    await expect.poll(() => logged).toHaveLength(2);
    expect(logged[1]).toMatchObject({ direction: 'incoming', result: 'answered' });

    expect((await app.router.invoke('auth', 'signOut', {})).ok).toBe(true);
    await expect.poll(() => office.office.push.size).toBe(streams);
    await Promise.all([callerPhone.stop(), deskPhone.stop()]);
  });
});
