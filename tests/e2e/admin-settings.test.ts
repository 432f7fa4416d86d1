// What a French-speaking administrator does in the console, through the browser host against a
// real office with its SIP service, while a Spanish-speaking colleague uses the app beside them:
// one actions menu per row (keyboard too), sign-in to the app turned off (their app says why),
// a user deleted with their phone number moved, feedback next to the action, a desk phone's
// credentials that really register, and nothing in English (issue 21, items 12 to 18).
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWithDigest } from '../sip/desk-phone';
import { udpPeer } from '../sip/support';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/office';
import type { SipOffice } from '../support/sip-office';
import { BrowserHostProcess, launchChromium, seriousAccessibilityProblems } from './browser-host';
import { LUCIA, ZOE, fill, officeWithPeople, openConsole, openWindow, signIn, type Texts } from './people';
import { checkScreen } from './screens';

const WAIT = { timeout: 20_000 };

describe('the console of a French-speaking administrator (issue 21)', () => {
  let sip: SipOffice;
  let admin: BrowserHostProcess;
  let colleague: BrowserHostProcess;
  let browser: Browser;
  let token: string;
  let lucia: { id: string; extension: string; password: string };
  let zoe: { id: string; extension: string; password: string };

  beforeAll(async () => {
    ({ sip, token, lucia, zoe } = await officeWithPeople());
    const office = sip.office;
    // An office set up in French: the administrator it made itself is named in French too.
    await office.request('PATCH', '/admin/company', { token, body: { language: 'fr' } });
    [admin, colleague, browser] = await Promise.all([
      BrowserHostProcess.start(['--server', office.baseUrl]),
      BrowserHostProcess.start(['--server', office.baseUrl]),
      launchChromium(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await admin?.stop();
    await colleague?.stop();
    await sip?.close();
  });

  async function openAdmin(width: number, height = 800) {
    const window = await openWindow(browser, 'fr', width, height);
    await window.page.goto(admin.url);
    await signIn(window.page, window.text, ADMIN_EMAIL, ADMIN_PASSWORD, true);
    await openConsole(window.page, window.text);
    return window;
  }

  const section = (page: Page, text: Texts, name: string) =>
    page.getByRole('navigation', { name: text.admin.nav }).getByRole('button', { name, exact: true }).click();
  const menuButton = (page: Page, text: Texts, row: string) =>
    page.getByRole('button', { name: fill(text.admin.common.actionsFor, { name: row }) });
  const announced = (page: Page, words: string) =>
    page.getByRole('status').filter({ hasText: words }).waitFor(WAIT);

  it('gives each row one actions menu, by mouse and keyboard, with the long email and the extension in view', async () => {
    const { context, page, problems, text } = await openAdmin(1280);
    await page.getByRole('cell', { name: LUCIA.email }).waitFor();
    // Nothing of the row is cut off at 1280 px: the table fits its panel, the page does not scroll sideways.
    const wrap = page.locator('.admin-table-wrap');
    expect(await wrap.evaluate((node) => node.scrollWidth - node.clientWidth)).toBeLessThanOrEqual(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    const menu = menuButton(page, text, LUCIA.name);
    const box = (await menu.boundingBox())!;
    const wrapBox = (await wrap.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(wrapBox.x + wrapBox.width);
    await checkScreen(page, 'issue21-admin-users-light-1280-fr');

    // The ARIA menu button pattern: ↓ opens on the first item, Escape gives the focus back.
    await menu.focus();
    await page.keyboard.press('ArrowDown');
    const items = page.getByRole('menu', { name: fill(text.admin.common.actionsFor, { name: LUCIA.name }) });
    await items.waitFor();
    expect(await items.getByRole('menuitem').allTextContents()).toEqual([
      text.admin.common.edit,
      text.admin.users.reset,
      text.admin.common.delete,
    ]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(text.admin.common.edit);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await checkScreen(page, 'issue21-admin-row-menu-light-1280-fr');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const reset = page.getByRole('dialog', { name: fill(text.admin.reset.title, { name: LUCIA.name }) });
    await reset.waitFor();
    await expect.poll(() => reset.getByText(text.admin.reset.how).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await reset.waitFor({ state: 'detached' });
    // Focus is back on the row's menu button, where the admin was.
    expect(await menu.evaluate((node) => node === document.activeElement)).toBe(true);

    // A table too wide for its room scrolls sideways (here made narrow on purpose): the extension stays in view.
    await wrap.evaluate((node) => (node.style.width = '420px'));
    await expect.poll(() => wrap.evaluate((node) => node.scrollWidth > node.clientWidth)).toBe(true);
    await wrap.evaluate((node) => (node.scrollLeft = node.scrollWidth));
    const first = page.getByRole('cell', { name: lucia.extension, exact: true });
    const [cell, frame] = [(await first.boundingBox())!, (await wrap.boundingBox())!];
    expect(Math.abs(cell.x - frame.x)).toBeLessThanOrEqual(2);
    await checkScreen(page, 'issue21-admin-users-scrolled-light-1280-fr');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('turns sign-in to the app off after saying what it does: the colleague’s app is signed out and told why', async () => {
    // Zoë, in Spanish, in her own app on a narrow window.
    const mine = await openWindow(browser, 'es', 400);
    await mine.page.goto(colleague.url);
    await signIn(mine.page, mine.text, ZOE.email, zoe.password);
    await mine.page.getByRole('heading', { level: 1, name: mine.text.shell.nav.phone }).waitFor(WAIT);

    const { context, page, problems, text } = await openAdmin(1280);
    const access = page.getByRole('switch', { name: fill(text.admin.users.signInFor, { name: ZOE.name }) });
    await access.click();
    const ask = page.getByRole('alertdialog', {
      name: fill(text.admin.users.signInOffTitle, { name: ZOE.name }),
    });
    await ask.getByText(text.admin.users.signInOffMessage).waitFor();
    await checkScreen(page, 'issue21-admin-sign-in-off-light-1280-fr');
    await ask.getByRole('button', { name: text.admin.users.signInOffConfirm }).click();
    const done = fill(text.admin.users.signInOffDone, { name: ZOE.name });
    await announced(page, done);
    // Said under her row, where the switch is.
    const under = page.locator('.admin-row-under').filter({ hasText: done });
    await under.waitFor();
    expect(await under.evaluate((row) => row.previousElementSibling?.textContent)).toContain(ZOE.email);
    await expect.poll(() => access.isChecked()).toBe(false);

    // Her app goes to sign-in at once, saying the real reason (not that she was idle).
    await mine.page.getByText(mine.text.signIn.ended.signInTurnedOff).waitFor(WAIT);
    await checkScreen(mine.page, 'issue21-signed-out-sign-in-off-light-400-es');
    expect(await mine.page.getByRole('heading', { name: mine.text.signIn.title }).isVisible()).toBe(true);

    // On again: nothing to confirm.
    await access.click();
    await announced(page, fill(text.admin.users.signInOnDone, { name: ZOE.name }));
    await expect.poll(() => access.isChecked()).toBe(true);
    expect(problems).toEqual([]);
    expect(mine.problems).toEqual([]);
    await Promise.all([context.close(), mine.context.close()]);
  }, 120_000);

  it('routes a number only where something exists, and moves it when its user is deleted', async () => {
    const { context, page, problems, text } = await openAdmin(1280);
    await section(page, text, text.admin.sections.numbers);
    await page.getByRole('button', { name: text.admin.numbers.add }).first().click();
    const add = page.getByRole('dialog', { name: text.admin.numbers.addTitle });
    await add.getByLabel(text.admin.numbers.number).fill('+34911234567');
    await add.getByLabel(text.admin.numbers.label).fill('Ventas');
    const where = add.getByLabel(text.admin.numbers.routeType);
    const zoeTarget = fill(text.admin.numbers.target, { number: zoe.extension, name: ZOE.name });
    await expect.poll(() => where.locator('option').allTextContents()).toContain(zoeTarget);
    await checkScreen(page, 'issue21-admin-number-picker-light-1280-fr');
    await where.selectOption({ label: zoeTarget });
    await add.getByRole('button', { name: text.admin.numbers.add }).click();
    await add.waitFor({ state: 'detached' });

    await section(page, text, text.admin.sections.users);
    await menuButton(page, text, ZOE.name).click();
    await page.getByRole('menuitem', { name: text.admin.common.delete }).click();
    const remove = page.getByRole('alertdialog', { name: fill(text.admin.delete.title, { name: ZOE.name }) });
    const move = remove.getByLabel(fill(text.admin.delete.numberTarget, { number: '+34911234567 (Ventas)' }));
    await move.waitFor();
    const submit = remove.getByRole('button', { name: text.admin.delete.submit });
    expect(await submit.isDisabled()).toBe(true);
    // Her own extension goes with her: it is not offered.
    expect(await move.locator('option').allTextContents()).not.toContain(zoeTarget);
    await remove.getByText(fill(text.admin.devices.softphoneOf, { extension: zoe.extension })).waitFor();
    await checkScreen(page, 'issue21-admin-delete-numbers-light-1280-fr');
    await move.selectOption({
      label: fill(text.admin.numbers.target, { number: lucia.extension, name: LUCIA.name }),
    });
    await submit.click();
    await announced(page, fill(text.admin.users.deleted, { name: ZOE.name }));

    const numbers = await sip.office.request('GET', '/admin/phone-numbers', { token });
    expect(numbers.body.items).toEqual([
      expect.objectContaining({
        number: '+34911234567',
        routeType: 'extension',
        routeTarget: lucia.extension,
      }),
    ]);
    // What the console said stays with its section: gone once the admin goes elsewhere and back.
    await section(page, text, text.admin.sections.devices);
    await section(page, text, text.admin.sections.users);
    await page.getByRole('cell', { name: LUCIA.email }).waitFor();
    expect(await page.getByText(fill(text.admin.users.deleted, { name: ZOE.name })).count()).toBe(0);

    await section(page, text, text.admin.sections.numbers);
    await page
      .getByRole('cell', { name: `${text.admin.numbers.routeExtension} ${lucia.extension}`, exact: true })
      .waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('gives a desk phone everything it needs to register, and it registers with it', async () => {
    const { context, page, problems, text } = await openAdmin(1280);
    await section(page, text, text.admin.sections.devices);
    // The app's softphones are named in French by the console, not in the office's words.
    await page
      .getByRole('cell')
      .getByText(fill(text.admin.devices.softphoneOf, { extension: lucia.extension }), { exact: true })
      .waitFor();
    await page.getByRole('button', { name: text.admin.devices.addDeskPhone }).first().click();
    const add = page.getByRole('dialog', { name: text.admin.devices.addTitle });
    await add.getByLabel(text.admin.devices.model).selectOption({ label: 'Yealink T54W' });
    await add.getByLabel(text.admin.devices.mac).fill('00:15:65:E2:E2:21');
    await add.getByLabel(text.admin.devices.extension).fill(lucia.extension);
    await add.getByRole('button', { name: text.admin.devices.add }).click();
    // A catalogued model is provisioned: the dialog gives its provisioning account and its SIP one.
    const shown = page.getByRole('dialog', { name: text.admin.devices.phoneCredentialsTitle });
    const definition = (term: string) =>
      shown.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
    await definition(text.admin.devices.server).waitFor();
    const address = await definition(text.admin.devices.server).textContent();
    const username = (await definition(text.admin.devices.sipUsername).textContent())!;
    const password = (await definition(text.admin.devices.sipPassword).locator('code').textContent())!;
    const udp = await shown.getByText(/^UDP/).textContent();
    const port = Number(/(\d+)/.exec(udp!)![1]);
    expect(address).toBe('127.0.0.1');
    expect(await definition(text.admin.devices.domain).textContent()).toBe('office.example.com');
    expect(udp).toBe(fill(text.admin.devices.transportPort, { transport: 'UDP', port: sip.sip.ports.udp }));
    await checkScreen(page, 'issue21-admin-sip-credentials-light-1280-fr');
    // The phone, given exactly what the dialog says, registers.
    const phone = await udpPeer(port);
    try {
      expect((await registerWithDigest(phone, lucia.extension, username, password)).status).toBe(200);
    } finally {
      phone.close();
    }
    await shown.getByRole('button', { name: text.admin.devices.done }).click();
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('says every log and file in French: audit actions, the call log’s CSV, the standard email templates', async () => {
    const { context, page, problems, text } = await openAdmin(1280);
    await section(page, text, text.admin.sections.auditLog);
    await page.getByRole('cell', { name: text.admin.audit.userDeleted }).first().waitFor();
    await page.getByRole('cell', { name: text.admin.audit.phoneNumberUpdated }).first().waitFor();
    expect(await page.getByText(/^user\.|^device\./).count()).toBe(0);
    await checkScreen(page, 'issue21-admin-audit-light-1280-fr');

    await section(page, text, text.admin.sections.emailTemplates);
    await page.getByRole('cell', { name: text.admin.emails.standard.welcome, exact: true }).waitFor();
    await page.getByRole('cell', { name: fill(text.mail.welcome.subject, {}) }).waitFor();

    await section(page, text, text.admin.sections.callLog);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: text.admin.callLog.download }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      [
        text.admin.callLog.csv.startedAt,
        text.admin.callLog.csv.answeredAt,
        text.admin.callLog.csv.endedAt,
        text.admin.callLog.csv.callerNumber,
        text.admin.callLog.csv.calleeNumber,
        text.admin.callLog.csv.answeredByNumber,
        text.admin.callLog.csv.durationSeconds,
        text.admin.callLog.csv.result,
        text.admin.callLog.csv.fault,
        text.admin.callLog.csv.id,
      ].join(','),
    );
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  for (const width of [360, 400] as const)
    it(`fits a ${width} px window: the add-user dialog, the header that stays, the sections as one list`, async () => {
      const { context, page, problems, text } = await openAdmin(width, 720);
      // The sections are one labelled list, not a clipped strip of buttons.
      const pick = page.getByLabel(text.admin.section, { exact: true });
      expect(await pick.isVisible()).toBe(true);
      expect(await page.getByRole('navigation', { name: text.admin.nav }).isVisible()).toBe(false);
      await checkScreen(page, `issue21-admin-users-light-${width}-fr`);

      // The header with the registration state stays at the top as the page scrolls.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const header = page.locator('.shell-header');
      expect((await header.boundingBox())!.y).toBe(0);

      await page.getByRole('button', { name: text.admin.users.add }).first().click();
      const dialog = page.getByRole('dialog', { name: text.admin.userForm.createTitle });
      await dialog.waitFor();
      const frame = (await dialog.boundingBox())!;
      expect(frame.x).toBeGreaterThanOrEqual(0);
      expect(frame.x + frame.width).toBeLessThanOrEqual(width);
      expect(frame.y + frame.height).toBeLessThanOrEqual(720);
      // Every field and the button can be reached and used.
      for (const label of [
        text.admin.userForm.name,
        text.admin.userForm.email,
        text.admin.userForm.extension,
      ]) {
        const field = dialog.getByLabel(label, { exact: true });
        await field.scrollIntoViewIfNeeded();
        const box = (await field.boundingBox())!;
        expect(box.x + box.width, label).toBeLessThanOrEqual(width);
      }
      const submit = dialog.getByRole('button', { name: text.admin.userForm.create });
      const button = (await submit.boundingBox())!;
      expect(button.y + button.height).toBeLessThanOrEqual(720);
      expect(button.x + button.width).toBeLessThanOrEqual(width);
      await checkScreen(page, `issue21-admin-add-user-light-${width}-fr`);
      await dialog.getByLabel(text.admin.userForm.name).fill('Ana Ruiz');
      await dialog
        .getByLabel(text.admin.userForm.email, { exact: true })
        .fill(`ana.ruiz.${width}@example.com`);
      await submit.click();
      await announced(page, 'Ana Ruiz');

      await pick.selectOption({ label: text.admin.sections.devices });
      await page.getByRole('heading', { level: 1, name: text.admin.sections.devices }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    }, 120_000);
});
