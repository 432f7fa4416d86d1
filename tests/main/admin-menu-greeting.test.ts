// A receptionist menu's recording uploaded from the console through the app's main process and a
// real office: the parts are put together in main and sent whole; the last part answers the
// receptionist as the office keeps it, with how long the recording plays. Malformed parts are
// refused before anything reaches the office, parts for two menus never make one file, and a file
// the office cannot read comes back as the office's refusal, the old recording kept.
import { describe, expect, it } from 'vitest';
import { WEEKDAYS, type BusinessHours, type Menu } from '../../common/api/receptionists';
import { GREETING_PART_BYTES } from '../../common/ipc/domains/voicemail';
import { withSipOfficeAndApp } from '../support/app-services';
import { toneWav, wavParts } from '../support/wav';

const ALL_DAY = [{ from: '00:00', to: '24:00' }];
const menu = (id: string): Menu => ({
  id,
  greeting: { kind: 'upload', text: 'Welcome.' },
  options: [],
  timeoutSeconds: 5,
  fallback: { type: 'hang-up' },
});

describe('a receptionist menu’s recording from the console', () => {
  const started = withSipOfficeAndApp();

  it('uploads in parts and answers the receptionist with the recording’s length; refuses bad parts and bad files', async () => {
    const { office } = started.sipOffice;
    const { app } = started;
    const ada = await office.createSignedInUser(await office.adminToken(), 'Ada Desk', { role: 'admin' });
    const signedIn = await app.router.invoke('auth', 'signIn', {
      login: ada.email,
      password: ada.password,
      scope: 'admin',
    });
    expect(signedIn.ok).toBe(true);
    const created = await app.router.invoke('admin', 'createReceptionist', {
      body: {
        name: 'Front desk',
        hours: Object.fromEntries(WEEKDAYS.map((day) => [day, ALL_DAY])) as BusinessHours,
        holidays: [],
        menus: [menu('main'), menu('sales')],
        openMenu: 'main',
        closedMenu: 'main',
        holidayMenu: 'main',
      },
    });
    expect(created).toMatchObject({ ok: true });
    const id = (created as { value: { id: string } }).value.id;
    const upload = (part: unknown) =>
      // Bad payloads too: the channel's schema is what refuses them.
      app.router.invoke('admin', 'uploadMenuGreeting', part as never);

    // Six seconds at 48 kHz: 576 KB, two parts.
    const parts = wavParts(toneWav(6, 48_000, 500), GREETING_PART_BYTES);
    expect(parts).toHaveLength(2);
    const part = (index: number, menuId = 'main') => ({ id, menuId, ...parts[index]! });

    for (const [bad, field] of [
      [{ ...part(0), menuId: '../users' }, 'request.menuId'],
      [{ ...part(0), id: 'a/b' }, 'request.id'],
      [{ ...part(0), data: 42 }, 'request.data'],
      [{ ...part(0), type: 'text/html' }, 'request.type'],
      [{ ...part(0), count: 99 }, 'request.count'],
      [{ ...part(0), path: '/etc/passwd' }, undefined],
    ] as const)
      expect(await upload(bad), JSON.stringify(bad).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request', ...(field && { field }) },
      });
    // Out of order, and a second part for another menu than the first's: refused, nothing sent.
    expect(await upload(part(1))).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await upload(part(0))).toEqual({ ok: true, value: null });
    expect(await upload(part(1, 'sales'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'request.index' },
    });
    const listed = await app.router.invoke('admin', 'listReceptionists', {});
    expect(listed).toMatchObject({ ok: true, value: { items: [{ uploadedGreetings: [] }] } });

    expect(await upload(part(0))).toEqual({ ok: true, value: null });
    const uploaded = await upload(part(1));
    expect(uploaded).toMatchObject({ ok: true, value: { id, uploadedGreetings: ['main'] } });
    const lengths = (uploaded as { value: { greetingLengths: { menu: string; seconds: number }[] } }).value
      .greetingLengths;
    expect(lengths.map((length) => length.menu)).toEqual(['main']);
    expect(lengths[0]!.seconds).toBeCloseTo(6, 1);

    // Random bytes called an MP3: the office's refusal, and the recording it had stays.
    const noise = {
      id,
      menuId: 'main',
      type: 'audio/mpeg',
      index: 0,
      count: 1,
      data: 'bm90IGF1ZGlvIGF0IGFsbA==',
    };
    expect(await upload(noise)).toMatchObject({ ok: false, error: { code: 'unsupported_media_type' } });
    // A menu the receptionist lacks.
    const elsewhere = { ...noise, menuId: 'support', type: 'audio/wav', data: parts[0]!.data };
    expect(await upload(elsewhere)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const after = await app.router.invoke('admin', 'listReceptionists', {});
    expect(after).toMatchObject({ ok: true, value: { items: [{ greetingLengths: lengths }] } });
  });
});
