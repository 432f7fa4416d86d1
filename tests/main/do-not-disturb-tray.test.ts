// Do-not-disturb in the tray, against a real office: the tray shows what the office keeps, follows
// a change made from another app of the person (the office's push), and its menu item turns it
// on and off at the office. Signed out, there is nothing to turn.
import { describe, expect, it } from 'vitest';
import { DesktopShell } from '../../main/shell/desktop-shell';
import type { TrayAction, TrayState } from '../../main/shell/tray-state';
import { withSipOfficeAndApp } from '../support/app-services';

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('do-not-disturb in the tray', () => {
  const started = withSipOfficeAndApp();

  it('shows the office’s do-not-disturb, follows other apps’ changes, and toggles it from its menu', async () => {
    const { office } = started.sipOffice;
    const { app } = started;
    const admin = await office.adminToken();
    const person = await office.createSignedInUser(admin, 'Zoë Brontë-Ødegaard');
    expect((await app.router.invoke('settings', 'update', { language: 'fr' })).ok).toBe(true);
    const trays: TrayState[] = [];
    let act: (action: TrayAction) => void = () => undefined;
    const shell = new DesktopShell({
      router: app.router,
      settings: app.services.settings.get(),
      systemLocale: 'en-US',
      tray: {
        show: (state, onAction) => {
          trays.push(state);
          act = onAction;
        },
      },
      notifier: { incomingCall: () => ({ close: () => undefined }), notice: () => undefined },
      loginItem: { set: () => undefined },
      showWindow: () => undefined,
      windowFocused: () => false,
      quit: () => undefined,
      logger,
    });
    const item = () => trays.at(-1)!.menu.find((entry) => entry.action === 'do-not-disturb');
    const officeSays = async () =>
      (await office.request('GET', '/me/preferences', { token: person.token })).body.doNotDisturb as boolean;
    try {
      expect(item()).toEqual({
        action: 'do-not-disturb',
        label: 'Ne pas déranger',
        enabled: false,
        checked: false,
      });

      const signedIn = await app.router.invoke('auth', 'signIn', {
        login: person.email,
        password: person.password,
        scope: 'user',
      });
      expect(signedIn.ok).toBe(true);
      await expect.poll(() => item()?.enabled).toBe(true);
      expect(item()?.checked).toBe(false);
      // The push stream is open before another app's change is made, so it reaches this one.
      await expect.poll(() => office.office.push.size).toBeGreaterThan(0);

      const elsewhere = await office.request('PATCH', '/me/preferences', {
        token: person.token,
        body: { doNotDisturb: true },
      });
      expect(elsewhere.status).toBe(200);
      await expect.poll(() => item()?.checked).toBe(true);
      expect(trays.at(-1)!.tooltip).toMatch(/ · Ne pas déranger$/);

      act('do-not-disturb');
      await expect.poll(officeSays).toBe(false);
      await expect.poll(() => item()?.checked).toBe(false);
      expect(trays.at(-1)!.tooltip).not.toContain('Ne pas déranger');
      act('do-not-disturb');
      await expect.poll(officeSays).toBe(true);
      await expect.poll(() => item()?.checked).toBe(true);

      expect((await app.router.invoke('auth', 'signOut', {})).ok).toBe(true);
      await expect.poll(() => item()?.enabled).toBe(false);
      act('do-not-disturb');
      // Nothing is sent for a person no longer signed in: the office keeps what they chose.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await officeSays()).toBe(true);
    } finally {
      shell.stop();
    }
  });
});
