// Every screen of the app, portal and admin console, dialogs included, walked in Spanish and in
// French against a real office holding calls, voice messages, devices, numbers and templates:
// any text a person sees or hears (text, labels for screen readers, placeholders, options)
// that is one of the English catalogue's strings fails the test (issue 21), as does a screen
// wider than its window (longer words than English's must not push anything off it). Names and numbers
// are no catalogue string; the strings the two catalogues give the same words for (a word both
// languages share) are listed below, each kept on purpose.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenKeys } from '../../common/i18n/messages';
import { recordCall } from '../../server/directory/call-log';
import { storeVoicemail } from '../../server/directory/voicemail';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/office';
import { toneWav } from '../support/wav';
import type { SipOffice } from '../support/sip-office';
import { BrowserHostProcess, launchChromium } from './browser-host';
import {
  LUCIA,
  TEXTS,
  ZOE,
  fill,
  officeWithPeople,
  openConsole,
  openWindow,
  signIn,
  type Texts,
} from './people';
import { screenshotWholePage } from './screens';

const WAIT = { timeout: 20_000 };

/**
 * The strings English shares with the walked language, word for word, by key. Each is a word the
 * language uses as it is (a product's or standard's name, a cognate); the test fails if this list
 * changes, so a string left untranslated cannot hide here.
 */
const SAME_WORDS: Record<'es' | 'fr', string[]> = {
  es: [
    'Admin', // shell.navShort.admin: the compact window's word, as Spanish interfaces shorten it
    'Audio', // softphone.audio.title: the word Spanish uses
    'Digital', // softphone.audio.ringtones.digital
    'Softphone', // admin.devices.softphone: the term Spanish offices use
    'Switchboard', // app.name: the product
    'TCP', // admin.devices.transportTcp: a protocol's name
    'UDP', // admin.devices.transportUdp
    'English', // preferences.languages.*: each language named in itself
    'Español',
    'Français',
    '{{name}} ({{extension}})', // palette.colleague: a name and a number, nothing to translate
    '{{number}} · {{name}}', // admin.numbers.target
    '{{speed}}×', // voicemail.speedValue
    'SIP INFO', // admin.trunks.dtmfInfo: the SIP method's name
    'P-Asserted-Identity', // admin.trunks.callerIdPai: a SIP header's name
    '{{kind}} {{number}} ({{name}})', // conflicts.item: a kind (translated), a number and a name
    '{{kind}} {{number}}', // conflicts.itemNoName
    '{{name}} ({{number}})', // callRoute.box.service: a service's name and number
    '{{label}}: {{action}}', // admin.receptionists.treeEntry: a key and where it leads
    'PIN', // admin.conferences.pin: the word Spanish uses, as on the voicemail screens
  ],
  fr: [
    'Action', // admin.logs.action
    'Actions', // admin.common.actions
    'Admin', // shell.navShort.admin
    'Audio',
    'Configuration', // admin.tabs.configuration
    'Description', // admin.groups.description
    'Microphone', // softphone.audio.microphone
    'Microphone {{index}}',
    'Page {{page}}', // admin.common.page
    'Pages',
    'Section', // admin.section
    'Sections', // shell.navigation
    'Softphone',
    'Switchboard',
    'TCP',
    'UDP',
    'English',
    'Español',
    'Français',
    '{{name}} ({{extension}})',
    '{{number}} · {{name}}',
    '{{speed}}×',
    'Codecs', // admin.trunks.codecs: the word French uses
    'Date', // admin.receptionists.form.holidayFrom
    'Destination', // admin.receptionists.form.destination
    'Menu', // admin.receptionists.form.whichMenu
    'Menus', // admin.receptionists.menus
    'Participants', // softphone.conference.participants
    'Port', // admin.trunks.port
    'Transport', // admin.trunks.transport
    'SIP INFO',
    'P-Asserted-Identity',
    '{{kind}} {{number}}',
    '{{kind}} {{number}} ({{name}})',
    '{{name}} ({{number}})',
  ],
};

type Walked = 'es' | 'fr';

/** The office's services the console's panels show, each named as a Spanish office would. */
const SERVICES = {
  music: 'Guitarra española',
  ringGroup: 'Atención al cliente',
  receptionist: 'Recepción principal',
  conference: 'Sala de dirección',
  trunk: 'Operador Madrid',
};

type Api = (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;

/**
 * A music file, a ring group with its own music, a receptionist with nested menus and holidays,
 * a conference bridge and an IP trunk: something in every panel and dialog of the office's
 * services, so the walk sees their lists, trees and forms filled.
 */
async function officeServices(api: Api, member: string, upload: () => Promise<string>): Promise<void> {
  const created = async (url: string, body: unknown) => {
    const answer = await api('POST', url, body);
    if (answer.status !== 201) throw new Error(`${url}: ${JSON.stringify(answer.body)}`);
    return answer.body as { id: string; extension: string };
  };
  const musicId = await upload();
  const group = await created('/admin/ring-groups', {
    name: SERVICES.ringGroup,
    strategy: 'hunt',
    members: [member],
    musicId,
  });
  const conference = await created('/admin/conferences', { name: SERVICES.conference, pin: '4821' });
  const none: never[] = [];
  const weekday = [{ from: '09:00', to: '18:00' }];
  await created('/admin/receptionists', {
    name: SERVICES.receptionist,
    hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: none, sun: none },
    holidays: [{ name: 'Navidad', from: '2026-12-25', to: '2026-12-26' }],
    menus: [
      {
        id: 'main',
        greeting: { kind: 'text', text: 'Bienvenido. Pulse 1 para ventas, 2 para la sala.' },
        options: [
          { key: '1', action: { type: 'ring-group', number: group.extension } },
          { key: '2', action: { type: 'conference', number: conference.extension } },
          { key: '3', action: { type: 'menu', menu: 'closed' } },
          { key: '9', action: { type: 'directory' } },
        ],
        timeoutSeconds: 5,
        fallback: { type: 'extension', number: member },
      },
      {
        id: 'closed',
        greeting: { kind: 'text', text: 'Estamos cerrados.' },
        options: [],
        timeoutSeconds: 5,
        fallback: { type: 'voicemail', number: member },
      },
    ],
    openMenu: 'main',
    closedMenu: 'closed',
    holidayMenu: 'closed',
  });
  await created('/admin/trunks', {
    kind: 'ip',
    name: SERVICES.trunk,
    host: '192.0.2.10',
    addresses: ['192.0.2.10'],
  });
}

function valueAt(tree: object, key: string): string {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
}

/** The English strings the walk looks for in `language`'s screens, each as a matcher of a whole text. */
function englishMatchers(language: Walked): { key: string; english: string; matches: RegExp }[] {
  const same = new Set(SAME_WORDS[language]);
  return (
    flattenKeys(TEXTS.en)
      .map((key) => ({ key, english: valueAt(TEXTS.en, key) }))
      .filter(({ english }) => !same.has(english))
      // Only placeholders and punctuation ('{{label}}: {{action}}'): no English word to find, and
      // its pattern would match any sentence of the walked language with a colon in it.
      .filter(({ english }) => /\p{L}/u.test(english.replace(/\{\{\w+\}\}/g, '')))
      .map(({ key, english }) => {
        const parts = english.split(/\{\{\w+\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        return { key, english, matches: new RegExp(`^${parts.join('.+?')}$`, 's') };
      })
  );
}

/** The strings both catalogues give the same words for: what SAME_WORDS must list. */
function sameWordsOf(language: Walked): string[] {
  return [
    ...new Set(
      flattenKeys(TEXTS.en)
        .filter((key) => valueAt(TEXTS.en, key) === valueAt(TEXTS[language], key))
        .map((key) => valueAt(TEXTS.en, key)),
    ),
  ].sort();
}

/**
 * Everything the page says to a person now: visible text (screen-reader-only text too), labels
 * given to screen readers, placeholders, titles, a select's options, the document's title. The
 * outbox's mails are left out: each shows as it was sent, in its recipient's language.
 */
function textsOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [document.title];
    const shown = (element: Element) =>
      element.closest('.admin-mails') === null && element.checkVisibility({ visibilityProperty: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (parent && !parent.closest('script, style') && shown(parent))
        found.push(walker.currentNode.textContent ?? '');
    }
    for (const element of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]')))
      if (shown(element))
        for (const name of ['aria-label', 'placeholder', 'title'])
          found.push(element.getAttribute(name) ?? '');
    for (const select of Array.from(document.querySelectorAll('select')))
      if (shown(select))
        for (const option of Array.from(select.options)) found.push(option.label, option.text);
    for (const group of Array.from(document.querySelectorAll('optgroup')))
      if (shown(group.closest('select')!)) found.push(group.label);
    return found.map((text) => text.trim()).filter((text) => text.length > 0);
  });
}

describe('every screen in Spanish and in French (issue 21)', () => {
  let sip: SipOffice;
  let host: BrowserHostProcess;
  let browser: Browser;
  let token: string;
  let lucia: { id: string; extension: string; password: string };
  let zoe: { id: string; extension: string; password: string };

  beforeAll(async () => {
    ({ sip, token, lucia, zoe } = await officeWithPeople());
    const office = sip.office;
    const api = (method: string, url: string, body?: unknown) => office.request(method, url, { token, body });
    await office.addDeskPhone(token, lucia.extension, 'Yealink T54W');
    await api('POST', '/admin/devices', { kind: 'desk-phone', model: 'Snom D785', label: 'Recepción' });
    await api('POST', '/admin/phone-numbers', {
      number: '+34911234567',
      label: 'Ventas',
      routeType: 'extension',
      routeTarget: lucia.extension,
    });
    const template = await api('POST', '/admin/settings-templates', {
      name: 'Recepción',
      preferences: { ringTimeoutSeconds: 30, doNotDisturb: false },
    });
    await api('POST', '/admin/user-groups', { name: 'Ventas', settingsTemplateId: template.body.id });
    await officeServices(api, lucia.extension, async () => {
      const music = await office.request('POST', '/admin/music', {
        token,
        rawBody: toneWav(2) as unknown as string,
        headers: { 'content-type': 'audio/wav', slug: encodeURIComponent(SERVICES.music) },
      });
      if (music.status !== 201) throw new Error(`music upload: ${JSON.stringify(music.body)}`);
      return (music.body as { id: string }).id;
    });
    await api('POST', '/admin/email-templates', {
      kind: 'welcome',
      name: 'Bienvenida de la casa',
      subject: '¡Hola, {{name}}!',
      body: 'Su extensión es {{extension}}.',
    });
    const now = Date.now();
    const colleague = { number: zoe.extension, name: ZOE.name, userId: zoe.id };
    const self = { number: lucia.extension, name: LUCIA.name, userId: lucia.id };
    for (let i = 0; i < 6; i++) {
      const start = now - (i + 1) * 3_600_000;
      await recordCall(office.office.db, {
        caller: i % 2 ? colleague : self,
        callee: i % 2 ? self : colleague,
        startedAt: new Date(start).toISOString(),
        answeredAt: i === 2 ? null : new Date(start + 3_000).toISOString(),
        endedAt: new Date(start + 65_000).toISOString(),
        result: i === 2 ? 'missed' : 'answered',
      });
    }
    for (const [index, caller] of [ZOE.name, null].entries())
      await storeVoicemail(office.office.db, office.office.voicemailFiles, {
        extension: lucia.extension,
        callerNumber: index === 0 ? zoe.extension : '+34600111222',
        callerName: caller,
        receivedAt: new Date(now - (index + 1) * 7_200_000).toISOString(),
        durationSeconds: 2,
        audio: Buffer.from('RIFF....WAVE'),
        audioType: 'audio/wav',
      });
    [host, browser] = await Promise.all([
      BrowserHostProcess.start(['--server', office.baseUrl]),
      launchChromium(),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await sip?.close();
  });

  for (const language of ['es', 'fr'] as const) {
    it(`lists only the words ${language} shares with English on purpose`, () => {
      expect(sameWordsOf(language)).toEqual([...SAME_WORDS[language]].sort());
    });

    it(`shows nothing in English anywhere, in ${language}`, { timeout: 600_000 }, async () => {
      // The company speaks the walked language: what the office names itself follows it.
      await sip.office.request('PATCH', '/admin/company', { token, body: { language } });
      const english = englishMatchers(language);
      const found = new Set<string>();
      const look = async (page: Page, screen: string) => {
        await page.waitForTimeout(150);
        for (const text of await textsOnScreen(page))
          for (const { key, matches } of english)
            if (matches.test(text)) found.add(`${screen}: "${text}" (${key})`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) found.add(`${screen}: ${overflow} px wider than the window`);
        await screenshotWholePage(page, `walk-${language}-${screen}`);
      };

      const person = await openWindow(browser, language, 1280);
      await walkThePortal(person.page, person.text, look);
      await person.context.close();

      const narrow = await openWindow(browser, language, 400, 760);
      await narrow.page.goto(host.url);
      await signIn(narrow.page, narrow.text, LUCIA.email, lucia.password);
      await narrow.page.getByRole('heading', { level: 1, name: narrow.text.shell.nav.phone }).waitFor(WAIT);
      await look(narrow.page, 'phone-400');
      await narrow.context.close();

      const admin = await openWindow(browser, language, 1280);
      await walkTheConsole(admin.page, admin.text, look);
      await admin.context.close();

      expect([...found]).toEqual([]);
      expect([...person.problems, ...narrow.problems, ...admin.problems]).toEqual([]);
    });
  }

  type Look = (page: Page, screen: string) => Promise<void>;

  async function walkThePortal(page: Page, text: Texts, look: Look) {
    await page.goto(host.url);
    await page.getByRole('heading', { name: text.signIn.title }).waitFor(WAIT);
    await look(page, 'sign-in');
    await page.getByRole('button', { name: text.forgotPassword.link }).click();
    await look(page, 'forgot-password');
    await page.getByRole('button', { name: text.forgotPassword.backToSignIn }).click();

    // A newcomer's first sign-in: the forced choice of their own password.
    const email = `nuevo.${Date.now()}@example.com`;
    await sip.office.request('POST', '/admin/users', { token, body: { name: 'Íñigo Nuñez', email } });
    const welcome = await sip.office.smtp.next(email);
    const temporary = new RegExp(`${text.firstRun.password} ?: (\\S+)`).exec(welcome.text)![1]!;
    await signIn(page, text, email, temporary);
    await page.getByRole('heading', { name: text.passwordChange.title }).waitFor(WAIT);
    await page.getByLabel(text.passwordChange.newPassword, { exact: true }).fill('nunez');
    await look(page, 'forced-password-change');
    await page.getByRole('button', { name: text.passwordChange.signOut }).click();
    await page.getByRole('heading', { name: text.signIn.title }).waitFor(WAIT);

    await signIn(page, text, LUCIA.email, lucia.password);
    const nav = page.getByRole('navigation', { name: text.shell.navigation });
    await page.getByRole('heading', { level: 1, name: text.shell.nav.phone }).waitFor(WAIT);
    await page.locator('.registration[data-state="registered"]').waitFor(WAIT);
    await look(page, 'phone');
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: text.palette.title }).waitFor();
    await page.keyboard.type('10');
    await look(page, 'palette');
    await page.keyboard.press('Escape');

    await nav.getByRole('button', { name: text.shell.nav.callLog }).click();
    await page.getByText(ZOE.name).first().waitFor(WAIT);
    await look(page, 'call-log');

    await nav.getByRole('button', { name: new RegExp(`^${text.shell.nav.voicemail}`) }).click();
    await page
      .getByRole('button', { name: new RegExp(ZOE.name) })
      .first()
      .click();
    await look(page, 'voicemail');
    await page.getByRole('button', { name: text.voicemail.delete }).click();
    await page.getByRole('alertdialog').waitFor();
    await look(page, 'voicemail-delete');
    await page.getByRole('button', { name: text.dialog.cancel }).click();

    await nav.getByRole('button', { name: text.shell.nav.preferences }).click();
    await page.getByText(text.preferences.greeting.standard, { exact: true }).waitFor(WAIT);
    await page.getByLabel(text.preferences.pin.pin, { exact: true }).fill('1212');
    await look(page, 'preferences');
  }

  async function walkTheConsole(page: Page, text: Texts, look: Look) {
    await page.goto(host.url);
    await signIn(page, text, ADMIN_EMAIL, ADMIN_PASSWORD, true);
    await openConsole(page, text);
    const nav = page.getByRole('navigation', { name: text.admin.nav });
    const open = async (section: string) => {
      await nav.getByRole('button', { name: section, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: section, exact: true }).waitFor();
      await expect.poll(() => page.getByRole('status', { name: text.admin.common.loading }).count()).toBe(0);
    };
    const dialog = async (screen: string, opening: () => Promise<void>) => {
      await opening();
      await page.locator('[role="dialog"], [role="alertdialog"]').first().waitFor();
      await look(page, screen);
      await page.keyboard.press('Escape');
      await page.locator('[role="dialog"], [role="alertdialog"]').waitFor({ state: 'detached' });
    };
    const rowAction = (row: string, action: string) => async () => {
      await page.getByRole('button', { name: fill(text.admin.common.actionsFor, { name: row }) }).click();
      await page.getByRole('menuitem', { name: action }).click();
    };

    await page.getByRole('cell', { name: LUCIA.email }).waitFor(WAIT);
    await look(page, 'admin-users');
    await page
      .getByRole('button', { name: fill(text.admin.common.actionsFor, { name: LUCIA.name }) })
      .click();
    await look(page, 'admin-row-menu');
    await page.keyboard.press('Escape');
    await dialog('admin-add-user', () =>
      page.getByRole('button', { name: text.admin.users.add }).first().click(),
    );
    await dialog('admin-edit-user', rowAction(LUCIA.name, text.admin.common.edit));
    await dialog('admin-reset', async () => {
      await rowAction(LUCIA.name, text.admin.users.reset)();
      await page.getByLabel(new RegExp(`^${text.admin.reset.manual.split(':')[0]}`)).check();
      await page.getByLabel(text.admin.reset.password, { exact: true }).fill('corta');
    });
    await dialog('admin-delete-user', rowAction(LUCIA.name, text.admin.common.delete));
    await dialog('admin-sign-in-off', () =>
      page.getByRole('switch', { name: fill(text.admin.users.signInFor, { name: ZOE.name }) }).click(),
    );

    await open(text.admin.sections.devices);
    await look(page, 'admin-devices');
    await dialog('admin-add-desk-phone', () =>
      page.getByRole('button', { name: text.admin.devices.addDeskPhone }).first().click(),
    );
    await dialog('admin-assign', rowAction('Recepción', text.admin.devices.assign));
    await dialog('admin-regenerate', rowAction('Recepción', text.admin.devices.regenerate));
    await rowAction('Recepción', text.admin.devices.regenerate)();
    await page.getByRole('alertdialog').getByRole('button', { name: text.admin.devices.regenerate }).click();
    await page.getByRole('dialog', { name: text.admin.devices.credentialsTitle }).getByText(/UDP/).waitFor();
    await look(page, 'admin-credentials');
    await page.getByRole('button', { name: text.admin.devices.done }).click();

    await open(text.admin.sections.numbers);
    await look(page, 'admin-numbers');
    await dialog('admin-edit-number', rowAction('+34911234567', text.admin.common.edit));

    await open(text.admin.sections.receptionists);
    await look(page, 'admin-receptionists');
    await dialog('admin-add-receptionist', () =>
      page.getByRole('button', { name: text.admin.receptionists.add }).first().click(),
    );
    await dialog('admin-edit-receptionist', rowAction(SERVICES.receptionist, text.admin.common.edit));
    await open(text.admin.sections.ringGroups);
    await look(page, 'admin-ring-groups');
    await dialog('admin-add-ring-group', () =>
      page.getByRole('button', { name: text.admin.ringGroups.add }).first().click(),
    );
    await dialog('admin-edit-ring-group', rowAction(SERVICES.ringGroup, text.admin.common.edit));
    await dialog('admin-ring-group-box', rowAction(SERVICES.ringGroup, text.admin.ringGroups.box.action));
    await open(text.admin.sections.numbering);
    await look(page, 'admin-numbering');
    await open(text.admin.sections.music);
    await look(page, 'admin-music');
    await dialog('admin-upload-music', () =>
      page.getByRole('button', { name: text.admin.music.add }).first().click(),
    );
    await open(text.admin.sections.conferences);
    await look(page, 'admin-conferences');
    await dialog('admin-add-conference', () =>
      page.getByRole('button', { name: text.admin.conferences.add }).first().click(),
    );
    await dialog('admin-edit-conference', rowAction(SERVICES.conference, text.admin.common.edit));
    await open(text.admin.sections.trunks);
    await look(page, 'admin-trunks');
    await dialog('admin-add-trunk', () =>
      page.getByRole('button', { name: text.admin.trunks.add }).first().click(),
    );
    await dialog('admin-edit-trunk', rowAction(SERVICES.trunk, text.admin.common.edit));

    await open(text.admin.sections.company);
    await look(page, 'admin-company');
    await open(text.admin.sections.groups);
    await dialog('admin-edit-group', rowAction('Ventas', text.admin.common.edit));
    await open(text.admin.sections.settingsTemplates);
    await dialog('admin-edit-template', rowAction('Recepción', text.admin.common.edit));
    await open(text.admin.sections.emailTemplates);
    await look(page, 'admin-email-templates');
    await dialog(
      'admin-edit-standard-email',
      rowAction(text.admin.emails.standard.welcome, text.admin.common.edit),
    );
    await open(text.admin.sections.callLog);
    await look(page, 'admin-call-log');
    await open(text.admin.sections.auditLog);
    await look(page, 'admin-audit-log');
    await open(text.admin.sections.outbox);
    await look(page, 'admin-outbox');
  }
});
