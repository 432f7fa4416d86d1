// Two people through the app's screens: an office provisioned through its API, each person in
// their own browser host (--server) and Chromium page, driven by roles and labels only. Their
// temporary passwords and the recovery code arrive at the office's real SMTP receiver.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { BrowserHostProcess, launchChromium, screenshot, seriousAccessibilityProblems } from './browser-host';

interface Person {
  name: string;
  email: string;
  extension: string;
  temporaryPassword: string;
  page: Page;
  host: BrowserHostProcess;
}

const OWN_PASSWORD = 'Lantern-quartz-97';
const RECOVERED_PASSWORD = 'Harbour-violet-53';
const WAIT = { timeout: 20_000 };

describe('two users through the app’s screens', () => {
  let sip: SipOffice;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const hosts: BrowserHostProcess[] = [];
  let ana: Person, ben: Person;

  async function person(adminToken: string, name: string): Promise<Person> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
    const created = await sip.office.request('POST', '/admin/users', {
      token: adminToken,
      body: { name, email },
    });
    expect(created.status).toBe(201);
    const welcome = await sip.office.smtp.next(email, (mail) => mail.subject.includes('Welcome'));
    const temporaryPassword = /Temporary password: (\S+)/.exec(welcome.text)![1]!;
    const host = await BrowserHostProcess.start([], sip.office.baseUrl);
    hosts.push(host);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.warn(`${name} page error:`, String(error)));
    await page.goto(host.url);
    return { name, email, extension: created.body.extension as string, temporaryPassword, page, host };
  }

  async function signIn(page: Page, login: string, password: string): Promise<void> {
    await page.getByLabel('Extension or email').fill(login);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Sign in with the temporary password, then the forced change, until the phone is ready. */
  async function firstSignIn(who: Person, shot?: string): Promise<void> {
    const { page } = who;
    await signIn(page, who.extension, who.temporaryPassword);
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor(WAIT);
    await page.getByLabel('Temporary password', { exact: true }).fill(who.temporaryPassword);
    await page.getByLabel('New password', { exact: true }).fill(OWN_PASSWORD);
    await page.getByLabel('Confirm password', { exact: true }).fill(OWN_PASSWORD);
    if (shot) {
      await screenshot(page, shot);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
    }
    await page.getByRole('button', { name: 'Change password' }).click();
    await registration(page).filter({ hasText: 'Registered' }).waitFor(WAIT);
  }

  const registration = (page: Page) => page.locator('.registration-badge');
  const keypad = (page: Page) => page.getByRole('group', { name: 'Keypad' });
  const callControls = (page: Page) => page.getByRole('group', { name: 'Call controls' });

  beforeAll(async () => {
    sip = await startSipOffice();
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
    const adminToken = await sip.office.adminToken();
    ana = await person(adminToken, 'Ana Screens');
    ben = await person(adminToken, 'Ben Screens');
    // Two app processes and Chromium on a shared machine: starting them is the slow part.
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await Promise.all(hosts.map((host) => host.stop()));
    await sip?.close();
  });

  it('sign in with the temporary password, change it, call, hold, resume, hang up, see the call log', async () => {
    await firstSignIn(ana, 'user-forced-change-light-1280');
    await firstSignIn(ben);
    await screenshot(ana.page, 'softphone-idle-light-1280');
    expect(await seriousAccessibilityProblems(ana.page)).toEqual([]);

    // Ana dials Ben's extension on the dial pad, key by key.
    for (const digit of ben.extension) await keypad(ana.page).getByRole('button', { name: digit }).click();
    await expect.poll(() => ana.page.getByLabel('Number or colleague').inputValue()).toBe(ben.extension);
    await ana.page.getByRole('button', { name: 'Call', exact: true }).click();

    const incoming = ben.page.getByRole('region').filter({ hasText: 'Incoming call' });
    await incoming.getByText('Incoming call').waitFor(WAIT);
    await screenshot(ben.page, 'softphone-incoming-light-1280');
    expect(await seriousAccessibilityProblems(ben.page)).toEqual([]);
    await incoming.getByRole('button', { name: 'Answer' }).click();

    await callControls(ana.page).waitFor(WAIT);
    await callControls(ben.page).waitFor(WAIT);
    await ana.page
      .getByRole('timer', { name: 'Call status' })
      .getByText(/\d+:\d\d/)
      .waitFor(WAIT);
    await screenshot(ana.page, 'softphone-in-call-light-1280');
    expect(await seriousAccessibilityProblems(ana.page)).toEqual([]);

    await callControls(ana.page).getByRole('button', { name: 'Hold' }).click();
    await ana.page.getByRole('timer', { name: 'Call status' }).getByText('On hold').waitFor(WAIT);
    await screenshot(ana.page, 'softphone-on-hold-light-1280');
    await callControls(ana.page).getByRole('button', { name: 'Resume' }).click();
    await callControls(ana.page).getByRole('button', { name: 'Hold' }).waitFor(WAIT);

    await ana.page.getByRole('button', { name: 'Hang up' }).click();
    await callControls(ana.page).waitFor({ state: 'detached', ...WAIT });
    await callControls(ben.page).waitFor({ state: 'detached', ...WAIT });

    // Both see the call in their call log, from their side.
    for (const [who, other, direction] of [
      [ana, ben, 'Outgoing'],
      [ben, ana, 'Incoming'],
    ] as const) {
      await who.page.getByRole('button', { name: 'Call log' }).click();
      const entry = who.page.getByRole('listitem').filter({ hasText: other.name });
      await entry.waitFor(WAIT);
      // An answered call shows how long it lasted.
      expect(await entry.textContent()).toMatch(new RegExp(`${direction} · \\d+ sec`));
    }
    await screenshot(ana.page, 'call-log-light-1280');
    expect(await seriousAccessibilityProblems(ana.page)).toEqual([]);
  }, 120_000);

  it('a user who forgot their password asks for a code by extension, sets a new one and signs in', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 720 }, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(ana.host.url);
    // Ana's host keeps her signed in: she signs out first, as she would on a shared computer.
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByLabel('Extension or email').fill(ana.extension);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByLabel('Code from the mail').waitFor(WAIT);
    const mail = await sip.office.smtp.next(ana.email, (m) => /use this code: /.test(m.text));
    const code = /use this code: ([A-Z0-9]+)/.exec(mail.text)![1]!;

    // A wrong code is refused with the reason, and nothing typed is lost.
    await page.getByLabel('Code from the mail').fill('WRONGWRONG22');
    await page.getByLabel('New password', { exact: true }).fill(RECOVERED_PASSWORD);
    await page.getByLabel('Confirm password', { exact: true }).fill(RECOVERED_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor(WAIT);
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe(RECOVERED_PASSWORD);

    await page.getByLabel('Code from the mail').fill(code);
    await screenshot(page, 'forgot-password-code-light-360');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Back to sign in' }).click();

    // The old password no longer works; the new one does.
    expect((await sip.office.login(ana.email, OWN_PASSWORD)).status).toBe(401);
    await page.getByLabel('Password', { exact: true }).fill(RECOVERED_PASSWORD);
    if (!(await page.getByLabel('Extension or email').inputValue()))
      await page.getByLabel('Extension or email').fill(ana.extension);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await registration(page).filter({ hasText: 'Registered' }).waitFor(WAIT);
  }, 60_000);
});
