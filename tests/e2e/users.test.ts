// Three people through the app's screens: an office provisioned through its API, each person in
// their own browser host (--server) and Chromium page, driven by roles and labels only. Their
// temporary passwords and the recovery code arrive at the office's real SMTP receiver. The phone
// screens are saved and checked in every theme, language and width on the live call states.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RING_SECONDS } from '../../common/api/preferences';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { BrowserHostProcess, launchChromium, screenshot, seriousAccessibilityProblems } from './browser-host';
import { expectApprovedScreen } from './approved-screens';
import { ControlClient } from './control-client';
import { checkPhoneVariants } from './screens';

interface Person {
  name: string;
  email: string;
  extension: string;
  temporaryPassword: string;
  page: Page;
  host: BrowserHostProcess;
  /** The host's IPC socket, to switch the app's language for the screenshots. */
  control: ControlClient;
}

const OWN_PASSWORD = 'Lantern-quartz-97';
const RECOVERED_PASSWORD = 'Harbour-violet-53';
const WAIT = { timeout: 20_000 };

describe('three users through the app’s screens', () => {
  let sip: SipOffice;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const hosts: BrowserHostProcess[] = [];
  const controls: ControlClient[] = [];
  let ana: Person, ben: Person, cai: Person;

  async function person(adminToken: string, name: string, settingsTemplateId: string): Promise<Person> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
    const created = await sip.office.request('POST', '/admin/users', {
      token: adminToken,
      body: { name, email, settingsTemplateId },
    });
    expect(created.status).toBe(201);
    const welcome = await sip.office.smtp.next(email, (mail) => mail.subject.includes('Welcome'));
    const temporaryPassword = /Temporary password: (\S+)/.exec(welcome.text)![1]!;
    const host = await BrowserHostProcess.start([], sip.office.baseUrl);
    hosts.push(host);
    const control = await ControlClient.connect(host.url);
    controls.push(control);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.warn(`${name} page error:`, String(error)));
    await page.goto(host.url);
    return {
      name,
      email,
      extension: created.body.extension as string,
      temporaryPassword,
      page,
      host,
      control,
    };
  }

  async function signIn(page: Page, login: string, password: string): Promise<void> {
    await page.getByLabel('Extension, email or phone number').fill(login);
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
    await registration(page).and(page.locator('[data-state="registered"]')).waitFor(WAIT);
  }

  const registration = (page: Page) => page.locator('.registration');
  const keypad = (page: Page) => page.getByRole('group', { name: 'Keypad' });
  const numberField = (page: Page) => page.getByLabel('Number or colleague');
  const colleague = (page: Page, name: string) =>
    page.getByRole('listbox', { name: 'Colleagues' }).getByRole('option', { name: new RegExp(name) });
  /**
   * The card of a call with `name`: the other party's name, once the office has said who it is
   * (a call made here shows the number dialled until the other side rings), and after a
   * transfer the party the call now reaches.
   */
  const callCard = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const callControls = (page: Page) => page.getByRole('group', { name: 'Call controls' });
  /** The call's timer: it counts once the call is connected and not on hold. */
  const talking = (card: ReturnType<typeof callCard>) =>
    card
      .getByRole('timer', { name: 'Call status' })
      .getByText(/^\d+:\d\d$/)
      .waitFor(WAIT);

  /** The rows of the person's call log, newest first, as "name · detail" (duration or result). */
  async function callLogRows(page: Page): Promise<string[]> {
    return page
      .getByRole('region', { name: 'Calls', exact: true })
      .getByRole('listitem')
      .evaluateAll((rows) =>
        rows.map(
          (row) =>
            `${row.querySelector('.call-log-name')!.textContent} · ${row.querySelector('.call-log-detail')!.textContent}`,
        ),
      );
  }

  beforeAll(async () => {
    sip = await startSipOffice();
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
    const adminToken = await sip.office.adminToken();
    // Calls ring for the longest time the office allows: the screens are saved while they ring.
    const template = await sip.office.request('POST', '/admin/settings-templates', {
      token: adminToken,
      body: { name: 'Long ring', preferences: { ringTimeoutSeconds: MAX_RING_SECONDS } },
    });
    expect(template.status).toBe(201);
    ana = await person(adminToken, 'Ana Screens', template.body.id as string);
    ben = await person(adminToken, 'Ben Screens', template.body.id as string);
    cai = await person(adminToken, 'Cai Screens', template.body.id as string);
    // Three app processes and Chromium on a shared machine: starting them is the slow part.
  }, 180_000);
  afterAll(async () => {
    for (const control of controls) control.close();
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await Promise.all(hosts.map((host) => host.stop()));
    await sip?.close();
  });

  it('each signs in with the temporary password and changes it', async () => {
    await firstSignIn(ana, 'user-forced-change-light-1280');
    await firstSignIn(ben);
    await firstSignIn(cai);
  }, 60_000);

  it('call, keypad, hold, resume, call waiting declined, blind transfer, hang up', async () => {
    await checkPhoneVariants(ana.page, ana.control, 'softphone-idle');

    // Ana looks Ben up by name, then dials his extension on the dial pad instead, key by key.
    await numberField(ana.page).fill('Ben');
    await colleague(ana.page, ben.name).waitFor(WAIT);
    await checkPhoneVariants(ana.page, ana.control, 'softphone-colleague-search');
    await numberField(ana.page).press('Escape');
    for (const digit of ben.extension) await keypad(ana.page).getByRole('button', { name: digit }).click();
    await expect.poll(() => numberField(ana.page).inputValue()).toBe(ben.extension);
    await ana.page.getByRole('button', { name: 'Call', exact: true }).click();

    const atBen = callCard(ben.page, ana.name);
    await atBen.getByText('Incoming call').waitFor(WAIT);
    await checkPhoneVariants(ben.page, ben.control, 'softphone-incoming');
    await atBen.getByRole('button', { name: 'Answer' }).click();

    const atAna = callCard(ana.page, ben.name);
    await talking(atAna);
    await talking(atBen);
    await atAna.getByRole('button', { name: 'Keypad' }).click();
    await atAna.getByRole('group', { name: 'Send tones' }).getByRole('button', { name: '5' }).click();
    await expect.poll(() => atAna.getByLabel('Tones sent').textContent()).toBe('5');
    await checkPhoneVariants(ana.page, ana.control, 'softphone-in-call-keypad');
    // The compact window in a call is where a control would be clipped first: held to its
    // approved image, the running timer painted over.
    await ana.page.setViewportSize({ width: 360, height: 720 });
    await expectApprovedScreen(ana.page, 'softphone-in-call-keypad-light-360-en', [
      atAna.getByRole('timer', { name: 'Call status' }),
    ]);
    await ana.page.setViewportSize({ width: 1280, height: 800 });
    await atAna.getByRole('button', { name: 'Keypad' }).click();

    await callControls(ana.page).getByRole('button', { name: 'Hold' }).click();
    await atAna.getByRole('timer', { name: 'Call status' }).getByText('On hold').waitFor(WAIT);
    // The held side is told who holds them.
    await atBen.getByRole('timer', { name: 'Call status' }).getByText(`On hold by ${ana.name}`).waitFor(WAIT);
    await checkPhoneVariants(ana.page, ana.control, 'softphone-on-hold');
    await callControls(ana.page).getByRole('button', { name: 'Resume' }).click();
    await talking(atAna);

    // Cai calls Ana while she talks to Ben, typing her extension and pressing Enter: Ana sees
    // the call waiting above her call and declines it; her call with Ben carries on.
    await numberField(cai.page).fill(ana.extension);
    await numberField(cai.page).press('Enter');
    const calling = callCard(cai.page, ana.name);
    await calling.waitFor(WAIT);
    const waiting = callCard(ana.page, cai.name);
    await waiting.getByText('Call waiting').waitFor(WAIT);
    await checkPhoneVariants(ana.page, ana.control, 'softphone-call-waiting');
    await waiting.getByRole('button', { name: 'Decline' }).click();
    await calling.waitFor({ state: 'detached', ...WAIT });
    await waiting.waitFor({ state: 'detached', ...WAIT });
    await talking(atAna);

    // Ben sends Ana on to Cai: he finds Cai by name in the transfer panel, with the keyboard.
    await callControls(ben.page).getByRole('button', { name: 'Transfer' }).click();
    const transfer = ben.page.getByRole('group', { name: 'Transfer' });
    await transfer.getByLabel('Transfer to').fill('Cai');
    await colleague(ben.page, cai.name).waitFor(WAIT);
    await checkPhoneVariants(ben.page, ben.control, 'softphone-transfer');
    await transfer.getByLabel('Transfer to').press('ArrowDown');
    await transfer.getByLabel('Transfer to').press('Enter');
    await expect.poll(() => transfer.getByLabel('Transfer to').inputValue()).toBe(cai.extension);
    await transfer.getByRole('button', { name: 'Transfer now' }).click();

    // Cai's phone rings with Ana's call; once he answers, Ben is out and Ana's card says Cai.
    const anaAtCai = callCard(cai.page, ana.name);
    await anaAtCai.getByText('Incoming call').waitFor(WAIT);
    await anaAtCai.getByText(`Transferred by ${ben.name}`).waitFor(WAIT);
    await anaAtCai.getByRole('button', { name: 'Answer' }).click();
    await talking(anaAtCai);
    await atBen.waitFor({ state: 'detached', ...WAIT });
    // Each party is told: Ben that the transfer took, Ana whom she now speaks with.
    await ben.page.getByText(`Call with ${ana.name} transferred to ${cai.extension}`).waitFor(WAIT);
    const caiAtAna = callCard(ana.page, cai.name);
    await talking(caiAtAna);
    await caiAtAna.getByText(`Call transferred: you are now speaking with ${cai.name}`).waitFor(WAIT);
    await checkPhoneVariants(ana.page, ana.control, 'softphone-transferred');
    await atAna.waitFor({ state: 'detached', ...WAIT });

    await caiAtAna.getByRole('button', { name: 'Hang up' }).click();
    await caiAtAna.waitFor({ state: 'detached', ...WAIT });
    await anaAtCai.waitFor({ state: 'detached', ...WAIT });
  }, 240_000);

  it('attended transfer: Ben consults Cai while Ana waits on hold, then joins them', async () => {
    // Ana finds Ben by name; with one colleague listed, Enter calls him.
    await numberField(ana.page).fill('Ben');
    await colleague(ana.page, ben.name).waitFor(WAIT);
    await numberField(ana.page).press('Enter');
    const atBen = callCard(ben.page, ana.name);
    await atBen.getByRole('button', { name: 'Answer' }).click();
    const atAna = callCard(ana.page, ben.name);
    await talking(atAna);

    await callControls(ben.page).getByRole('button', { name: 'Transfer' }).click();
    const transfer = ben.page.getByRole('group', { name: 'Transfer' });
    // Cai is the only colleague listed for his name: Ben need not pick him first.
    await transfer.getByLabel('Transfer to').fill('Cai');
    await colleague(ben.page, cai.name).waitFor(WAIT);
    await transfer.getByRole('button', { name: 'Talk to them first' }).click();
    await atBen.getByRole('timer', { name: 'Call status' }).getByText('On hold').waitFor(WAIT);

    const benAtCai = callCard(cai.page, ben.name);
    await benAtCai.getByRole('button', { name: 'Answer' }).click();
    const consultation = callCard(ben.page, cai.name);
    await talking(consultation);
    await talking(benAtCai);
    await consultation.getByRole('button', { name: 'Complete transfer' }).click();

    // Ben's two calls end; Ana's and Cai's carry on, now with each other, and say so.
    await atBen.waitFor({ state: 'detached', ...WAIT });
    await consultation.waitFor({ state: 'detached', ...WAIT });
    const caiAtAna = callCard(ana.page, cai.name);
    const anaAtCai = callCard(cai.page, ana.name);
    await talking(caiAtAna);
    await talking(anaAtCai);
    await anaAtCai.getByRole('button', { name: 'Hang up' }).click();
    await caiAtAna.waitFor({ state: 'detached', ...WAIT });
  }, 120_000);

  it('each sees the calls in their call log, from their side', async () => {
    const answered = (other: Person, direction: 'Incoming' | 'Outgoing') =>
      expect.stringMatching(
        new RegExp(`^${other.name} · ${other.extension} · ${direction} · \\d+ (min|sec)( \\d+ sec)?$`),
      );
    const unanswered = (other: Person, direction: 'Incoming' | 'Outgoing', result: string) =>
      `${other.name} · ${other.extension} · ${direction} · ${result}`;
    // Newest first. A transfer leaves the transferred caller a row with whom they talked to last.
    const expected = new Map([
      [
        ana,
        [
          answered(cai, 'Outgoing'), // joined to Cai by Ben's attended transfer
          answered(ben, 'Outgoing'),
          answered(cai, 'Outgoing'), // sent on to Cai by Ben's blind transfer
          unanswered(cai, 'Incoming', 'Missed'), // the call waiting she declined
          answered(ben, 'Outgoing'),
        ],
      ],
      [ben, [answered(cai, 'Outgoing'), answered(ana, 'Incoming'), answered(ana, 'Incoming')]],
      [
        cai,
        [
          answered(ana, 'Incoming'),
          answered(ben, 'Incoming'),
          answered(ana, 'Incoming'),
          unanswered(ana, 'Outgoing', 'Busy'),
        ],
      ],
    ]);
    for (const [who, rows] of expected) {
      await who.page.getByRole('navigation').getByRole('button', { name: 'Call log' }).click();
      await expect.poll(() => callLogRows(who.page), WAIT).toEqual(rows);
    }
    await screenshot(ana.page, 'call-log-light-1280');
    expect(await seriousAccessibilityProblems(ana.page)).toEqual([]);
  }, 60_000);

  it('a user who forgot their password asks for a code by extension, sets a new one and signs in', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 720 } });
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
    if (!(await page.getByLabel('Extension, email or phone number').inputValue()))
      await page.getByLabel('Extension, email or phone number').fill(ana.extension);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await registration(page).and(page.locator('[data-state="registered"]')).waitFor(WAIT);
  }, 60_000);
});
