// Receptionists in the directory, on both databases: a receptionist takes an extension of its
// own; its plan is checked whole (menus that exist, no circles, numbers that are what the key
// says, an outside one a phone number of no emergency or premium range) and a refused one writes
// nothing; the schedule says which menu answers when, in the company's time zone; greetings are
// spoken once on save and uploads are checked; a receptionist a number still routes to is not
// deleted; only administrators may touch any of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { spokenFileOf } from '../../server/receptionist/speech';
import { findReceptionistPlan } from '../../server/directory/receptionists';
import { toneWav } from '../support/wav';

const CLOSED = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const WEEKDAYS_9_TO_5 = {
  ...CLOSED,
  mon: [{ from: '09:00', to: '17:00' }],
  tue: [
    { from: '09:00', to: '12:30' },
    { from: '13:30', to: '17:00' },
  ],
};

describe.each(DATABASES)('receptionists on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let ana: { token: string; extension: string };
  let group: { id: string; extension: string };

  const api = (method: string, url: string, body?: unknown, token = admin) =>
    office.request(method, url, { token, body });
  const plan = (extra: Record<string, unknown> = {}) => ({
    name: 'Front desk',
    hours: WEEKDAYS_9_TO_5,
    holidays: [{ name: 'Christmas', from: '2026-12-24', to: '2026-12-26' }],
    menus: [
      {
        id: 'main',
        greeting: { kind: 'text', text: 'Welcome. For sales press 1, for support press 2.' },
        options: [
          { key: '1', action: { type: 'ring-group', number: group.extension } },
          { key: '2', action: { type: 'menu', menu: 'support' } },
          { key: '9', action: { type: 'directory' } },
        ],
        timeoutSeconds: 5,
        fallback: { type: 'extension', number: ana.extension },
      },
      {
        id: 'support',
        greeting: { kind: 'text', text: 'Support. Press 1 to leave a message.' },
        options: [{ key: '1', action: { type: 'voicemail', number: ana.extension } }],
        timeoutSeconds: 5,
        fallback: { type: 'hang-up' },
      },
      {
        id: 'closed',
        greeting: { kind: 'text', text: 'We are closed.' },
        options: [],
        timeoutSeconds: 3,
        fallback: { type: 'voicemail', number: ana.extension },
      },
    ],
    openMenu: 'main',
    closedMenu: 'closed',
    holidayMenu: 'closed',
    ...extra,
  });

  beforeAll(async () => {
    admin = await office.adminToken();
    const user = await office.createSignedInUser(admin, 'Ana Front');
    ana = { token: user.token, extension: user.extension };
    group = (
      await api('POST', '/admin/ring-groups', { name: 'Sales', strategy: 'all', members: [ana.extension] })
    ).body;
  });

  it('creates one on an extension of its own, speaks its greetings once, and lists it as a route target', async () => {
    const created = await api('POST', '/admin/receptionists', plan());
    expect(created.status).toBe(201);
    const receptionist = created.body as { id: string; extension: string; uploadedGreetings: string[] };
    expect(receptionist).toMatchObject({ name: 'Front desk', openMenu: 'main', uploadedGreetings: [] });
    expect([ana.extension, group.extension]).not.toContain(receptionist.extension);
    // Nobody else gets its extension.
    const clash = await api('POST', '/admin/receptionists', plan({ extension: receptionist.extension }));
    expect([clash.status, clash.body.error.code]).toEqual([409, 'extension_taken']);
    // The greetings were spoken on save, in the company's language, and kept sealed.
    const files = office.office.voicemailFiles;
    const spoken = await files.open(spokenFileOf('en', 'We are closed.'));
    expect(spoken).not.toBeNull();
    const wav = await spoken!.readAll();
    await spoken!.close();
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.length).toBeGreaterThan(10_000);

    const targets = (await api('GET', '/admin/route-targets')).body.items;
    expect(targets).toContainEqual({
      kind: 'receptionist',
      number: receptionist.extension,
      name: 'Front desk',
    });
    expect(targets).not.toContainEqual(
      expect.objectContaining({ kind: 'extension', number: receptionist.extension }),
    );
    expect((await findReceptionistPlan(office.office.db, receptionist.extension))?.plan.openMenu).toBe(
      'main',
    );
    expect(await findReceptionistPlan(office.office.db, ana.extension)).toBeNull();

    // A phone number can route to it, and then it cannot be deleted.
    const number = await api('POST', '/admin/phone-numbers', {
      number: '+34911239001',
      routeType: 'receptionist',
      routeTarget: receptionist.extension,
    });
    expect(number.status).toBe(201);
    const refused = await api('DELETE', `/admin/receptionists/${receptionist.id}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'in_use']);
    expect(refused.body.error.message).toContain('+34911239001');
    await api('DELETE', `/admin/phone-numbers/${number.body.id}`);
    expect((await api('DELETE', `/admin/receptionists/${receptionist.id}`)).status).toBe(204);
    expect((await api('GET', `/admin/receptionists/${receptionist.id}`)).status).toBe(404);
  });

  it('refuses plans that do not hold together, and writes nothing', async () => {
    const before = (await api('GET', '/admin/receptionists')).body.items.length;
    const menu = (id: string, fallback: unknown, options: unknown[] = []) => ({
      id,
      greeting: { kind: 'text', text: 'Hello' },
      options,
      timeoutSeconds: 5,
      fallback,
    });
    const bad = [
      [{ openMenu: 'nowhere' }, 'body.openMenu'],
      [
        {
          menus: [
            menu('main', { type: 'menu', menu: 'a' }),
            menu('a', { type: 'menu', menu: 'b' }),
            menu('b', { type: 'hang-up' }, [{ key: '0', action: { type: 'menu', menu: 'main' } }]),
          ],
          closedMenu: 'main',
          holidayMenu: 'main',
        },
        'body.menus',
      ],
      [
        {
          menus: [menu('main', { type: 'extension', number: '99999' })],
          closedMenu: 'main',
          holidayMenu: 'main',
        },
        'body.menus.0.fallback',
      ],
      [
        {
          menus: [menu('main', { type: 'ring-group', number: ana.extension })],
          closedMenu: 'main',
          holidayMenu: 'main',
        },
        'body.menus.0.fallback',
      ],
      [
        {
          menus: [
            menu('main', { type: 'hang-up' }, [
              { key: '1', action: { type: 'repeat' } },
              { key: '1', action: { type: 'directory' } },
            ]),
          ],
          closedMenu: 'main',
          holidayMenu: 'main',
        },
        'body.menus.0.options.1.key',
      ],
      [
        { menus: [menu('main', { type: 'repeat' })], closedMenu: 'main', holidayMenu: 'main' },
        'body.menus.0.fallback',
      ],
      [{ hours: { ...CLOSED, mon: [{ from: '17:00', to: '09:00' }] } }, 'body.hours.mon.0'],
      [{ hours: { ...CLOSED, mon: [{ from: '25:00', to: '26:00' }] } }, 'body.hours.mon.0.from'],
      [{ holidays: [{ name: 'Back to front', from: '2026-05-02', to: '2026-05-01' }] }, 'body.holidays.0.to'],
    ] as const;
    for (const [body, field] of bad) {
      const refused = await api('POST', '/admin/receptionists', plan(body));
      expect(
        [refused.status, refused.body.error.code, refused.body.error.field],
        JSON.stringify(body),
      ).toEqual([400, 'invalid_field', field]);
    }
    expect((await api('GET', '/admin/receptionists')).body.items).toHaveLength(before);
  });

  it('says which menu answers now in the company’s time zone: open, closed, holiday', async () => {
    const receptionist = (await api('POST', '/admin/receptionists', plan())).body;
    expect((await api('PATCH', '/admin/company', { timeZone: 'America/New_York' })).status).toBe(200);
    const at = async (iso: string) =>
      (await api('GET', `/admin/receptionists/${receptionist.id}/now?at=${encodeURIComponent(iso)}`)).body;
    // Monday 7 December 2026, 14:00 UTC is 09:00 in New York: open.
    expect(await at('2026-12-07T14:00:00.000Z')).toMatchObject({
      state: 'open',
      menu: 'main',
      localTime: '2026-12-07 09:00',
      timeZone: 'America/New_York',
    });
    // 13:59 UTC is 08:59 there: closed.
    expect(await at('2026-12-07T13:59:00.000Z')).toMatchObject({ state: 'closed', menu: 'closed' });
    // Tuesday's lunch break.
    expect(await at('2026-12-08T17:45:00.000Z')).toMatchObject({
      state: 'closed',
      localTime: '2026-12-08 12:45',
    });
    // Christmas Eve, in office hours of a Thursday (closed anyway), is the holiday.
    expect(await at('2026-12-24T15:00:00.000Z')).toMatchObject({ state: 'holiday', holiday: 'Christmas' });
    const badTime = await api('GET', `/admin/receptionists/${receptionist.id}/now?at=yesterday`);
    expect(badTime.status).toBe(400);
    await api('PATCH', '/admin/company', { timeZone: 'UTC' });
    await api('DELETE', `/admin/receptionists/${receptionist.id}`);
  });

  it('takes an uploaded greeting for a menu, and keeps it when a bad file follows', async () => {
    const receptionist = (await api('POST', '/admin/receptionists', plan())).body;
    const url = `/admin/receptionists/${receptionist.id}/menus/main/greeting`;
    const upload = (body: Buffer, type: string, path = url) =>
      office.request('PUT', path, {
        token: admin,
        rawBody: body as unknown as string,
        headers: { 'content-type': type },
      });
    expect((await upload(toneWav(1), 'audio/wav')).status).toBe(204);
    const kept = (await api('GET', `/admin/receptionists/${receptionist.id}`)).body;
    expect(kept.uploadedGreetings).toEqual(['main']);
    // How long it plays, as the office keeps it, for the console to show.
    expect(kept.greetingLengths).toHaveLength(1);
    expect(kept.greetingLengths[0].menu).toBe('main');
    expect(kept.greetingLengths[0].seconds).toBeCloseTo(1, 1);
    const stored = await findReceptionistPlan(office.office.db, receptionist.extension);
    const file = stored!.uploaded.get('main')!;
    const before = await office.office.voicemailFiles.read(file);

    const lying = await upload(Buffer.from('not audio at all, just words'), 'audio/mpeg');
    expect([lying.status, lying.body.error.code]).toEqual([415, 'unsupported_media_type']);
    expect(await office.office.voicemailFiles.read(file)).toEqual(before);
    expect(
      (await upload(toneWav(1), 'audio/wav', `/admin/receptionists/${receptionist.id}/menus/nope/greeting`))
        .status,
    ).toBe(404);
    const audit = await api('GET', '/admin/audit-log');
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toContain(
      'receptionist.greeting-uploaded',
    );
    await api('DELETE', `/admin/receptionists/${receptionist.id}`);
  });

  it('puts a key through to an outside number, kept in E.164; refuses emergency, premium-rate and non-numbers', async () => {
    expect((await api('PATCH', '/admin/company', { country: 'ES' })).status).toBe(200);
    const outside = (number: string) =>
      plan({
        menus: [
          {
            id: 'main',
            greeting: { kind: 'text', text: 'For our warehouse, press 3.' },
            options: [{ key: '3', action: { type: 'outside', number } }],
            timeoutSeconds: 5,
            fallback: { type: 'hang-up' },
          },
        ],
        closedMenu: 'main',
        holidayMenu: 'main',
      });
    // Written as people in Spain write it: national, with spaces.
    const created = await api('POST', '/admin/receptionists', outside('912 34 56 78'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.menus[0].options[0].action).toEqual({ type: 'outside', number: '+34912345678' });
    const international = await api('PATCH', `/admin/receptionists/${created.body.id}`, {
      menus: [
        {
          ...created.body.menus[0],
          options: [{ key: '3', action: { type: 'outside', number: '0033 1 23 45 67 89' } }],
        },
      ],
    });
    expect(international.status, JSON.stringify(international.body)).toBe(200);
    expect(international.body.menus[0].options[0].action.number).toBe('+33123456789');
    for (const [number, message] of [
      ['112', 'A receptionist cannot put callers through to an emergency number'],
      ['091', 'A receptionist cannot put callers through to an emergency number'],
      ['806 123 456', 'A receptionist cannot put callers through to a premium-rate number'],
      ['12', '12 is not a phone number'],
    ]) {
      const refused = await api('POST', '/admin/receptionists', outside(number!));
      expect([refused.status, refused.body.error?.field, refused.body.error?.message], number).toEqual([
        400,
        'body.menus.0.options.0.action',
        message,
      ]);
    }
    const notDigits = await api('POST', '/admin/receptionists', outside('call Bob'));
    expect([notDigits.status, notDigits.body.error.code]).toEqual([400, 'invalid_field']);
    expect((await api('DELETE', `/admin/receptionists/${created.body.id}`)).status).toBe(204);
  });

  it('takes a ring group’s overflow, and nothing still sending calls on is deleted', async () => {
    const receptionist = (await api('POST', '/admin/receptionists', plan())).body;
    const overflowing = await api('POST', '/admin/ring-groups', {
      name: 'After hours',
      strategy: 'all',
      members: [ana.extension],
      overflowType: 'receptionist',
      overflowTarget: receptionist.extension,
    });
    expect(overflowing.body).toMatchObject({
      overflowType: 'receptionist',
      overflowTarget: receptionist.extension,
    });
    const notOne = await api('POST', '/admin/ring-groups', {
      name: 'Wrong',
      strategy: 'all',
      members: [],
      overflowType: 'receptionist',
      overflowTarget: ana.extension,
    });
    expect([notOne.status, notOne.body.error.field]).toEqual([400, 'body.overflowTarget']);
    const keptByGroup = await api('DELETE', `/admin/receptionists/${receptionist.id}`);
    expect([keptByGroup.status, keptByGroup.body.error.message]).toEqual([
      409,
      'The receptionist is still used by ring group After hours',
    ]);
    // The receptionist's key 1 rings the Sales group: that group stays while it does.
    const keptByMenu = await api('DELETE', `/admin/ring-groups/${group.id}`);
    expect([keptByMenu.status, keptByMenu.body.error.message]).toEqual([
      409,
      'The ring group is still used by receptionist Front desk',
    ]);
    expect((await api('DELETE', `/admin/ring-groups/${overflowing.body.id}`)).status).toBe(204);
    expect((await api('DELETE', `/admin/receptionists/${receptionist.id}`)).status).toBe(204);
  });

  it('is for administrators only', async () => {
    const receptionist = (await api('POST', '/admin/receptionists', plan())).body;
    for (const [method, url, body] of [
      ['GET', '/admin/receptionists', undefined],
      ['POST', '/admin/receptionists', plan()],
      ['PATCH', `/admin/receptionists/${receptionist.id}`, { name: 'Mine now' }],
      ['DELETE', `/admin/receptionists/${receptionist.id}`, undefined],
      ['GET', `/admin/receptionists/${receptionist.id}/now`, undefined],
    ] as const) {
      const refused = await api(method, url, body, ana.token);
      expect(refused.status, `${method} ${url}`).toBe(403);
    }
    expect((await api('GET', `/admin/receptionists/${receptionist.id}`)).body.name).toBe('Front desk');
    await api('DELETE', `/admin/receptionists/${receptionist.id}`);
  });
});
