import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, type ChannelAnswers } from '../../../test-support/render';
import { failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction } from '../test-support/row-menu';
import type { IpcResult } from '../../../../../common/ipc/result';

afterEach(cleanup);

const NONE = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
/** What the admin sets: the body of a create, and of an edit (the whole plan). */
const plan = {
  name: 'Front desk',
  extension: '700',
  hours: { ...NONE, mon: [{ from: '09:00', to: '17:00' }] },
  holidays: [{ name: 'Christmas', from: '2026-12-25' }],
  menus: [
    {
      id: 'main',
      greeting: { kind: 'text' as const, text: 'Welcome' },
      options: [
        { key: '1', action: { type: 'ring-group' as const, number: '600' } },
        { key: '2', action: { type: 'menu' as const, menu: 'support' } },
      ],
      timeoutSeconds: 5,
      fallback: { type: 'extension' as const, number: '101' },
    },
    {
      id: 'support',
      greeting: { kind: 'text' as const, text: 'Support' },
      options: [{ key: '#', action: { type: 'voicemail' as const, number: '102' } }],
      timeoutSeconds: 5,
      fallback: { type: 'hang-up' as const },
    },
    {
      id: 'closed',
      greeting: { kind: 'text' as const, text: 'Closed' },
      options: [
        { key: '9', action: { type: 'directory' as const } },
        { key: '0', action: { type: 'outside' as const, number: '+34912345678' } },
      ],
      timeoutSeconds: 5,
      fallback: { type: 'hang-up' as const },
    },
  ],
  openMenu: 'main',
  closedMenu: 'closed',
  holidayMenu: 'closed',
  musicId: null,
  callerHears: 'ringing' as const,
};
const front = {
  id: 'r1',
  ...plan,
  uploadedGreetings: [],
  greetingLengths: [],
  createdAt: '2026-11-01T09:00:00.000Z',
};

const targets = [
  { kind: 'extension', number: '101', name: 'Ana Ruiz' },
  { kind: 'extension', number: '102', name: 'Ben Ode' },
  { kind: 'ring-group', number: '600', name: 'Sales' },
  { kind: 'voicemail', number: '101', name: 'Ana Ruiz' },
  { kind: 'voicemail', number: '102', name: 'Ben Ode' },
  { kind: 'voicemail', number: '600', name: 'Sales' },
];

/** Replaces what a field holds. */
async function retype(field: HTMLElement, text: string) {
  await userEvent.clear(field);
  await userEvent.type(field, text);
}

const closedNow = {
  at: '2026-12-07T20:15:00.000Z',
  timeZone: 'Europe/Madrid',
  localTime: '2026-12-07 21:15',
  state: 'closed' as const,
  holiday: null,
  menu: 'closed',
};

describe('ReceptionistsPanel', () => {
  it('shows each receptionist’s menus as a tree and what a call arriving now meets', async () => {
    const view = await openConsoleAt('Virtual receptionists', {
      'admin:list-receptionists': () => ok({ items: [front] }),
      'admin:receptionist-now': () => ok(closedNow),
    });
    expect(await screen.findByText('Closed (21:15): the “closed” menu answers.')).toBeTruthy();
    expect(view.calls.find(([channel]) => channel === 'admin:receptionist-now')![1]).toEqual({ id: 'r1' });
    const tree = screen.getByRole('tree', { name: 'Menus' });
    const open = within(tree)
      .getByText(/During business hours/)
      .closest('li')!;
    // The submenu opens beneath the key that leads to it.
    const key2 = within(open)
      .getByText(/Key 2: menu “support”/)
      .closest('li')!;
    expect(within(key2).getByText('Key #: voicemail of extension 102')).toBeTruthy();
    expect(within(open).getByText('Key 1: rings ring group 600')).toBeTruthy();
    expect(within(open).getByText('No key, or a wrong key twice: rings extension 101')).toBeTruthy();
    const closed = within(tree)
      .getByText(/Outside business hours/)
      .closest('li')!;
    expect(within(closed).getByText('Key 9: dial by name')).toBeTruthy();
    expect(within(closed).getByText('Key 0: calls +34912345678 outside the office')).toBeTruthy();
    expect(within(closed).queryByText(/Key 1/)).toBeNull();
  });

  it('names the holiday when the holiday menu answers', async () => {
    await openConsoleAt('Virtual receptionists', {
      'admin:list-receptionists': () => ok({ items: [front] }),
      'admin:receptionist-now': () =>
        ok({ ...closedNow, state: 'holiday', holiday: 'Christmas', localTime: '2026-12-25 10:00' }),
    });
    expect(await screen.findByText('Christmas (10:00): the “closed” menu answers.')).toBeTruthy();
  });

  it('says what a receptionist is when there is none', async () => {
    await openConsoleAt('Virtual receptionists', { 'admin:list-receptionists': () => ok({ items: [] }) });
    expect(await screen.findByText(/answers its extension with a menu/)).toBeTruthy();
  });

  it('adds a receptionist with its hours, a holiday and a menu whose key 1 rings a ring group', async () => {
    let refuse = true;
    const view = await openConsoleAt('Virtual receptionists', {
      'admin:list-receptionists': () => ok({ items: [] }),
      'admin:route-targets': () => ok({ items: targets }),
      'admin:create-receptionist': () =>
        refuse ? failure('invalid_field', 'body.menus.0.options.0.action.number') : ok(front),
      'admin:list-music': () => ok({ items: [] }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add receptionist' }));
    const form = screen.getByRole('dialog', { name: 'Add receptionist' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Front desk');
    // Weekdays open 9 to 5 unless changed; Saturday mornings are added, Friday closes early.
    const saturday = within(form).getByRole('group', { name: 'Saturday' });
    expect(within(saturday).getByText('Closed all day.')).toBeTruthy();
    await userEvent.click(within(saturday).getByRole('button', { name: 'Add opening hours' }));
    await retype(within(saturday).getByLabelText('Opens'), '10:00');
    await retype(within(saturday).getByLabelText('Closes'), '13:00');
    await retype(
      within(within(form).getByRole('group', { name: 'Friday' })).getByLabelText('Closes'),
      '15:00',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Add holiday' }));
    const holiday = within(form).getByRole('group', { name: 'Holiday 1' });
    await userEvent.type(within(holiday).getByLabelText('Name'), 'Christmas');
    await userEvent.type(within(holiday).getByLabelText('Date'), '2026-12-25');
    await userEvent.type(within(holiday).getByLabelText('Until (optional)'), '2026-12-26');

    const main = within(form).getByRole('group', { name: 'Menu “main”' });
    await userEvent.type(within(main).getByLabelText('Greeting (spoken)'), 'Welcome to Acme');
    await userEvent.click(within(main).getByRole('button', { name: 'Add key' }));
    const key1 = within(main).getByRole('group', { name: 'Key 1' });
    await userEvent.selectOptions(within(key1).getByLabelText('Does'), 'Ring a ring group');
    const destination = within(key1).getByLabelText('Destination');
    // Only ring groups are offered for a ring group.
    expect(within(destination).queryByRole('option', { name: '101 · Ana Ruiz' })).toBeNull();
    await userEvent.selectOptions(destination, '600 · Sales');

    // A second menu for closed hours, renamed: the schedule follows its new name.
    await userEvent.click(within(form).getByRole('button', { name: 'Add menu' }));
    const second = within(form).getByRole('group', { name: 'Menu “menu-2”' });
    await retype(within(second).getByLabelText('Menu name'), 'closed');
    await userEvent.type(within(second).getByLabelText('Greeting (spoken)'), 'We are closed');
    await userEvent.selectOptions(
      within(second).getByLabelText('No key, or a wrong key twice'),
      'Another menu',
    );
    await userEvent.selectOptions(within(second).getByLabelText('Menu'), 'main');
    await userEvent.selectOptions(within(form).getByLabelText('Outside business hours'), 'closed');
    await userEvent.selectOptions(within(form).getByLabelText('On holidays'), 'closed');

    await userEvent.click(within(form).getByRole('button', { name: 'Add receptionist' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('not valid');
    // The plan is long: the refusal also says where it points.
    expect(within(form).getByText('Where: Menu “main”, Key 1.')).toBeTruthy();
    expect(within(key1).getByLabelText('Destination').getAttribute('aria-invalid')).toBe('true');
    expect(within(main).getByLabelText('Greeting (spoken)').getAttribute('aria-invalid')).not.toBe('true');
    refuse = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Add receptionist' }));
    expect((await screen.findByRole('status')).textContent).toBe('Front desk saved.');
    const nineToFive = [{ from: '09:00', to: '17:00' }];
    expect(view.calls.filter(([c]) => c === 'admin:create-receptionist').at(-1)![1]).toEqual({
      body: {
        name: 'Front desk',
        hours: {
          mon: nineToFive,
          tue: nineToFive,
          wed: nineToFive,
          thu: nineToFive,
          fri: [{ from: '09:00', to: '15:00' }],
          sat: [{ from: '10:00', to: '13:00' }],
          sun: [],
        },
        holidays: [{ name: 'Christmas', from: '2026-12-25', to: '2026-12-26' }],
        menus: [
          {
            id: 'main',
            greeting: { kind: 'text', text: 'Welcome to Acme' },
            options: [{ key: '1', action: { type: 'ring-group', number: '600' } }],
            timeoutSeconds: 5,
            fallback: { type: 'hang-up' },
          },
          {
            id: 'closed',
            greeting: { kind: 'text', text: 'We are closed' },
            options: [],
            timeoutSeconds: 5,
            fallback: { type: 'menu', menu: 'main' },
          },
        ],
        openMenu: 'main',
        closedMenu: 'closed',
        holidayMenu: 'closed',
        musicId: null,
        callerHears: 'ringing',
      },
    });
  });

  const jazz = { id: 'm1', name: 'Jazz', durationSeconds: 60, isDefault: false, createdAt: front.createdAt };

  /** The console's edit dialog of Front desk, whose save the office takes unless `update` says otherwise. */
  const editFrontDesk = async (
    update: () => IpcResult<unknown> = () => ok(front),
    more: ChannelAnswers = {},
  ) => {
    const view = await openConsoleAt('Virtual receptionists', {
      'admin:list-receptionists': () => ok({ items: [front] }),
      'admin:receptionist-now': () => ok(closedNow),
      'admin:route-targets': () => ok({ items: targets }),
      'admin:list-music': () => ok({ items: [jazz] }),
      'admin:update-receptionist': update,
      ...more,
    });
    await chooseAction('Front desk', 'Edit');
    return { view, form: screen.getByRole('dialog', { name: 'Edit Front desk' }) };
  };

  it('edits a receptionist, sending the whole plan with the change', async () => {
    const { view, form } = await editFrontDesk();
    const support = within(form).getByRole('group', { name: 'Menu “support”' });
    const hash = within(support).getByRole('group', { name: 'Key #' });
    const box = within(hash).getByLabelText('Destination') as HTMLSelectElement;
    expect(box.value).toBe('voicemail:102');
    // A voicemail key offers every box: people's, and a ring group's shared one.
    expect([...box.options].filter((option) => option.value).map((option) => option.text)).toEqual([
      '101 · Ana Ruiz',
      '102 · Ben Ode',
      '600 · Sales',
    ]);
    await userEvent.selectOptions(within(hash).getByLabelText('Key'), '3');
    await userEvent.click(within(form).getByRole('button', { name: 'Remove holiday' }));
    const main = within(form).getByRole('group', { name: 'Menu “main”' });
    await userEvent.selectOptions(within(main).getByLabelText('Callers hear'), 'A recording');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('status')).textContent).toBe('Front desk saved.');
    expect(view.calls.find(([c]) => c === 'admin:update-receptionist')![1]).toEqual({
      id: 'r1',
      body: {
        ...plan,
        holidays: [],
        menus: [
          { ...plan.menus[0], greeting: { kind: 'upload', text: 'Welcome' } },
          { ...plan.menus[1], options: [{ key: '3', action: { type: 'voicemail', number: '102' } }] },
          plan.menus[2],
        ],
      },
    });
  });

  it('chooses its own music among the office’s files, or the company’s default, and whether callers hear it while they wait', async () => {
    let refuse = true;
    const { view, form } = await editFrontDesk(() =>
      refuse ? failure('invalid_field', 'body.musicId') : ok({ ...front, musicId: 'm1' }),
    );
    const music = within(form).getByLabelText('Music') as HTMLSelectElement;
    expect(music.value).toBe('');
    expect(within(music).getByRole('option', { name: 'The company’s default' })).toBeTruthy();
    await userEvent.selectOptions(music, await within(music).findByRole('option', { name: 'Jazz' }));
    // Its callers hear it while the number they asked for rings, too.
    await userEvent.selectOptions(within(form).getByLabelText('Callers hear while it rings'), 'Music');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    // The file was deleted meanwhile: the office refuses it, and the picker is marked.
    expect((await within(form).findByRole('alert')).textContent).toContain('not valid');
    expect(music.getAttribute('aria-invalid')).toBe('true');
    refuse = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('status')).textContent).toBe('Front desk saved.');
    const sent = view.calls.filter(([c]) => c === 'admin:update-receptionist').at(-1)![1];
    expect(sent).toEqual({ id: 'r1', body: { ...plan, musicId: 'm1', callerHears: 'music' } });
  });

  it('uploads a menu’s recording, says how long it plays, and says why a file is refused', async () => {
    const parts: unknown[] = [];
    let refuse = true;
    const { form } = await editFrontDesk(undefined, {
      'admin:upload-menu-greeting': (payload) => {
        parts.push(payload);
        if (refuse) return failure('unsupported_media_type');
        return ok({
          ...front,
          uploadedGreetings: ['main'],
          greetingLengths: [{ menu: 'main', seconds: 12 }],
        });
      },
    });
    const main = within(form).getByRole('group', { name: 'Menu “main”' });
    expect(within(main).queryByLabelText('Recording (WAV or MP3)')).toBeNull();
    await userEvent.selectOptions(within(main).getByLabelText('Callers hear'), 'A recording');
    expect(within(main).getByText('Spoken until a recording is uploaded.')).toBeTruthy();
    expect(within(main).getByText('No recording uploaded yet: callers hear the text spoken.')).toBeTruthy();
    const input = within(main).getByLabelText('Recording (WAV or MP3)');

    // Told before anything is sent.
    await userEvent.upload(input, new File(['words'], 'notes.txt', { type: 'text/plain' }), {
      applyAccept: false,
    });
    expect((await within(main).findByRole('alert')).textContent).toBe(
      'Choose a WAV or MP3 file: the office takes no other kind.',
    );
    expect(parts).toEqual([]);

    // The office could not read it: its refusal, in words.
    const wav = new File([new Uint8Array(10).fill(7)], 'hello.wav', { type: 'audio/wav' });
    await userEvent.upload(input, wav);
    expect((await within(main).findByRole('alert')).textContent).toBe(
      'The office could not read this file as WAV or MP3.',
    );
    expect(parts).toEqual([
      { id: 'r1', menuId: 'main', type: 'audio/wav', index: 0, count: 1, data: btoa('\x07'.repeat(10)) },
    ]);

    refuse = false;
    await userEvent.upload(input, wav);
    expect(await within(main).findByText('Recording uploaded: 12 sec.')).toBeTruthy();
    expect(within(main).queryByRole('alert')).toBeNull();

    // A menu the office does not have yet gets its recording once saved.
    await userEvent.click(within(form).getByRole('button', { name: 'Add menu' }));
    const added = within(form).getByRole('group', { name: 'Menu “menu-4”' });
    await userEvent.selectOptions(within(added).getByLabelText('Callers hear'), 'A recording');
    expect(
      within(added).getByText('Save the receptionist first, then upload this menu’s recording here.'),
    ).toBeTruthy();
    expect(within(added).queryByLabelText('Recording (WAV or MP3)')).toBeNull();
  });

  it('sends a key to a number outside the office, typed rather than picked', async () => {
    const { view, form } = await editFrontDesk();
    const support = within(form).getByRole('group', { name: 'Menu “support”' });
    const hash = within(support).getByRole('group', { name: 'Key #' });
    await userEvent.selectOptions(within(hash).getByLabelText('Does'), 'Call a number outside the office');
    expect(within(hash).queryByLabelText('Destination')).toBeNull();
    await userEvent.type(within(hash).getByLabelText('Number outside the office'), '+34 912 345 678');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('status')).textContent).toBe('Front desk saved.');
    const sent = view.calls.find(([c]) => c === 'admin:update-receptionist')![1] as {
      body: { menus: { options: unknown[] }[] };
    };
    expect(sent.body.menus[1]!.options).toEqual([
      { key: '#', action: { type: 'outside', number: '+34 912 345 678' } },
    ]);
  });

  it.each([
    [
      'body.menus.1.fallback',
      'Menu “support”, No key, or a wrong key twice',
      'Menu “support”',
      'No key, or a wrong key twice',
    ],
    ['body.hours.mon.0', 'Business hours, Monday', 'Monday', 'Opens'],
    ['body.holidays.0.to', 'Holiday 1', 'Holiday 1', 'Until (optional)'],
  ])('says where a refused edit points (%s) and marks the field', async (field, place, group, label) => {
    const { form } = await editFrontDesk(() => failure('invalid_field', field));
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('not valid');
    expect(within(form).getByText(`Where: ${place}.`)).toBeTruthy();
    const marked = within(within(form).getByRole('group', { name: group })).getByLabelText(label);
    expect(marked.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByDisplayValue('Front desk').getAttribute('aria-invalid')).not.toBe('true');
  });

  it('keeps a receptionist a phone number still routes to, saying why', async () => {
    await openConsoleAt('Virtual receptionists', {
      'admin:list-receptionists': () => ok({ items: [front] }),
      'admin:receptionist-now': () => ok(closedNow),
      'admin:delete-receptionist': () => failure('in_use'),
    });
    await chooseAction('Front desk', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Front desk?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('still in use');
  });
});
