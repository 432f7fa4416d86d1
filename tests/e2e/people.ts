// The people and windows the issue-21 end-to-end tests use: names with accents and hyphens,
// 40-character emails, and a browser context in each language and width.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../common/i18n/en';
import { es } from '../../common/i18n/es';
import { fr } from '../../common/i18n/fr';
import { freeSipPort, freeTcpPort } from '../../server/free-port';
import { startSipOffice } from '../support/sip-office';

export const LUCIA = { name: 'Lucía García-Pérez', email: 'lucia.garcia-perez.ventas@oficina-ejm.es' };
export const ZOE = { name: 'Zoë Brontë-Ødegaard', email: 'zoe.bronte-odegaard.u@kontor-eksempel.no' };

export const TEXTS = { en, es, fr } as const;
export type Language = keyof typeof TEXTS;
export type Texts = (typeof TEXTS)[Language];

const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-ES', fr: 'fr-FR' };

/** A fresh context as a person of this language at this width would have it, and its page. */
export async function openWindow(
  browser: Browser,
  language: Language,
  width: number,
  height = 800,
): Promise<{ context: BrowserContext; page: Page; problems: string[]; text: Texts }> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: LOCALES[language],
    acceptDownloads: true,
    permissions: ['microphone'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  return { context, page, problems, text: TEXTS[language] };
}

/** Signs in on the sign-in screen (not kept: the test machine's keyring is not unlocked here). */
export async function signIn(page: Page, text: Texts, login: string, password: string, admin = false) {
  await page.getByLabel(text.signIn.loginWithPhone).fill(login);
  await page.getByLabel(text.signIn.password, { exact: true }).fill(password);
  const remember = page.getByLabel(text.signIn.remember);
  if (await remember.isChecked()) await remember.uncheck();
  if (admin) await page.getByLabel(text.signIn.asAdministrator).check();
  await page.getByRole('button', { name: text.signIn.submit }).click();
}

/** From the signed-in app, opens the admin console. */
export async function openConsole(page: Page, text: Texts) {
  await page
    .getByRole('navigation', { name: text.shell.navigation })
    .getByRole('button', { name: text.shell.nav.admin, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: text.admin.sections.users }).waitFor();
}

/** A catalogue text with its `{{placeholders}}` filled. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/**
 * An office with its SIP service on known ports (it tells desk phones where to register), and
 * Lucía and Zoë signed up, each with their own password.
 */
export async function officeWithPeople() {
  const port = await freeSipPort();
  const sip = await startSipOffice({ sipUdpPort: port, sipTcpPort: port, sipWsPort: await freeTcpPort() });
  const token = await sip.office.adminToken();
  const lucia = await sip.office.createSignedInUser(token, LUCIA.name, { email: LUCIA.email });
  const zoe = await sip.office.createSignedInUser(token, ZOE.name, { email: ZOE.email });
  return { sip, token, lucia, zoe };
}
