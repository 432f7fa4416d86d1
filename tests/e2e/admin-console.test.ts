// The administrator's day in the admin console, through the browser host against its embedded
// office, with the office's mail arriving at a real SMTP receiver.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SmtpReceiver } from '../support/smtp';
import { expectApprovedScreen } from './approved-screens';
import { SCREEN_VARIANTS, checkScreen, openVariant, variantName, variantSuffix } from './screens';
import {
  BrowserHostProcess,
  launchChromium,
  screenshot,
  seriousAccessibilityProblems,
  signInToAdminConsole,
} from './browser-host';

const ADMIN = { email: 'boss@example.com', password: 'Lighthouse-Vega-8172' };
const TEMPORARY_PASSWORD = /Temporary password: (\S+)|temporary password: (\S+)/;

/** The row of the users table that shows this person (not the notice under it). */
const userRow = (page: Page, name: string) =>
  page.getByRole('row').filter({ hasText: name }).and(page.locator(':not(.admin-row-under)'));

/** Chooses an action from a row's actions menu. */
async function rowAction(page: Page, row: string, action: string) {
  await page.getByRole('button', { name: `Actions for ${row}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

describe('the admin console through the browser host', () => {
  let host: BrowserHostProcess;
  let browser: Browser;
  const smtp = new SmtpReceiver();

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    [host, browser] = await Promise.all([
      BrowserHostProcess.start([
        ...['--admin-email', ADMIN.email, '--admin-password', ADMIN.password],
        ...['--smtp-url', smtpUrl, '--mail-from', 'office@example.com'],
      ]),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await smtp.close();
  });

  it('adds a user, resets their password both ways, turns web sign-in off and on, exports calls, deletes them', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(host.url);

    await signInToAdminConsole(page, ADMIN.email, ADMIN.password);
    const nav = page.getByRole('navigation', { name: 'Admin console sections' });
    await nav.waitFor();
    await userRow(page, 'Administrator').waitFor();
    // The console fills the room below the heading and no more: a one-row list does not scroll.
    const mainOverflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return main.scrollHeight - main.clientHeight;
    });
    expect(mainOverflow).toBe(0);
    await screenshot(page, 'admin-users-light-1280');
    await expectApprovedScreen(page, 'admin-users-light-1280');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // Create: the welcome mail brings the extension and a temporary password.
    await page.getByRole('button', { name: 'Add user' }).click();
    const create = page.getByRole('dialog', { name: 'Add user' });
    await create.getByLabel('Name').fill('Grace Hopper');
    await create.getByLabel('Email', { exact: true }).fill('grace@example.com');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await create.getByRole('button', { name: 'Add user' }).click();
    const created = page.getByRole('status').filter({ hasText: 'Grace Hopper was added' });
    await created.waitFor();
    const extension = /extension (\d+)/.exec((await created.textContent())!)![1]!;
    const welcome = await smtp.next('grace@example.com');
    expect(welcome.text).toContain(extension);
    expect(welcome.text).toMatch(TEMPORARY_PASSWORD);
    await userRow(page, 'Grace Hopper').waitFor();

    // Reset automatically: a new temporary password is mailed.
    await rowAction(page, 'Grace Hopper', 'Reset password');
    const automatic = page.getByRole('dialog', { name: 'Reset password of Grace Hopper' });
    await automatic.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('status').filter({ hasText: 'was reset' }).waitFor();
    const resetMail = await smtp.next('grace@example.com');
    const mailed = TEMPORARY_PASSWORD.exec(resetMail.text)!;
    expect(mailed[1] ?? mailed[2]).not.toBe(TEMPORARY_PASSWORD.exec(welcome.text)![1]);

    // Reset manually: the policy answers as the admin types; the chosen password is mailed.
    await rowAction(page, 'Grace Hopper', 'Reset password');
    const manual = page.getByRole('dialog', { name: 'Reset password of Grace Hopper' });
    await manual.getByLabel(/^Manual override/).check();
    await manual.getByLabel('Password', { exact: true }).fill('grace1');
    await manual.getByText(/Too short/).waitFor();
    await manual.getByLabel('Password', { exact: true }).fill('Copper-Falcon-2931');
    await manual.getByText('This password meets the policy.').waitFor();
    await manual.getByLabel('Confirm password').fill('Copper-Falcon-2931');
    await screenshot(page, 'admin-reset-manual-light-1280');
    await expectApprovedScreen(page, 'admin-reset-manual-light-1280');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await manual.getByRole('button', { name: 'Reset password' }).click();
    await manual.waitFor({ state: 'detached' });
    expect((await smtp.next('grace@example.com')).text).toContain('Copper-Falcon-2931');

    // Sign-in to the app off (after saying what it does), then on: the list, loaded again, says so.
    const access = page.getByRole('switch', { name: 'Sign-in to the app for Grace Hopper' });
    // The switch follows the office's answer, not the click: it flips once the office agrees.
    await access.click();
    await page.getByRole('button', { name: 'Turn off and sign out' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Sign-in to the app is off for Grace Hopper: their session ended.' })
      .waitFor();
    await expect.poll(() => access.isChecked()).toBe(false);
    await access.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Sign-in to the app is on for Grace Hopper.' })
      .waitFor();
    await expect.poll(() => access.isChecked()).toBe(true);

    // The office call log as CSV.
    await nav.getByRole('button', { name: 'Call log' }).click();
    await page.getByLabel('Totals for the period').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('call-log.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'Started,Answered,Ended,From number,To number,Answered by,Duration (seconds),Result,Problem,Call ID',
    );
    await screenshot(page, 'admin-call-log-light-1280');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // Delete: the dialog names the devices that become free first.
    await nav.getByRole('button', { name: 'Users and extensions' }).click();
    await rowAction(page, 'Grace Hopper', 'Delete');
    const remove = page.getByRole('alertdialog', { name: 'Delete Grace Hopper?' });
    await remove.getByText(/These devices become free again|No device is assigned/).waitFor();
    await screenshot(page, 'admin-delete-light-1280');
    await remove.getByRole('button', { name: 'Delete user' }).click();
    await page.getByRole('status').filter({ hasText: 'Grace Hopper was deleted' }).waitFor();
    await expect.poll(() => userRow(page, 'Grace Hopper').count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('lays the console out for 360 px in the dark theme, in Spanish', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 720 },
      colorScheme: 'dark',
      locale: 'es-ES',
    });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByLabel('Extensión, correo electrónico o número de teléfono').fill(ADMIN.email);
    await page.getByLabel('Contraseña', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Iniciar sesión como administrador').check();
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page
      .getByRole('navigation', { name: 'Secciones' })
      .getByRole('button', { name: 'Administración', exact: true })
      .click();
    // A narrow window picks the console's section from one list.
    await page.getByLabel('Sección', { exact: true }).waitFor();
    await page.getByText('Administrator', { exact: true }).first().waitFor();
    await screenshot(page, 'admin-users-dark-360-es');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await context.close();
  }, 60_000);

  // After the tests above: the log, audit trail and outbox have rows.
  for (const variant of SCREEN_VARIANTS)
    it(`shows every console section in ${variantName(variant)}`, async () => {
      const { context, page, problems, text } = await openVariant(browser, variant);
      await page.goto(host.url);
      await page.getByLabel(text.signIn.loginWithPhone).fill(ADMIN.email);
      await page.getByLabel(text.signIn.password, { exact: true }).fill(ADMIN.password);
      await page.getByLabel(text.signIn.asAdministrator).check();
      await page.getByRole('button', { name: text.signIn.submit }).click();
      await page
        .getByRole('navigation', { name: text.shell.navigation })
        .getByRole('button', { name: text.shell.nav.admin, exact: true })
        .click();
      const nav = page.getByRole('navigation', { name: text.admin.nav });
      // Below 960 px the sections are one list to pick from; from 960 px, the side navigation.
      const section = page.getByLabel(text.admin.section, { exact: true });
      for (const [id, label] of Object.entries(text.admin.sections)) {
        if (variant.width < 960) await section.selectOption({ label });
        else await nav.getByRole('button', { name: label, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: label, exact: true }).waitFor();
        await expect
          .poll(() => page.getByRole('status', { name: text.admin.common.loading }).count())
          .toBe(0);
        await checkScreen(page, `admin-${id}-${variantSuffix(variant)}`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }, 120_000);
});
