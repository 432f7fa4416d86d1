import { useState } from 'react';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Preferences as Prefs } from '../../../../common/api/preferences';
import { PLAIN_PREFERENCES, USER_SESSION } from '../../test-support/fixtures';
import { DEFAULT_SETTINGS } from '../../../../common/ipc/domains/settings';
import { ConnectionContext, type ConnectionState } from '../../app/connection';
import { ok, renderWithApp, type ChannelAnswers } from '../../test-support/render';
import type { IpcResult } from '../../../../common/ipc/result';
import { Preferences } from './Preferences';
import { useMailLanguage } from './use-mail-language';

afterEach(cleanup);

const session = USER_SESSION;
const saved = PLAIN_PREFERENCES;

/** Where the office lets a person forward: colleagues (this person too) and a ring group. */
const DESTINATIONS = [
  { kind: 'extension', number: '101', name: 'Ada Lovelace' },
  { kind: 'extension', number: '102', name: 'Lucía García-Pérez' },
  { kind: 'extension', number: '103', name: 'Zoë Brontë-Ødegaard' },
  { kind: 'ring-group', number: '600', name: 'Sales' },
];

function answers(overrides: ChannelAnswers = {}): ChannelAnswers {
  let settings = DEFAULT_SETTINGS;
  return {
    'portal:destinations': () => ok({ items: DESTINATIONS }),
    'portal:preferences': () => ok(saved),
    'portal:ring-groups': () => ok({ items: [] }),
    'portal:update-preferences': (payload) => ok({ ...saved, ...(payload as { body: Partial<Prefs> }).body }),
    'settings:get': () => ok(settings),
    'settings:update': (patch) => ok((settings = { ...settings, ...(patch as object) })),
    'voicemail:greeting': () => ok(null),
    'auth:password-policy': () => ok({ minLength: 10 }),
    ...overrides,
  };
}

/** The screen with the mail language the shell holds for it from sign-in. */
function WithMail({ session }: { session: Parameters<typeof Preferences>[0]['session'] }) {
  return <Preferences session={session} mail={useMailLanguage(session.user)} />;
}

const sentence = () =>
  screen.getByRole('heading', { name: 'Where will my calls go?' }).nextElementSibling!.textContent;

describe('Preferences', () => {
  it('loads, then shows the preferences and where a call arriving now will go', async () => {
    let answer!: () => void;
    const pending = new Promise<void>((resolve) => (answer = resolve));
    await renderWithApp(
      <WithMail session={session} />,
      answers({ 'portal:preferences': async () => (await pending, ok(saved)) }),
    );
    expect(screen.getByRole('status', { name: 'Loading your preferences' })).toBeTruthy();
    await act(async () => answer());
    expect(screen.getByLabelText('Ring time (seconds)')).toHaveProperty('value', '20');
    expect(screen.getByLabelText('Caller-ID name')).toHaveProperty('value', 'Ada');
    expect(sentence()).toBe(
      'A call arriving now rings your phones for 20 seconds; if you do not answer or are on a call, it goes to your voicemail.',
    );
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
  });

  it('updates the answer live as the person edits, and saves only what changed', async () => {
    const view = await renderWithApp(<WithMail session={session} />, answers());
    const ring = await screen.findByLabelText('Ring time (seconds)');
    await userEvent.clear(ring);
    await userEvent.type(ring, '35');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Forward when I am on a call' }));
    await userEvent.selectOptions(screen.getAllByLabelText('Forward to')[1]!, '102 · Lucía García-Pérez');
    expect(sentence()).toBe(
      'A call arriving now rings your phones for 35 seconds; if you do not answer, it goes to your voicemail; if you are on a call, it goes to extension 102.',
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'Do not disturb' }));
    expect(sentence()).toBe(
      'Do not disturb is on: nothing rings, and a call arriving now goes to your voicemail.',
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'Do not disturb' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(view.calls.at(-1)).toEqual([
      'portal:update-preferences',
      { body: { forwardBusy: { enabled: true, target: '102' }, ringTimeoutSeconds: 35 } },
    ]);
    expect(
      await screen.findByText('Your preferences are saved.', { selector: '[role=status]' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
  });

  it('forwards to an outside number and hides the number where the person may call outside', async () => {
    const view = await renderWithApp(<WithMail session={session} />, answers());
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Forward every call' }));
    await userEvent.type(screen.getAllByLabelText('Or a number outside the office')[0]!, '+34912345678');
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Hide my number on calls outside the office' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(view.calls.at(-1)).toEqual([
      'portal:update-preferences',
      { body: { hideCallerId: true, forwardAlways: { enabled: true, target: '+34912345678' } } },
    ]);
  });

  it('keeps forwarding to colleagues for a person who may not call outside', async () => {
    await renderWithApp(
      <WithMail session={session} />,
      answers({ 'portal:preferences': () => ok({ ...saved, outboundCalls: 'internal' }) }),
    );
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Forward every call' }));
    // Only the office's own destinations are offered: no field for a number outside.
    expect(screen.queryAllByLabelText('Or a number outside the office')).toEqual([]);
    expect(screen.queryByRole('checkbox', { name: 'Hide my number on calls outside the office' })).toBeNull();
    expect(screen.getAllByLabelText('Forward to')[0]!.tagName).toBe('SELECT');
  });

  it('says what is wrong in the person’s language and sends nothing', async () => {
    const view = await renderWithApp(<WithMail session={session} />, answers(), 'es');
    const ring = await screen.findByLabelText('Tiempo de timbrado (segundos)');
    await userEvent.clear(ring);
    await userEvent.type(ring, '4');
    expect(screen.getByText('Escriba un número entero de segundos entre 5 y 120.')).toBeTruthy();
    expect(ring.getAttribute('aria-invalid')).toBe('true');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Desviar todas las llamadas' }));
    await userEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(screen.getByText('Elija adónde desviar, o desactive esta regla.')).toBeTruthy();
    expect(view.calls.some(([channel]) => channel === 'portal:update-preferences')).toBe(false);
    // One's own extension is not offered.
    const target = screen.getAllByLabelText('Desviar a')[0]!;
    expect(within(target).queryByRole('option', { name: '101 · Ada Lovelace' })).toBeNull();
  });

  it.each([
    {
      language: 'en' as const,
      label: 'Forward to',
      rule: 'Forward every call',
      group: 'Ring group',
      save: 'Save',
      title: 'Where will my calls go?',
      toGroup: 'A call arriving now goes straight to the Sales ring group, 600; your phones do not ring.',
      outside: 'Or a number outside the office',
      toOutside:
        'A call arriving now goes straight to +34 912 34 56 78, outside the office; your phones do not ring.',
    },
    {
      language: 'es' as const,
      label: 'Desviar a',
      rule: 'Desviar todas las llamadas',
      group: 'Grupo de timbrado',
      save: 'Guardar',
      title: '¿Adónde irán mis llamadas?',
      toGroup:
        'Una llamada que llegue ahora va directamente al grupo de timbrado Sales, 600; sus teléfonos no suenan.',
      outside: 'O un número fuera de la oficina',
      toOutside:
        'Una llamada que llegue ahora va directamente al +34 912 34 56 78, fuera de la oficina; sus teléfonos no suenan.',
    },
    {
      language: 'fr' as const,
      label: 'Renvoyer vers',
      rule: 'Renvoyer tous les appels',
      group: 'Groupe d’appels',
      save: 'Enregistrer',
      title: 'Où iront mes appels ?',
      toGroup:
        'Un appel qui arrive maintenant va directement au groupe d’appels Sales, 600 ; vos téléphones ne sonnent pas.',
      outside: 'Ou un numéro hors du bureau',
      toOutside:
        'Un appel qui arrive maintenant va directement au +34 912 34 56 78, hors du bureau ; vos téléphones ne sonnent pas.',
    },
  ])(
    'offers colleagues and ring groups to forward to, by kind, and says where calls go ($language)',
    async (t) => {
      const view = await renderWithApp(<WithMail session={session} />, answers(), t.language);
      const target = (await screen.findAllByLabelText(t.label))[0]!;
      await userEvent.click(screen.getByRole('checkbox', { name: t.rule }));
      const groups = within(target).getByRole('group', { name: t.group });
      await userEvent.selectOptions(target, within(groups).getByRole('option', { name: '600 · Sales' }));
      // "Where will my calls go?" names the group, in the person's language.
      const said = () => screen.getByRole('heading', { name: t.title }).nextElementSibling!.textContent;
      expect(said()).toBe(t.toGroup);
      await userEvent.click(screen.getByRole('button', { name: t.save }));
      expect(view.calls.at(-1)).toEqual([
        'portal:update-preferences',
        { body: { forwardAlways: { enabled: true, target: '600' } } },
      ]);
      // An outside number is said grouped as it is read, and as outside the office.
      await userEvent.type(screen.getAllByLabelText(t.outside)[0]!, '+34912345678');
      expect(said()).toBe(t.toOutside);
    },
  );

  it('flags a saved forward to a number nobody has any more, and sends nothing until it is changed', async () => {
    const view = await renderWithApp(
      <WithMail session={session} />,
      answers({
        'portal:preferences': () => ok({ ...saved, forwardAlways: { enabled: true, target: '999' } }),
      }),
    );
    const target = (await screen.findAllByLabelText('Forward to'))[0]! as HTMLSelectElement;
    expect(
      await screen.findByText('No colleague or group has this number any more: choose another.'),
    ).toBeTruthy();
    expect(target.getAttribute('aria-invalid')).toBe('true');
    expect(target.selectedOptions[0]!.textContent).toBe('Extension 999 (no longer exists)');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Do not disturb' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(view.calls.some(([channel]) => channel === 'portal:update-preferences')).toBe(false);
  });

  it('says the office’s refusal of a forward to an extension nobody has', async () => {
    await renderWithApp(
      <WithMail session={session} />,
      answers({
        // Someone else's extension went away between the check and the save.
        'portal:update-preferences': () => ({
          ok: false,
          error: { code: 'unknown_extension', message: 'x', field: 'body.forwardAlways.target' },
        }),
      }),
    );
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Forward every call' }));
    await userEvent.selectOptions(screen.getAllByLabelText('Forward to')[0]!, '102 · Lucía García-Pérez');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'No colleague or group has this number any more: choose another.',
    );
  });

  it('shows the office’s refusal, translated', async () => {
    await renderWithApp(
      <WithMail session={session} />,
      answers({
        'portal:update-preferences': () => ({ ok: false, error: { code: 'internal_error', message: 'x' } }),
      }),
    );
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Do not disturb' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong');
  });

  it('shows an error with a retry when the preferences cannot be read', async () => {
    let fail = true;
    await renderWithApp(
      <WithMail session={session} />,
      answers({
        'portal:preferences': () =>
          fail ? { ok: false, error: { code: 'internal_error', message: 'x' } } : ok(saved),
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Caller-ID name')).toBeTruthy();
  });

  it('offline: says the extension preferences need the office; this app’s settings still work', async () => {
    const view = await renderWithApp(
      <ConnectionContext.Provider value="offline">
        <WithMail session={session} />
      </ConnectionContext.Provider>,
      answers({ 'portal:preferences': () => ({ ok: false, error: { code: 'offline', message: 'x' } }) }),
    );
    expect(await screen.findByRole('heading', { name: 'Preferences need the office' })).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(view.calls.at(-1)).toEqual(['settings:update', { theme: 'dark' }]);
    expect(screen.getByRole('radio', { name: 'Dark' })).toHaveProperty('checked', true);
  });

  it('cannot save while offline once loaded', async () => {
    await renderWithApp(
      <ConnectionContext.Provider value="offline">
        <WithMail session={session} />
      </ConnectionContext.Provider>,
      answers(),
    );
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Do not disturb' }));
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/saving will be possible when the office is back/)).toBeTruthy();
  });

  it('changes language and start-at-login for this computer at once', async () => {
    const view = await renderWithApp(<WithMail session={session} />, answers());
    await userEvent.selectOptions(await screen.findByLabelText('Language'), 'fr');
    expect(view.calls.slice(-2)).toEqual([
      ['settings:update', { language: 'fr' }],
      ['portal:update-preferences', { body: { language: 'fr' } }],
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: /Start Switchboard/ }));
    expect(view.calls.at(-1)).toEqual(['settings:update', { launchAtLogin: true }]);
  });

  describe('the language of the office’s mail', () => {
    /**
     * The office's side: the person's stored language, the company's (English unless given), and
     * how it answers a change.
     */
    function office(
      language: Prefs['language'],
      answer?: () => IpcResult<never> | null,
      company: Prefs['mailLanguage'] = 'en',
    ) {
      const state = { language };
      const record = () => ({ ...saved, language: state.language, mailLanguage: state.language ?? company });
      return {
        state,
        table: answers({
          'portal:preferences': () => ok(record()),
          'portal:update-preferences': (payload) => {
            const refusal = answer?.();
            if (refusal) return refusal;
            state.language = (payload as { body: { language: Prefs['language'] } }).body.language;
            return ok(record());
          },
        }),
      };
    }
    const mailNote = /The office writes your mail/;
    const keptLanguages = (calls: [string, unknown][]) =>
      calls
        .filter(
          ([channel, payload]) =>
            channel === 'settings:update' && 'pendingMailLanguage' in (payload as object),
        )
        .map(([, payload]) => (payload as { pendingMailLanguage: unknown }).pendingMailLanguage);
    const sentLanguages = (calls: [string, unknown][]) =>
      calls
        .filter(([channel]) => channel === 'portal:update-preferences')
        .map(([, payload]) => (payload as { body: { language?: string } }).body.language);

    it('says which language the office writes mail in when it is not the app’s, and changes it', async () => {
      const { state, table } = office('fr');
      await renderWithApp(<WithMail session={session} />, table);
      // The app follows this computer's language (English here); the office writes French.
      expect((await screen.findByText(mailNote)).textContent).toBe(
        'The office writes your mail (welcome, password and voicemail messages) in French.',
      );
      await userEvent.click(screen.getByRole('button', { name: 'Write my mail in English' }));
      await waitFor(() => expect(screen.queryByText(mailNote)).toBeNull());
      expect(state.language).toBe('en');
    });

    /** The app set to Spanish, as a Spanish-speaking person would have it. */
    const inSpanish = (table: ChannelAnswers): ChannelAnswers => ({
      ...table,
      'settings:get': () => ok({ ...DEFAULT_SETTINGS, language: 'es' }),
    });

    it('names the company’s language when the person never chose one, in Spanish too', async () => {
      await renderWithApp(<WithMail session={session} />, inSpanish(office(null).table), 'es');
      expect(
        await screen.findByText(
          'La oficina escribe su correo (bienvenida, contraseñas y mensajes de voz) en el idioma de la empresa: inglés.',
        ),
      ).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Escribir mi correo en español' })).toBeTruthy();
    });

    it('says nothing when the company’s language is already the app’s', async () => {
      const view = await renderWithApp(
        <WithMail session={session} />,
        inSpanish(office(null, undefined, 'es').table),
        'es',
      );
      await screen.findByLabelText('Idioma');
      await waitFor(() =>
        expect(view.calls.some(([channel]) => channel === 'portal:preferences')).toBe(true),
      );
      // The office's answer is in: still no note, and nothing was sent.
      await screen.findByRole('heading', { name: 'Preferencias de la extensión' });
      expect(screen.queryByText(/La oficina escribe su correo/)).toBeNull();
      expect(sentLanguages(view.calls)).toEqual([]);
    });

    it('tells the office the language chosen in the app; "system" sends the language the app shows', async () => {
      const { state, table } = office('en');
      const view = await renderWithApp(<WithMail session={session} />, table);
      await userEvent.selectOptions(await screen.findByLabelText('Language'), 'es');
      await waitFor(() => expect(state.language).toBe('es'));
      expect(screen.queryByText(mailNote)).toBeNull();
      await userEvent.selectOptions(screen.getByLabelText('Language'), 'system');
      await waitFor(() => expect(state.language).toBe('en'));
      expect(sentLanguages(view.calls)).toEqual(['es', 'en']);
    });

    it('offline: changes the app at once, says the office will be told, and tells it once back', async () => {
      let connection!: (state: ConnectionState) => void;
      function Online() {
        const [state, setState] = useState<ConnectionState>('online');
        connection = setState;
        return (
          <ConnectionContext.Provider value={state}>
            <WithMail session={session} />
          </ConnectionContext.Provider>
        );
      }
      let reachable = true;
      const { state, table } = office('en', () =>
        reachable ? null : { ok: false, error: { code: 'offline', message: 'x' } },
      );
      const view = await renderWithApp(<Online />, table);
      await screen.findByLabelText('Ring time (seconds)');
      reachable = false;
      act(() => connection('offline'));
      await userEvent.selectOptions(screen.getByLabelText('Language'), 'fr');
      expect((await screen.findByText(/Saved on this computer/)).textContent).toBe(
        'Saved on this computer. The office server cannot be reached now: it will write your mail in French once the app reaches it again.',
      );
      expect(screen.getByLabelText('Language')).toHaveProperty('value', 'fr');
      expect(state.language).toBe('en');

      // Kept on this computer too, in case the app closes before the office answers.
      expect(keptLanguages(view.calls)).toEqual([{ userId: session.user.id, language: 'fr' }]);

      reachable = true;
      act(() => connection('online'));
      await waitFor(() => expect(state.language).toBe('fr'));
      await waitFor(() => expect(screen.queryByText(/Saved on this computer/)).toBeNull());
      expect(sentLanguages(view.calls)).toEqual(['fr', 'fr']);
      expect(keptLanguages(view.calls)).toEqual([{ userId: session.user.id, language: 'fr' }, null]);
    });

    it('sends a change an earlier run of the app kept, once the office answers, and forgets it', async () => {
      const { state, table } = office('en');
      // Spanish chosen offline; the app closed before the office answered.
      let settings = {
        ...DEFAULT_SETTINGS,
        language: 'es' as const,
        pendingMailLanguage: { userId: session.user.id, language: 'es' as const },
      };
      const view = await renderWithApp(<WithMail session={session} />, {
        ...table,
        'settings:get': () => ok(settings),
        'settings:update': (patch) => ok((settings = { ...settings, ...(patch as object) })),
      });
      await waitFor(() => expect(state.language).toBe('es'));
      await waitFor(() => expect(settings.pendingMailLanguage).toBeNull());
      expect(sentLanguages(view.calls)).toEqual(['es']);
      expect(screen.queryByText(mailNote)).toBeNull();
    });

    it('leaves another person’s kept change alone', async () => {
      const { state, table } = office('en');
      const theirs = { userId: 'someone-else', language: 'fr' as const };
      const view = await renderWithApp(<WithMail session={session} />, {
        ...table,
        'settings:get': () => ok({ ...DEFAULT_SETTINGS, pendingMailLanguage: theirs }),
      });
      await screen.findByLabelText('Language');
      await waitFor(() =>
        expect(view.calls.some(([channel]) => channel === 'portal:preferences')).toBe(true),
      );
      expect(sentLanguages(view.calls)).toEqual([]);
      expect(keptLanguages(view.calls)).toEqual([]);
      expect(state.language).toBe('en');
    });

    it('says when the office refuses, and tries again on request', async () => {
      let refuse = true;
      const { state, table } = office('en', () =>
        refuse ? { ok: false, error: { code: 'internal_error', message: 'x' } } : null,
      );
      await renderWithApp(<WithMail session={session} />, table);
      await userEvent.selectOptions(await screen.findByLabelText('Language'), 'es');
      expect((await screen.findByRole('alert')).textContent).toContain(
        'The office could not be told the language of your mail.',
      );
      refuse = false;
      await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
      await waitFor(() => expect(state.language).toBe('es'));
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('without an extension the office keeps no mail language: nothing is sent or shown', async () => {
      const view = await renderWithApp(
        <WithMail session={{ ...session, user: { ...session.user, extension: null } }} />,
        answers({ 'portal:preferences': () => ({ ok: false, error: { code: 'not_found', message: 'x' } }) }),
      );
      await userEvent.selectOptions(await screen.findByLabelText('Language'), 'fr');
      expect(view.calls.at(-1)).toEqual(['settings:update', { language: 'fr' }]);
      expect(sentLanguages(view.calls)).toEqual([]);
      expect(screen.queryByText(mailNote)).toBeNull();
    });
  });
});
