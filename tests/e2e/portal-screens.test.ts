// The signed-in user's screens in real Chromium through the browser host, against a real office
// holding calls and voice messages: every screen in light and dark, English and Spanish, 360 px
// and 1280 px, saved as screenshots and checked with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { recordCall } from '../../server/directory/call-log';
import { storeVoicemail } from '../../server/directory/voicemail';
import type { en } from '../../common/i18n/en';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { expectApprovedScreen } from './approved-screens';
import { BrowserHostProcess, launchChromium } from './browser-host';
import { SCREEN_VARIANTS, checkScreen, openVariant, variantName, variantSuffix } from './screens';
import { toneWav } from '../support/wav';

describe('the portal screens in Chromium', () => {
  let sip: SipOffice;
  let host: BrowserHostProcess;
  let browser: Browser;
  let ada: { email: string; password: string; extension: string };

  beforeAll(async () => {
    // The office's SIP service runs so the softphone registers: the header shows what a person sees.
    sip = await startSipOffice();
    const office = sip.office;
    const admin = await office.adminToken();
    ada = await office.createSignedInUser(admin, 'Ada Portal');
    const grace = await office.createSignedInUser(admin, 'Grace Peer');
    const me = await office.request('GET', '/me', {
      token: (await office.login(ada.email, ada.password)).body.accessToken,
    });
    const peer = { number: grace.extension, name: 'Grace Peer', userId: grace.id };
    const self = { number: ada.extension, name: 'Ada Portal', userId: me.body.id as string };
    const now = Date.now();
    for (let i = 0; i < 40; i++) {
      const start = now - (i + 1) * 47 * 60_000;
      const incoming = i % 3 !== 0;
      const answered = i % 4 !== 1;
      await recordCall(office.office.db, {
        caller: incoming ? peer : self,
        callee: incoming ? self : peer,
        startedAt: new Date(start).toISOString(),
        answeredAt: answered ? new Date(start + 4_000).toISOString() : null,
        endedAt: new Date(start + 4_000 + (i + 1) * 13_000).toISOString(),
        result: answered ? 'answered' : 'missed',
      });
    }
    for (const [index, caller] of ['Grace Peer', 'Front Desk', null].entries())
      await storeVoicemail(office.office.db, office.office.voicemailFiles, {
        extension: ada.extension,
        callerNumber: index === 1 ? '100' : grace.extension,
        callerName: caller,
        receivedAt: new Date(now - (index + 1) * 3 * 3600_000).toISOString(),
        durationSeconds: 2,
        audio: toneWav(2),
        audioType: 'audio/wav',
      });
    [host, browser] = await Promise.all([
      BrowserHostProcess.start(['--server', office.baseUrl]),
      launchChromium(),
    ]);
    // Users are created through the API and their welcome mail read over SMTP: slow on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await sip?.close();
  });

  async function signIn(page: Page, text: typeof en) {
    await page.goto(host.url);
    await page.getByLabel(text.signIn.loginWithPhone).fill(ada.extension);
    await page.getByLabel(text.signIn.password, { exact: true }).fill(ada.password);
    // The test machine's keyring is not unlocked here: this sign-in is not kept.
    await page.getByLabel(text.signIn.remember).uncheck();
    await page.getByRole('button', { name: text.signIn.submit }).click();
    await page.getByRole('heading', { level: 1, name: text.shell.nav.phone }).waitFor();
    await page.locator('.registration[data-state="registered"]').waitFor({ timeout: 30_000 });
  }

  for (const variant of SCREEN_VARIANTS)
    it(`shows every screen in ${variantName(variant)}`, { timeout: 120_000 }, async () => {
      const { context, page, problems, text } = await openVariant(browser, variant);
      const { theme } = variant;
      const suffix = variantSuffix(variant);
      await signIn(page, text);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await checkScreen(page, `portal-phone-${suffix}`);
      // The compact softphone's layout is held to its approved image (one variant is enough).
      if (suffix === 'light-360-en') await expectApprovedScreen(page, `portal-phone-${suffix}`);

      const nav = page.getByRole('navigation', { name: text.shell.navigation });
      await nav.getByRole('button', { name: text.shell.nav.callLog }).click();
      await page.getByRole('heading', { level: 1, name: text.shell.nav.callLog }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('shell-heading');
      await page.getByText('Grace Peer').first().waitFor();
      await checkScreen(page, `portal-call-log-${suffix}`);
      await page.getByRole('button', { name: text.callLog.filters.missed }).click();
      await page.getByText(text.callLog.results.missed).first().waitFor();

      await nav.getByRole('button', { name: new RegExp(`^${text.shell.nav.voicemail}`) }).click();
      await page.getByRole('button', { name: /Front Desk/ }).click();
      await page.locator('audio').waitFor();
      // The recording the page plays is the office's file, decoded by Chromium.
      const seconds = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const audio = document.querySelector('audio')!;
            if (audio.readyState >= 1) resolve(audio.duration);
            else audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
          }),
      );
      expect(seconds).toBeCloseTo(2, 1);
      await checkScreen(page, `portal-voicemail-${suffix}`);

      await nav.getByRole('button', { name: text.shell.nav.preferences }).click();
      await page.getByLabel(text.preferences.callerIdName).waitFor();
      await page.getByRole('checkbox', { name: text.preferences.doNotDisturb }).check();
      await page
        .getByText(text.callRoute.doNotDisturb.replace('{{end}}', text.callRoute.end.voicemail), {
          exact: true,
        })
        .waitFor();
      await checkScreen(page, `portal-preferences-${suffix}`);
      expect(problems).toEqual([]);
      await context.close();
    });
});
