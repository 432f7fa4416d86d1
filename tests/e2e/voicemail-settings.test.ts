// A colleague's own settings in the app, in Spanish and French, narrow and wide, against a real
// office: the voicemail PIN (an easy one refused, with the reason, before the office does), the
// greeting (a WAV file played here before it is saved, one recorded from Chromium's fake
// microphone and turned into a WAV here, the standard one back), and changing their password
// (issue 21, item 10).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkVoicemailPin } from '../../server/voicemail/pin';
import type { SipOffice } from '../support/sip-office';
import { BrowserHostProcess, launchChromium, seriousAccessibilityProblems } from './browser-host';
import { LUCIA, ZOE, officeWithPeople, openWindow, signIn, type Language } from './people';
import { checkScreen } from './screens';
import { toneWav } from '../support/wav';

const WAIT = { timeout: 20_000 };

/** The length of the greeting the office keeps (a 16-bit mono WAV), in seconds. */
const wavSeconds = (wav: Buffer) => wav.readUInt32LE(40) / 2 / wav.readUInt32LE(24);

describe('a colleague’s voicemail and password settings (issue 21)', () => {
  let sip: SipOffice;
  let host: BrowserHostProcess;
  let browser: Browser;
  const people = {} as Record<
    Language,
    { id: string; email: string; extension: string; password: string; token: string }
  >;

  beforeAll(async () => {
    const started = await officeWithPeople();
    sip = started.sip;
    people.es = { ...started.lucia, email: LUCIA.email };
    people.fr = { ...started.zoe, email: ZOE.email };
    [host, browser] = await Promise.all([
      BrowserHostProcess.start(['--server', sip.office.baseUrl]),
      // Its fake microphone plays a beep: something to record.
      launchChromium(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await sip?.close();
  });

  const greetingOf = (token: string) => sip.office.request('GET', '/me/voicemail/greeting', { token });

  for (const [language, width] of [
    ['es', 360],
    ['fr', 1280],
  ] as const)
    it(`sets the PIN and the greeting, and changes the password, in ${language} at ${width} px`, async () => {
      const person = people[language];
      const { context, page, problems, text } = await openWindow(browser, language, width, 800);
      await page.goto(host.url);
      await signIn(page, text, person.email, person.password);
      await page
        .getByRole('navigation', { name: text.shell.navigation })
        .getByRole('button', { name: text.shell.nav.preferences })
        .click();
      const card = page.getByRole('region', { name: text.preferences.voicemailTitle });
      await card.getByText(text.preferences.greeting.standard, { exact: true }).waitFor(WAIT);

      // The PIN: an easy one is refused as it is typed, with the reason; a good one is saved.
      const pin = card.getByLabel(text.preferences.pin.pin, { exact: true });
      await pin.fill('1234');
      await card.getByText(text.preferences.pin.easy.consecutive).waitFor();
      await pin.fill('2580');
      await card.getByLabel(text.preferences.pin.confirm).fill('2580');
      await card.getByRole('button', { name: text.preferences.pin.save }).click();
      await page.getByRole('status').filter({ hasText: text.preferences.pin.saved }).waitFor(WAIT);
      expect(await checkVoicemailPin(sip.office.office, person.id, '2580', '127.0.0.1')).toBe('ok');

      // A WAV file, played here before it is saved, then kept by the office.
      await card.getByLabel(text.preferences.greeting.upload).setInputFiles({
        name: 'saludo.wav',
        mimeType: 'audio/wav',
        buffer: toneWav(3),
      });
      const preview = card.getByLabel(text.preferences.greeting.playNew);
      await expect
        .poll(() => preview.evaluate((audio: HTMLAudioElement) => audio.duration), WAIT)
        .toBeCloseTo(3, 1);
      await checkScreen(page, `issue21-preferences-greeting-light-${width}-${language}`);
      await card.getByRole('button', { name: text.preferences.greeting.save }).click();
      await page.getByRole('status').filter({ hasText: text.preferences.greeting.saved }).waitFor(WAIT);
      await card.getByText(text.preferences.greeting.own, { exact: true }).waitFor();
      const uploaded = await greetingOf(person.token);
      expect(uploaded.status).toBe(200);
      expect(wavSeconds(uploaded.body as Buffer)).toBeCloseTo(3, 1);

      // Recorded from the microphone (Chromium's fake one), turned into a WAV here.
      await card.getByRole('button', { name: text.preferences.greeting.record }).click();
      await card.getByRole('timer').waitFor();
      await page.waitForTimeout(2_500);
      await card.getByRole('button', { name: text.preferences.greeting.stop }).click();
      await card.getByText(text.preferences.greeting.newRecording).waitFor(WAIT);
      const recorded = await card
        .getByLabel(text.preferences.greeting.playNew)
        .evaluate(
          (audio: HTMLAudioElement) =>
            new Promise<number>((resolve) =>
              audio.readyState >= 1
                ? resolve(audio.duration)
                : audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true }),
            ),
        );
      expect(recorded).toBeGreaterThan(1.5);
      expect(recorded).toBeLessThan(4);
      await card.getByRole('button', { name: text.preferences.greeting.save }).click();
      await page.getByRole('status').filter({ hasText: text.preferences.greeting.saved }).waitFor(WAIT);
      const kept = await greetingOf(person.token);
      expect(Math.abs(wavSeconds(kept.body as Buffer) - recorded)).toBeLessThan(0.2);

      // Back to the standard greeting, after saying so.
      await card.getByRole('button', { name: text.preferences.greeting.useStandard }).click();
      const ask = page.getByRole('alertdialog', { name: text.preferences.greeting.useStandardTitle });
      await ask.getByRole('button', { name: text.preferences.greeting.useStandard }).click();
      await card.getByText(text.preferences.greeting.standard, { exact: true }).waitFor(WAIT);
      expect((await greetingOf(person.token)).status).toBe(404);

      // A new password: their other sessions end, told why; this one goes on.
      const other = await sip.office.login(person.email, person.password);
      const form = page.getByRole('form', { name: text.passwordChange.ownTitle });
      await form.getByLabel(text.passwordChange.ownCurrent).fill('not-my-password-1');
      await form.getByLabel(text.passwordChange.newPassword, { exact: true }).fill(`Harbour-quartz-${width}`);
      await form.getByLabel(text.passwordChange.confirmPassword).fill(`Harbour-quartz-${width}`);
      await form.getByRole('button', { name: text.passwordChange.submit }).click();
      await form.getByRole('alert').filter({ hasText: text.passwordChange.errors.wrongOwn }).waitFor(WAIT);
      await form.getByLabel(text.passwordChange.ownCurrent).fill(person.password);
      await form.getByRole('button', { name: text.passwordChange.submit }).click();
      await page.getByRole('status').filter({ hasText: text.passwordChange.ownChanged }).waitFor(WAIT);
      const ended = await sip.office.request('GET', '/me', { token: other.body.accessToken });
      expect(ended.body.error).toMatchObject({ code: 'session_expired', reason: 'password-changed' });
      expect((await sip.office.login(person.email, `Harbour-quartz-${width}`)).status).toBe(200);
      person.password = `Harbour-quartz-${width}`;

      await checkScreen(page, `issue21-preferences-light-${width}-${language}`);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }, 180_000);
});
