// The elevated session's idle limit as an administrator meets it: the browser host against an
// office whose clock the test moves, in headless Chromium. The office ends the idle session; the
// app asks for the password over the console and finishes what the admin was doing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestOffice } from '../support/office';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import {
  BrowserHostProcess,
  launchChromium,
  screenshot,
  seriousAccessibilityProblems,
  signInToAdminConsole,
} from './browser-host';

describe('an administrator idle past the company’s limit, in the browser', () => {
  let sipOffice: SipOffice;
  let office: TestOffice;
  let host: BrowserHostProcess;
  let browser: Browser;

  beforeAll(async () => {
    // With SIP: the administrator's own extension registers its softphone as it would at work.
    sipOffice = await startSipOffice();
    office = sipOffice.office;
    const patched = await office.request('PATCH', '/admin/company', {
      token: await office.adminToken(),
      body: { security: { adminIdleTimeoutMinutes: 1 } },
    });
    expect(patched.status).toBe(200);
    [host, browser] = await Promise.all([BrowserHostProcess.start([], office.baseUrl), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await sipOffice?.close();
  });

  it('asks for the password in place and adds the half-typed user once it is given', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(host.url);

    await signInToAdminConsole(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Add user' }).click();
    const form = page.getByRole('dialog', { name: 'Add user' });
    await form.getByLabel('Name').fill('Idle Ida');
    await form.getByLabel('Email', { exact: true }).fill('ida@example.com');

    // The admin left the form for longer than the access token lives and the admin limit allows.
    office.advance(11 * 60_000);
    await form.getByRole('button', { name: 'Add user' }).click();

    const reauth = page.getByRole('dialog', { name: 'Your administrator session ended' });
    await reauth.waitFor();
    // Still signed in as far as the app shows: the console, the form and what was typed are there.
    expect(await page.getByRole('heading', { name: 'Sign in' }).count()).toBe(0);
    expect(await form.getByLabel('Name').inputValue()).toBe('Idle Ida');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
      .toBe('password');
    await screenshot(page, 'admin-reauth-light-1280');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await reauth.getByLabel('Password').fill('not-the-password-1');
    await reauth.getByRole('button', { name: 'Sign in and continue' }).click();
    await reauth.getByRole('alert').waitFor();
    await reauth.getByLabel('Password').fill(ADMIN_PASSWORD);
    await reauth.getByRole('button', { name: 'Sign in and continue' }).click();

    await page.getByRole('status').filter({ hasText: 'Idle Ida was added' }).waitFor();
    expect(await reauth.count()).toBe(0);
    const welcome = await office.smtp.next('ida@example.com');
    expect(welcome.text).toContain('Idle Ida');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
