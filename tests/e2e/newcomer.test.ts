// A new office as its people meet it: a French admin starts the app for the first time, names
// the office, adds Lucía (who reads Spanish) and Zoë (French); their welcome mail, and Lucía's
// password recovery, lead to the office's own pages and back into the app. Real SMTP, real
// Chromium, the screens saved in es and fr at 360, 400 and 1280 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../common/i18n/catalogue';
import { SmtpReceiver, type ReceivedMail } from '../support/smtp';
import { BrowserHostProcess, launchChromium } from './browser-host';
import { ControlClient } from './control-client';
import { checkAtWidths } from './screens';

const { fr, es } = MESSAGES;
const COMPANY = 'Boulangerie Brontë-Ødegaard';
const ADMIN_PASSWORD = 'Granite-Orchard-Lamp-31';
/** Two colleagues with 40-character addresses. */
const LUCIA = { name: 'Lucía García-Pérez', email: 'lucia.garcia-perez@panaderia-lucia.test' };
const ZOE = { name: 'Zoë Brontë-Ødegaard', email: 'zoe.bronte-odegaard@boulangerie-zo.test' };
const WAIT = { timeout: 20_000 };

/** The address in a mail's text that starts with `origin`. */
function linkIn(mail: ReceivedMail, origin: string): URL {
  const found = mail.text.split(/\s+/).find((word) => word.startsWith(origin));
  if (!found) throw new Error(`no link to ${origin} in: ${mail.text}`);
  return new URL(found);
}

describe('a new office, its admin and two colleagues', () => {
  let host: BrowserHostProcess;
  let browser: Browser;
  let control: ControlClient;
  const smtp = new SmtpReceiver();
  /** The embedded office's own address, as its mails name it. */
  let office: string;
  let luciaWelcome: ReceivedMail;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    [host, browser] = await Promise.all([
      BrowserHostProcess.start(['--smtp-url', smtpUrl, '--mail-from', 'office@example.com']),
      launchChromium(),
    ]);
    control = await ControlClient.connect(host.url);
  }, 60_000);
  afterAll(async () => {
    control?.close();
    await browser?.close();
    await host?.stop();
    await smtp.close();
  });

  /** Opens the admin console's `section` as the app in `text`'s language names it. */
  async function openSection(page: Page, text: typeof fr, section: keyof typeof fr.admin.sections) {
    const label = text.admin.sections[section];
    await page
      .getByRole('navigation', { name: text.admin.nav })
      .getByRole('button', { name: label, exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: label, exact: true }).waitFor();
    await expect.poll(() => page.getByRole('status', { name: text.admin.common.loading }).count()).toBe(0);
  }

  it('the admin names the office on the first run, chooses a password, and a reload goes to sign-in', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByRole('heading', { name: fr.firstRun.title }).waitFor();
    const oneTime = (await page.locator('code').textContent())!;
    await page.getByLabel(fr.firstRun.companyName).fill(COMPANY);
    await page.getByRole('button', { name: fr.firstRun.continue }).click();

    await page.getByLabel(fr.signIn.password, { exact: true }).fill(oneTime);
    await page.getByLabel(fr.signIn.asAdministrator).check();
    await page.getByRole('button', { name: fr.signIn.submit }).click();
    await page.getByLabel(fr.passwordChange.currentPassword, { exact: true }).fill(oneTime);
    await page.getByLabel(fr.passwordChange.newPassword, { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel(fr.passwordChange.confirmPassword, { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: fr.passwordChange.submit }).click();
    await page.getByRole('heading', { level: 1, name: fr.shell.nav.phone }).waitFor(WAIT);

    await page.reload();
    await page.getByRole('heading', { name: fr.signIn.title }).waitFor();
    expect(await page.getByText(oneTime).count()).toBe(0);
    await context.close();
  }, 90_000);

  it('the console keeps the office’s country and time zone, and adds Lucía in Spanish and Zoë in French', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByLabel(fr.signIn.password, { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel(fr.signIn.asAdministrator).check();
    await page.getByRole('button', { name: fr.signIn.submit }).click();
    await page
      .getByRole('navigation', { name: fr.shell.navigation })
      .getByRole('button', { name: fr.shell.nav.admin, exact: true })
      .click();

    await openSection(page, fr, 'company');
    expect(await page.getByLabel(fr.admin.company.name).inputValue()).toBe(COMPANY);
    expect(await page.getByLabel(fr.locale.country).inputValue()).toBe('FR');
    expect(await page.getByLabel(fr.locale.timeZone).inputValue()).toBe('Europe/Paris');
    await checkAtWidths(page, 'admin-company-fr');

    await openSection(page, fr, 'users');
    for (const [person, language] of [
      [LUCIA, 'es'],
      [ZOE, 'fr'],
    ] as const) {
      await page.getByRole('button', { name: fr.admin.users.add }).first().click();
      const dialog = page.getByRole('dialog', { name: fr.admin.userForm.createTitle });
      await dialog.getByLabel(fr.admin.userForm.name).fill(person.name);
      await dialog.getByLabel(fr.admin.userForm.email, { exact: true }).fill(person.email);
      // The office's language to start with.
      const mailLanguage = dialog.getByLabel(fr.admin.userForm.language);
      await expect.poll(() => mailLanguage.inputValue()).toBe('fr');
      await mailLanguage.selectOption(language);
      if (language === 'es') await checkAtWidths(page, 'admin-add-user-fr');
      await dialog.getByRole('button', { name: fr.admin.userForm.create }).click();
      await dialog.waitFor({ state: 'detached' });
    }

    // Each welcome mail in its reader's language, with the office's name.
    luciaWelcome = await smtp.next(LUCIA.email);
    expect(luciaWelcome.subject).toMatch(
      new RegExp(`^Le damos la bienvenida a ${COMPANY}: su extensión \\d+$`),
    );
    const zoeWelcome = await smtp.next(ZOE.email);
    expect(zoeWelcome.subject).toMatch(new RegExp(`^Bienvenue chez ${COMPANY} : votre poste \\d+$`));
    office = new URL(linkIn(luciaWelcome, 'http://127.0.0.1:').origin).origin;

    // The same screens in Spanish.
    await control.value('settings:update', { language: 'es' });
    await openSection(page, es, 'company');
    await checkAtWidths(page, 'admin-company-es');
    await openSection(page, es, 'users');
    await page.getByRole('button', { name: es.admin.users.add }).first().click();
    const dialog = page.getByRole('dialog', { name: es.admin.userForm.createTitle });
    await dialog.getByLabel(es.admin.userForm.name).fill(ZOE.name);
    await expect.poll(() => dialog.getByLabel(es.admin.userForm.language).inputValue()).toBe('fr');
    await checkAtWidths(page, 'admin-add-user-es');
    await control.value('settings:update', { language: 'system' });
    await control.value('auth:sign-out');
    await context.close();
  }, 120_000);

  it('the welcome mail’s link opens the office’s page in the mail’s language', async () => {
    // Whatever the browser's language: the page speaks the mail's.
    const context = await browser.newContext({ viewport: { width: 400, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const link = linkIn(luciaWelcome, office);
    expect(link.searchParams.get('lang')).toBe('es');
    const response = await page.goto(link.toString());
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    await page.getByRole('heading', { level: 1, name: `Switchboard en ${COMPANY}` }).waitFor();
    await page.getByRole('heading', { name: es.officePage.nextTitle }).waitFor();
    expect(await page.getByRole('link', { name: es.officePage.openApp }).getAttribute('href')).toBe(
      'switchboard://sign-in',
    );
    await page.getByText(office, { exact: true }).first().waitFor();
    await checkAtWidths(page, 'office-start-es');

    const french = new URL(link);
    french.searchParams.set('lang', 'fr');
    await page.goto(french.toString());
    await page.getByRole('heading', { name: fr.officePage.nextTitle }).waitFor();
    await checkAtWidths(page, 'office-start-fr');
    await context.close();
  }, 60_000);

  it('Lucía asks for a code in the app, opens the mail’s page, and sets her password with the code', async () => {
    // Her own app, at the office's address (the browser host of her computer).
    const lucia = await BrowserHostProcess.start([], office);
    try {
      const context = await browser.newContext({ viewport: { width: 400, height: 800 }, locale: 'es-ES' });
      const page = await context.newPage();
      await page.goto(lucia.url);
      await page.getByRole('button', { name: es.forgotPassword.link }).click();
      await checkAtWidths(page, 'forgot-password-es');
      await page.getByLabel(es.signIn.login).fill(LUCIA.email);
      await page.getByRole('button', { name: es.forgotPassword.send }).click();
      await page.getByLabel(es.forgotPassword.code).waitFor();

      const mail = await smtp.next(LUCIA.email, (m) => m.subject.startsWith('Restablezca'));
      const link = linkIn(mail, `${office}/recover`);
      const mailPage = await context.newPage();
      await mailPage.goto(link.toString());
      await mailPage.getByRole('heading', { level: 1, name: es.officePage.recoverTitle }).waitFor();
      const code = (await mailPage.locator('code.code').textContent())!;
      expect(await mailPage.getByRole('link', { name: es.officePage.recoverOpen }).getAttribute('href')).toBe(
        `switchboard://recover?code=${code}`,
      );
      await checkAtWidths(mailPage, 'office-recover-es');
      await mailPage.close();

      // Back later, the app opened afresh: she already has a code.
      await page.reload();
      await page.getByRole('button', { name: es.forgotPassword.link }).click();
      await page.getByRole('button', { name: es.forgotPassword.haveCode }).click();
      await page.getByLabel(es.forgotPassword.code).fill(code);
      await page.getByLabel(es.passwordChange.newPassword, { exact: true }).fill('Harbour-Violet-Lemon-53');
      await page
        .getByLabel(es.passwordChange.confirmPassword, { exact: true })
        .fill('Harbour-Violet-Lemon-53');
      await page.getByRole('button', { name: es.forgotPassword.save }).click();
      await page.getByText(es.forgotPassword.done).waitFor();
      await page.getByRole('button', { name: es.forgotPassword.backToSignIn }).click();
      await page.getByLabel(es.signIn.login).fill(LUCIA.email);
      await page.getByLabel(es.signIn.password, { exact: true }).fill('Harbour-Violet-Lemon-53');
      await page.getByRole('button', { name: es.signIn.submit }).click();
      await page.getByRole('heading', { level: 1, name: es.shell.nav.phone }).waitFor(WAIT);
      await context.close();
    } finally {
      await lucia.stop();
    }
  }, 120_000);

  it('Zoë’s recovery page and the app’s recovery screen speak French', async () => {
    const asked = await fetch(`${office}/api/v1/auth/password-recovery`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: ZOE.email }),
    });
    expect(asked.status).toBe(202);
    const mail = await smtp.next(ZOE.email, (m) => m.subject.startsWith('Réinitialisez'));
    const context = await browser.newContext({ viewport: { width: 400, height: 800 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(linkIn(mail, `${office}/recover`).toString());
    await page.getByRole('heading', { level: 1, name: fr.officePage.recoverTitle }).waitFor();
    await checkAtWidths(page, 'office-recover-fr');

    await page.goto(host.url);
    await page.getByRole('button', { name: fr.forgotPassword.link }).click();
    await page.getByRole('button', { name: fr.forgotPassword.haveCode }).waitFor();
    await checkAtWidths(page, 'forgot-password-fr');
    await context.close();
  }, 60_000);
});
