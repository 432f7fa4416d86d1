// The first launch of the app on a computer, as a person goes through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MESSAGES } from '../../common/i18n/catalogue';
import { IPC_PATH } from '../../main/web/host';
import { contentSecurityPolicy } from '../../main/window/csp';
import { expectApprovedScreen } from './approved-screens';
import { BrowserHostProcess, launchChromium, screenshot, seriousAccessibilityProblems } from './browser-host';
import { ControlClient } from './control-client';
import { checkAtWidths } from './screens';

/** A browser host whose office's first run is still to come, and Chromium, for the block's tests. */
function freshHostAndBrowser(): { host: BrowserHostProcess; browser: Browser } {
  const started = {} as { host: BrowserHostProcess; browser: Browser };
  beforeAll(async () => {
    [started.host, started.browser] = await Promise.all([BrowserHostProcess.start(), launchChromium()]);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.host?.stop();
  });
  return started;
}

const ESPAÑA = { name: 'Ópticas García-Pérez', country: 'ES', timeZone: 'Europe/Madrid', language: 'es' };

describe('first launch through the browser host', () => {
  const started = freshHostAndBrowser();

  it('opens the page under the policy people get: no inline script, style or eval runs', async () => {
    const { host, browser } = started;
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(host.url);
    const { host: address } = new URL(host.url);
    expect(response!.headers()['content-security-policy']).toBe(
      contentSecurityPolicy([`ws://${address}${IPC_PATH}`]),
    );
    await page.getByRole('heading', { name: 'Your office is ready' }).waitFor();
    const outcome = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const refused: string[] = [];
          document.addEventListener('securitypolicyviolation', (event) =>
            refused.push(event.effectiveDirective),
          );
          const script = document.createElement('script');
          script.textContent = 'window.inlineScriptRan = true';
          document.body.append(script);
          const style = document.createElement('style');
          style.textContent = 'body { visibility: hidden }';
          document.head.append(style);
          // eval in a task of the page's own (the test's evaluation itself may use it); each
          // refusal's event comes in a later task.
          setTimeout(() => {
            let evaluated = 'ran';
            try {
              eval('1');
            } catch (error) {
              evaluated = (error as Error).name;
            }
            const report = () =>
              resolve({
                inlineScriptRan: 'inlineScriptRan' in window,
                inlineStyleApplied: getComputedStyle(document.body).visibility === 'hidden',
                evaluated,
                refused: refused.sort(),
              });
            setTimeout(report, 100);
          });
        }),
    );
    expect(outcome).toEqual({
      inlineScriptRan: false,
      inlineStyleApplied: false,
      evaluated: 'EvalError',
      refused: ['script-src', 'script-src-elem', 'style-src-elem'],
    });
    // The accessibility check works under the policy too (its own way in, not a script tag).
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('shows the new office’s one-time password, then signs the owner in with it', async () => {
    const { host, browser } = started;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(host.url);

    await page.getByRole('heading', { name: 'Your office is ready' }).waitFor();
    // The launch token left the address bar once the page read it.
    expect(page.url()).not.toContain('token=');
    const email = await page.locator('strong').first().textContent();
    const password = (await page.locator('code').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    await screenshot(page, 'first-run-light-1280');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Copy' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    // The office needs a name before anything else.
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await page.getByRole('heading', { name: 'Your office is ready' }).waitFor();
    await page.getByLabel('Company name').fill('Brontë-Ødegaard Optics');
    await page.getByRole('button', { name: 'Continue to sign in' }).click();

    await expect.poll(() => page.getByLabel('Extension, email or phone number').inputValue()).toBe(email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('do not match');
    await screenshot(page, 'sign-in-error-light-1280');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Sign in as administrator').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The one-time password is temporary: the owner chooses their own before anything else.
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'forced-change-light-1280');
    await page.getByLabel('Temporary password').fill(password);
    await page.getByLabel('New password', { exact: true }).fill('Granite-Orchard-Lamp-31');
    await page.getByLabel('Confirm password').fill('Granite-Orchard-Lamp-31');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phone' }).waitFor();
    await page.getByText('Administrator session').waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Admin' }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The one-time password is spent: a reload goes to sign-in, never to it again.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByText(password).count()).toBe(0);
    const control = await ControlClient.connect(host.url);
    expect(await control.value('app:first-run-admin')).toBeNull();
    expect(await control.invoke('app:set-up-office', ESPAÑA)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    control.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lays sign-in out for a 360 px softphone window in the dark theme, in Spanish', async () => {
    const { host, browser } = started;
    const context = await browser.newContext({
      viewport: { width: 360, height: 720 },
      colorScheme: 'dark',
      locale: 'es-ES',
    });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'sign-in-dark-360-es');
    await expectApprovedScreen(page, 'sign-in-dark-360-es');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await context.close();
  });
});

describe.each([
  {
    language: 'es',
    locale: 'es-ES',
    timezoneId: 'Europe/Madrid',
    country: 'ES',
    company: 'Ópticas García-Pérez',
  },
  {
    language: 'fr',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    country: 'FR',
    company: 'Boulangerie Brontë',
  },
] as const)('the first run in $language', ({ language, locale, timezoneId, country, company }) => {
  const started = freshHostAndBrowser();

  it('asks about the office with this computer’s country, time zone and language to start with, and keeps them', async () => {
    const { host, browser } = started;
    const context = await browser.newContext({ viewport: { width: 400, height: 800 }, locale, timezoneId });
    const page = await context.newPage();
    await page.goto(host.url);
    const text = MESSAGES[language];
    await page.getByRole('heading', { name: text.firstRun.title }).waitFor();
    expect(await page.getByLabel(text.locale.country).inputValue()).toBe(country);
    expect(await page.getByLabel(text.locale.timeZone).inputValue()).toBe(timezoneId);
    expect(await page.getByLabel(text.firstRun.language).inputValue()).toBe(language);
    await page.getByLabel(text.firstRun.companyName).fill(company);
    await checkAtWidths(page, `first-run-${language}`);
    await page.getByRole('button', { name: text.firstRun.continue }).click();
    await page.getByRole('heading', { name: text.signIn.title }).waitFor();

    const control = await ControlClient.connect(host.url);
    const admin = await control.value('app:first-run-admin');
    await control.value('auth:sign-in', {
      login: admin.email,
      password: admin.temporaryPassword,
      scope: 'admin',
    });
    await control.value('auth:change-password', {
      body: { currentPassword: admin.temporaryPassword, newPassword: 'Granite-Orchard-Lamp-31' },
    });
    await control.value('auth:sign-in', {
      login: admin.email,
      password: 'Granite-Orchard-Lamp-31',
      scope: 'admin',
    });
    expect(await control.value('admin:company', {})).toMatchObject({
      name: company,
      country,
      timeZone: timezoneId,
      language,
    });
    await control.value('auth:sign-out');
    control.close();
    await context.close();
  });
});
