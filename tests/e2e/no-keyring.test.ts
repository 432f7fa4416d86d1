// A computer with no usable keyring (no D-Bus session, so libsecret finds no Secret Service):
// "Keep me signed in" is ticked, as it is by default; signing in works all the same, the app
// says once that staying signed in is not possible here, and the box is unticked from then on.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../common/i18n/catalogue';
import { BrowserHostProcess, launchChromium } from './browser-host';
import { ControlClient } from './control-client';
import { checkAtWidths } from './screens';

const ADMIN = { email: 'owner@example.com', password: 'Granite-Orchard-Lamp-31' };
const ZOE = {
  name: 'Zoë Brontë-Ødegaard',
  email: 'zoe.bronte-odegaard@boulangerie-zo.test',
  password: 'Quiet-Harbour-Violet-58',
};

describe('signing in on a computer without a keyring', () => {
  let host: BrowserHostProcess;
  let browser: Browser;

  beforeAll(async () => {
    [host, browser] = await Promise.all([
      BrowserHostProcess.start(
        ['--admin-email', ADMIN.email, '--admin-password', ADMIN.password],
        undefined,
        {
          keyring: false,
        },
      ),
      launchChromium(),
    ]);
    // Zoë, with a password of her own, made through the app's own channels by the super admin.
    const control = await ControlClient.connect(host.url);
    await control.value('auth:sign-in', { login: ADMIN.email, password: ADMIN.password, scope: 'admin' });
    const zoe = await control.value('admin:create-user', {
      body: { name: ZOE.name, email: ZOE.email, sendWelcomeEmail: false },
    });
    await control.value('admin:reset-password', {
      id: zoe.id,
      body: { mode: 'manual', password: ZOE.password, confirmPassword: ZOE.password },
    });
    await control.value('auth:sign-out');
    control.close();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('signs in anyway, says once why it cannot stay signed in, and unticks the box', async () => {
    // The host found no keyring at all: it said so in its log.
    expect(host.log).toContain('No usable keyring');
    const { fr, es } = MESSAGES;
    const context = await browser.newContext({ viewport: { width: 400, height: 800 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(host.url);
    const remember = page.getByLabel(fr.signIn.remember);
    expect(await remember.isChecked()).toBe(true);
    await page.getByLabel(fr.signIn.loginWithPhone).fill(ZOE.email);
    await page.getByLabel(fr.signIn.password, { exact: true }).fill(ZOE.password);
    await page.getByRole('button', { name: fr.signIn.submit }).click();

    // The manual reset asks her to choose her own first; then the app, and the notice.
    await page.getByLabel(fr.passwordChange.currentPassword, { exact: true }).fill(ZOE.password);
    await page.getByLabel(fr.passwordChange.newPassword, { exact: true }).fill(`${ZOE.password}-2`);
    await page.getByLabel(fr.passwordChange.confirmPassword, { exact: true }).fill(`${ZOE.password}-2`);
    await page.getByRole('button', { name: fr.passwordChange.submit }).click();
    const notice = page.getByRole('status').filter({ hasText: fr.signIn.notKept });
    await notice.waitFor({ timeout: 20_000 });
    await checkAtWidths(page, 'not-kept-fr');
    const control = await ControlClient.connect(host.url);
    await control.value('settings:update', { language: 'es' });
    await page.getByRole('status').filter({ hasText: es.signIn.notKept }).waitFor();
    await checkAtWidths(page, 'not-kept-es');
    await control.value('settings:update', { language: 'system' });
    control.close();

    // Once: dismissed, it stays gone.
    await page.getByRole('button', { name: fr.signIn.dismissNotice }).click();
    expect(await notice.count()).toBe(0);

    // Nothing was kept: a reload asks to sign in again, with the box unticked.
    await page.reload();
    await page.getByRole('heading', { name: fr.signIn.title }).waitFor();
    expect(await page.getByLabel(fr.signIn.remember).isChecked()).toBe(false);
    expect(await page.getByLabel(fr.signIn.loginWithPhone).inputValue()).toBe(ZOE.email);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
