// A desk phone from the console to the phone and back, through the browser host and its
// embedded office: the admin adds a Yealink by model and MAC address, reads its provisioning
// server, user name and password off the screen once, the phone fetches its file with them and
// registers with the account in it, and the console then shows when and from where it fetched
// and where it is registered from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ProvisioningPhone, USER_AGENTS, parseYealinkConfig } from '../support/provisioning-phone';
import { udpPeer } from '../sip/support';
import { DOMAIN, registerWithDigest } from '../sip/desk-phone';
import { checkScreen } from './screens';
import { BrowserHostProcess, launchChromium, signInToAdminConsole } from './browser-host';

const ADMIN = { email: 'boss@example.com', password: 'Lighthouse-Vega-8172' };
const MAC = '00:15:65:E2:E2:01';

describe('desk phones in the admin console', () => {
  let host: BrowserHostProcess;
  let browser: Browser;

  beforeAll(async () => {
    [host, browser] = await Promise.all([
      BrowserHostProcess.start([
        ...['--admin-email', ADMIN.email, '--admin-password', ADMIN.password],
        ...['--sip-domain', DOMAIN],
      ]),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('adds a Yealink, the phone fetches its file and registers, and the console shows both', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(host.url);
    await signInToAdminConsole(page, ADMIN.email, ADMIN.password);
    const nav = page.getByRole('navigation', { name: 'Admin console sections' });

    await page.getByRole('button', { name: 'Add user' }).click();
    const addUser = page.getByRole('dialog', { name: 'Add user' });
    await addUser.getByLabel('Name').fill('Dora Desk');
    await addUser.getByLabel('Email', { exact: true }).fill('dora@example.com');
    await addUser.getByRole('button', { name: 'Add user' }).click();
    const created = page.getByRole('status').filter({ hasText: 'Dora Desk was added' });
    const extension = /extension (\d+)/.exec((await created.textContent())!)![1]!;

    await nav.getByRole('button', { name: 'Devices', exact: true }).click();
    await page.getByRole('button', { name: 'Add desk phone' }).click();
    const form = page.getByRole('dialog', { name: 'Add desk phone' });
    await form.getByLabel('Model').selectOption({ label: 'Yealink T54W' });
    await form.getByLabel('MAC address').fill(MAC);
    await form.getByLabel('Extension').fill(extension);
    await form.getByRole('button', { name: 'Add desk phone' }).click();

    const shown = page.getByRole('dialog', { name: 'Desk phone credentials' });
    const value = async (term: string) =>
      (await shown
        .locator('dt', { hasText: new RegExp(`^${term}$`) })
        .locator('xpath=following-sibling::dd[1]//code')
        .textContent())!;
    const url = await value('Server URL');
    const username = await value('User name');
    const password = await value('Password');
    await shown.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('status').filter({ hasText: 'Yealink T54W was added' }).waitFor();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/provision\/$/);

    // The phone, given those three, fetches its file and registers with what it says.
    const phone = new ProvisioningPhone(
      url.replace(/\/provision\/$/, ''),
      username,
      password,
      USER_AGENTS.yealink(MAC),
    );
    const fetched = await phone.fetch('001565e2e201.cfg');
    expect(fetched.status).toBe(200);
    const settings = parseYealinkConfig(fetched.body);
    expect(settings.get('account.1.user_name')).toBe(extension);
    const peer = await udpPeer(Number(settings.get('account.1.outbound_proxy.1.port')));
    try {
      const registered = await registerWithDigest(
        peer,
        extension,
        settings.get('account.1.auth_name')!,
        settings.get('account.1.password')!,
      );
      expect(registered.status).toBe(200);

      // The list loads again when another filter is chosen.
      const panel = page.getByRole('region', { name: 'Devices' });
      await panel.getByLabel('Show').selectOption({ label: 'Assigned' });
      const row = panel.getByRole('row').filter({ hasText: MAC });
      await row.getByRole('cell', { name: /001565e2e201\.cfg from 127\.0\.0\.1/ }).waitFor();
      await row.getByRole('cell', { name: `UDP from 127.0.0.1:${peer.localPort}`, exact: false }).waitFor();
      await checkScreen(page, 'admin-devices-provisioned-light-1280');
    } finally {
      peer.close();
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
