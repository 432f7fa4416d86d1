import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/ipc/domains/settings';
import { ok, renderWithApp, type ChannelAnswers } from '../../test-support/render';
import { PLAIN_PREFERENCES, USER_SESSION, callLogEntry } from '../../test-support/fixtures';
import { withLayout } from '../../test-support/layout';
import { call } from '../softphone/softphone-test-data';
import { Shell } from './Shell';

afterEach(cleanup);

const session = USER_SESSION;
const preferences = PLAIN_PREFERENCES;
const message = {
  id: 'm1',
  callerNumber: '102',
  callerName: 'Grace',
  receivedAt: '2026-11-27T10:00:00.000Z',
  durationSeconds: 12,
  read: false,
  audioType: 'audio/ogg',
};

function answers(overrides: ChannelAnswers = {}): ChannelAnswers {
  return {
    'calls:list': () => ok([]),
    'calls:link-to-confirm': () => ok(null),
    'registration:state': () => ok({ state: 'registering', reason: null, retryInSeconds: null }),
    'voicemail:list': () => ok({ items: [message], unread: 1 }),
    'voicemail:sync-state': () => ok({ connection: 'online', pending: [], syncedAt: null }),
    'portal:call-log': () => ok({ items: [], nextCursor: null }),
    'portal:preferences': () => ok(preferences),
    'portal:ring-groups': () => ok({ items: [] }),
    'portal:conferences': () => ok({ items: [] }),
    'portal:destinations': () => ok({ items: [] }),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'voicemail:greeting': () => ok(null),
    'auth:password-policy': () => ok({ minLength: 10 }),
    'auth:sign-out': () => ok(null),
    ...overrides,
  };
}

describe('Shell', () => {
  it('shows who is signed in, the registration state as it changes, and signs out', async () => {
    const view = await renderWithApp(<Shell session={session} />, answers());
    const header = screen.getByRole('banner');
    expect(within(header).getByText('Ada Lovelace')).toBeTruthy();
    expect(within(header).getByText('Extension 101')).toBeTruthy();
    expect(await within(header).findByText('Connecting…')).toBeTruthy();
    act(() =>
      view.emit('registration:state-changed', {
        state: 'failed',
        reason: 'server-unreachable',
        retryInSeconds: 8,
      }),
    );
    expect(within(header).getByText('Server unreachable, retrying in 8 s')).toBeTruthy();
    act(() =>
      view.emit('registration:state-changed', { state: 'registered', reason: null, retryInSeconds: null }),
    );
    expect(within(header).getByText('Ready for calls')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(view.calls.map(([channel]) => channel)).toContain('auth:sign-out');
  });

  it('navigates by keyboard, marks the current section and moves focus to its heading', async () => {
    await renderWithApp(<Shell session={session} />, answers());
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(within(nav).queryByRole('button', { name: 'Admin' })).toBeNull();
    expect(within(nav).getByRole('button', { name: 'Phone' }).getAttribute('aria-current')).toBe('page');
    within(nav).getByRole('button', { name: 'Phone' }).focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(within(nav).getByRole('button', { name: 'Call log' }));
    await userEvent.keyboard('{Enter}');
    const heading = screen.getByRole('heading', { level: 1, name: 'Call log' });
    expect(document.activeElement).toBe(heading);
    expect(within(nav).getByRole('button', { name: 'Call log' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('No calls yet')).toBeTruthy();
  });

  it('shows the screen a clicked notification asks for', async () => {
    const view = await renderWithApp(<Shell session={session} />, answers());
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    act(() => view.emit('app:show-screen', { screen: 'voicemail' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Voicemail' }));
    const voicemail = await within(nav).findByRole('button', { name: 'Voicemail 1 unread message' });
    expect(voicemail.getAttribute('aria-current')).toBe('page');
    act(() => view.emit('app:show-screen', { screen: 'call-log' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Call log' }));
    expect(within(nav).getByRole('button', { name: 'Call log' }).getAttribute('aria-current')).toBe('page');
  });

  it('brings a ringing call to the phone screen, whatever screen is open, and marks Phone while on a call', async () => {
    const view = await renderWithApp(<Shell session={session} />, answers());
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    await userEvent.click(within(nav).getByRole('button', { name: 'Preferences' }));
    const outgoing = call({ id: 'out1', direction: 'outgoing', state: 'ringing', remoteName: 'Alan Turing' });
    act(() => view.emit('calls:incoming', outgoing));
    expect(screen.getByRole('heading', { level: 1, name: 'Preferences' })).toBeTruthy();
    act(() => view.emit('calls:state-changed', { ...outgoing, state: 'ended' }));
    act(() => view.emit('calls:incoming', call({ id: 'in1', direction: 'incoming', state: 'ringing' })));
    expect(screen.getByRole('heading', { level: 1, name: 'Phone' })).toBeTruthy();
    const card = screen.getByRole('region', { name: 'Grace Hopper' });
    // Answer has the focus, as on the phone screen itself: Enter answers.
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Answer' }));
    // Once it is answered, Phone in the navigation says so from any screen, until it ends.
    const answered = call({ id: 'in1', direction: 'incoming', state: 'active' });
    act(() => view.emit('calls:state-changed', answered));
    await userEvent.click(within(nav).getByRole('button', { name: /^Voicemail/ }));
    expect(within(nav).getByRole('button', { name: 'Phone on a call' })).toBeTruthy();
    act(() => view.emit('calls:state-changed', { ...answered, state: 'ended' }));
    expect(within(nav).getByRole('button', { name: 'Phone' })).toBeTruthy();
    // The navigation and the phone screen follow one list of calls: main is asked once.
    expect(view.calls.filter(([channel]) => channel === 'calls:list')).toHaveLength(1);
  });

  describe('with a laid-out call log', () => {
    withLayout();

    it('calls back from the call log on the phone screen, where the call and its errors show', async () => {
      const missed = callLogEntry({ durationSeconds: 0, result: 'missed' });
      const view = await renderWithApp(
        <Shell session={session} />,
        answers({
          'portal:call-log': () => ok({ items: [missed], nextCursor: null }),
          'calls:dial': () => ({ ok: false, error: { code: 'offline', message: 'x' } }),
        }),
      );
      await userEvent.click(screen.getByRole('button', { name: 'Call log' }));
      await userEvent.click(await screen.findByRole('button', { name: 'Call Grace Hopper' }));
      const phone = screen.getByRole('heading', { level: 1, name: 'Phone' });
      expect(phone).toBeTruthy();
      expect(view.calls.filter(([channel]) => channel === 'calls:dial')).toEqual([
        ['calls:dial', { target: '205' }],
      ]);
      const shown = phone.parentElement!.querySelector('.shell-screen:not([hidden])')!;
      expect((await within(shown as HTMLElement).findByRole('alert')).textContent).toContain(
        'cannot be reached',
      );
    });
  });

  it('asks before calling a link from outside the app, then calls it on the phone screen', async () => {
    const view = await renderWithApp(
      <Shell session={session} />,
      answers({
        'calls:link-answered': () => ok(null),
        'calls:dial': () => ok(call({ id: 'out1', remoteNumber: '5551234', state: 'dialing' })),
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Call log' }));
    act(() => view.emit('calls:link-to-confirm-changed', { target: '5551234' }));
    const question = screen.getByRole('alertdialog', { name: 'Call 5551234?' });
    expect(view.calls.some(([channel]) => channel === 'calls:dial')).toBe(false);
    await userEvent.click(within(question).getByRole('button', { name: 'Call' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Phone' })).toBeTruthy();
    // The dial goes out once the answer to the link is acknowledged: it may come a moment later.
    await waitFor(() =>
      expect(
        view.calls.filter(([channel]) => channel.startsWith('calls:') && channel !== 'calls:list'),
      ).toEqual([
        ['calls:link-to-confirm', {}],
        ['calls:link-answered', { target: '5551234' }],
        ['calls:dial', { target: '5551234' }],
      ]),
    );
  });

  it('draws the call log, hidden, once idle after sign-in: opening it shows the calls at once', async () => {
    const view = await renderWithApp(<Shell session={session} />, answers());
    const empty = await screen.findByText('No calls yet');
    expect(view.calls.map(([channel]) => channel)).toContain('portal:call-log');
    expect(screen.getByRole('heading', { level: 1, name: 'Phone' })).toBeTruthy();
    expect(empty.closest('.shell-screen')!.hasAttribute('hidden')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Call log' }));
    // The same screen, now in view: nothing waited for the office again.
    expect(empty.isConnected && !empty.closest('.shell-screen')!.hasAttribute('hidden')).toBe(true);
  });

  it('counts unread voicemail in the navigation and follows new messages', async () => {
    const table = answers();
    const view = await renderWithApp(<Shell session={session} />, table);
    const nav = screen.getByRole('navigation');
    expect(await within(nav).findByRole('button', { name: 'Voicemail 1 unread message' })).toBeTruthy();
    const second = { ...message, id: 'm2' };
    table['voicemail:list'] = () => ok({ items: [message, second], unread: 2 });
    act(() => view.emit('voicemail:received', second));
    expect(await within(nav).findByRole('button', { name: 'Voicemail 2 unread messages' })).toBeTruthy();
  });

  it('says when the office cannot be reached, and when it is back', async () => {
    const view = await renderWithApp(<Shell session={session} />, answers());
    act(() => view.emit('app:connection-changed', { state: 'offline' }));
    expect(screen.getByText(/You are offline/)).toBeTruthy();
    act(() => view.emit('app:connection-changed', { state: 'online' }));
    expect(screen.queryByText(/You are offline/)).toBeNull();
  });

  it('offers the admin console, loaded on demand, only to an elevated session', async () => {
    await renderWithApp(<Shell session={{ ...session, scope: 'admin', idleMinutes: 15 }} />, answers());
    const marker = within(screen.getByRole('banner')).getByText(/Administrator session/);
    expect(marker.textContent).toBe('Administrator session · ends after 15 min without activity');
    await userEvent.click(screen.getByRole('button', { name: 'Admin' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Admin' })).toBeTruthy();
  });

  it.each([
    {
      language: 'en' as const,
      name: 'Do not disturb',
      failed: '“Do not disturb” could not be changed. Try again.',
    },
    {
      language: 'es' as const,
      name: 'No molestar',
      failed: 'No se pudo cambiar «No molestar». Inténtelo de nuevo.',
    },
    {
      language: 'fr' as const,
      name: 'Ne pas déranger',
      failed: '« Ne pas déranger » n’a pas pu être modifié. Réessayez.',
    },
  ])(
    'shows do-not-disturb in the header ($language) and turns it on and off in one click, as the office says it is',
    async ({ language, name, failed }) => {
      let refuse = false;
      const view = await renderWithApp(
        <Shell session={session} />,
        answers({
          'portal:update-preferences': (payload) =>
            refuse
              ? { ok: false, error: { code: 'internal_error', message: 'x' } }
              : ok({ ...preferences, ...(payload as { body: object }).body }),
        }),
        language,
      );
      const header = screen.getByRole('banner');
      const toggle = await within(header).findByRole('button', { name });
      expect(toggle.getAttribute('aria-pressed')).toBe('false');
      await userEvent.click(toggle);
      expect(view.calls.at(-1)).toEqual(['portal:update-preferences', { body: { doNotDisturb: true } }]);
      await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
      // Turned off elsewhere (the tray, Preferences, another computer): the header follows.
      act(() => view.emit('portal:preferences-changed', { ...preferences, doNotDisturb: false }));
      expect(toggle.getAttribute('aria-pressed')).toBe('false');
      refuse = true;
      await userEvent.click(toggle);
      expect(await within(header).findByRole('alert')).toHaveProperty('textContent', failed);
      expect(toggle.getAttribute('aria-pressed')).toBe('false');
    },
  );

  it('keeps Preferences in step with do-not-disturb changed elsewhere, as the office pushes it', async () => {
    const view = await renderWithApp(<Shell session={session} />, answers());
    await userEvent.click(screen.getByRole('button', { name: 'Preferences' }));
    const box = await screen.findByRole('checkbox', { name: 'Do not disturb' });
    expect((box as HTMLInputElement).checked).toBe(false);
    act(() => view.emit('portal:preferences-changed', { ...preferences, doNotDisturb: true }));
    expect((box as HTMLInputElement).checked).toBe(true);
    const toggle = within(screen.getByRole('banner')).getByRole('button', { name: 'Do not disturb' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
  });

  it('offers no do-not-disturb to a person without an extension', async () => {
    await renderWithApp(
      <Shell session={{ ...session, user: { ...session.user, extension: null } }} />,
      answers(),
    );
    expect(await screen.findByText('No extension yet')).toBeTruthy();
    expect(within(screen.getByRole('banner')).queryByRole('button', { name: 'Do not disturb' })).toBeNull();
  });

  it('speaks Spanish', async () => {
    await renderWithApp(<Shell session={session} />, answers(), 'es');
    expect(screen.getByRole('heading', { level: 1, name: 'Teléfono' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cerrar sesión' })).toBeTruthy();
    expect(screen.getByText('Extensión 101')).toBeTruthy();
  });

  describe('command palette (Ctrl+K)', () => {
    const colleagues = [{ id: 'u2', name: 'Ana Ruiz', extension: '102' }];
    const palette = () => screen.getByRole('dialog', { name: 'Commands' });
    const field = () => within(palette()).getByRole('combobox', { name: 'Go to a section or call someone' });
    const options = () =>
      within(palette())
        .queryAllByRole('option')
        .map((option) => option.textContent);
    const selected = () => within(palette()).getByRole('option', { selected: true }).textContent;

    it('goes to a section by name with the arrows and Enter, and Escape gives focus back', async () => {
      await renderWithApp(<Shell session={session} />, answers());
      const opener = screen.getByRole('button', { name: /Commands/ });
      opener.focus();
      await userEvent.keyboard('{Control>}k{/Control}');
      expect(document.activeElement).toBe(field());
      await userEvent.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(document.activeElement).toBe(opener);

      await userEvent.click(opener);
      expect(options()).toEqual([
        'Go to Phone',
        'Go to Call log',
        'Go to Voicemail',
        'Go to Preferences',
        'Sign out',
      ]);
      await userEvent.type(field(), 'o');
      expect(selected()).toBe('Go to Phone');
      await userEvent.keyboard('{ArrowDown}{ArrowDown}');
      expect(selected()).toBe('Go to Voicemail');
      await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
      expect(selected()).toBe('Sign out');
      await userEvent.clear(field());
      await userEvent.type(field(), 'log call');
      expect(options()).toEqual(['Go to Call log']);
      await userEvent.keyboard('{Enter}');
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(screen.getByRole('heading', { level: 1, name: 'Call log' })).toBeTruthy();
    });

    it('calls a colleague the directory finds, through the softphone, from any section', async () => {
      const view = await renderWithApp(
        <Shell session={session} />,
        answers({
          'portal:directory': () => ok({ items: colleagues, nextCursor: null }),
          'calls:dial': () => ok({ id: 'c1' }),
        }),
      );
      await userEvent.click(
        within(screen.getByRole('navigation')).getByRole('button', { name: 'Voicemail' }),
      );
      await userEvent.keyboard('{Control>}k{/Control}');
      await userEvent.type(field(), 'ana');
      expect(await within(palette()).findByRole('option', { name: 'Call Ana Ruiz (102)' })).toBeTruthy();
      await userEvent.keyboard('{Enter}');
      expect(screen.getByRole('heading', { level: 1, name: 'Phone' })).toBeTruthy();
      expect(view.calls.filter(([channel]) => channel === 'calls:dial')).toEqual([
        ['calls:dial', { target: '102' }],
      ]);
    });

    it('offers to call a typed number, once even when a colleague has it', async () => {
      const directory = (payload: unknown) => {
        const { search } = (payload as { query: { search: string } }).query;
        const found = colleagues.filter((colleague) => colleague.extension.startsWith(search));
        return ok({ items: found, nextCursor: null });
      };
      await renderWithApp(<Shell session={session} />, answers({ 'portal:directory': directory }));
      await userEvent.keyboard('{Control>}k{/Control}');
      await userEvent.type(field(), '+1 (555) 010');
      expect(options()).toEqual(['Call +1555010']);
      await userEvent.clear(field());
      await userEvent.type(field(), '102');
      expect(await within(palette()).findByRole('option', { name: 'Call Ana Ruiz (102)' })).toBeTruthy();
      expect(options()).toEqual(['Call Ana Ruiz (102)']);
      await userEvent.clear(field());
      await userEvent.type(field(), 'zzz');
      expect(await within(palette()).findByText('Nothing matches. Type a number to call it.')).toBeTruthy();
    });

    it('matches without accents in Spanish, and lists Admin only to an elevated session', async () => {
      await renderWithApp(<Shell session={{ ...session, scope: 'admin' }} />, answers(), 'es');
      await userEvent.keyboard('{Control>}k{/Control}');
      await userEvent.type(
        screen.getByRole('combobox', { name: 'Ir a una sección o llamar a alguien' }),
        'telefono',
      );
      const spanish = screen.getByRole('dialog', { name: 'Comandos' });
      const spanishOptions = () =>
        within(spanish)
          .getAllByRole('option')
          .map((option) => option.textContent);
      expect(spanishOptions()).toEqual(['Ir a Teléfono']);
      await userEvent.clear(within(spanish).getByRole('combobox'));
      await userEvent.type(within(spanish).getByRole('combobox'), 'admin');
      expect(spanishOptions()).toEqual(['Ir a Administración']);
    });
  });
});
