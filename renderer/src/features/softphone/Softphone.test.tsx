import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, renderWithApp } from '../../test-support/render';
import { RegistrationStatus } from './RegistrationStatus';
import { InputLevelContext, type InputLevelSource } from './Softphone';
import { SoftphoneWithCalls } from './softphone-test-view';
import { REGISTERED, answers, call } from './softphone-test-data';

afterEach(cleanup);

const status = () => screen.getAllByRole('status')[0]!;

/** The softphone as the app shows it: under the header's registration state. */
function Phone() {
  return (
    <>
      <RegistrationStatus />
      <SoftphoneWithCalls />
    </>
  );
}

describe('Softphone registration', () => {
  it('says it is checking until main answers, then that it is ready', async () => {
    // The header's state and the dial pad each ask; both wait for main.
    const waiting: (() => void)[] = [];
    await renderWithApp(
      <Phone />,
      answers({
        'registration:state': () => new Promise((resolve) => waiting.push(() => resolve(ok(REGISTERED)))),
      }),
    );
    expect(status().textContent).toContain('Checking…');
    act(() => waiting.forEach((answer) => answer()));
    await waitFor(() => expect(status().textContent).toContain('Ready for calls'));
    expect(within(status()).queryByRole('button')).toBeNull();
  });

  it('says why it is not registered, counts down to the next attempt and retries now', async () => {
    const view = await renderWithApp(
      <Phone />,
      answers({
        'registration:state': () => ok({ state: 'failed', reason: 'server-unreachable', retryInSeconds: 8 }),
        'registration:retry': () => ok(null),
      }),
    );
    await waitFor(() =>
      expect(status().textContent).toMatch(/Not connected.*Server unreachable, retrying in [78] s/),
    );
    expect(screen.getByRole('button', { name: 'Call' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(view.calls.some(([channel]) => channel === 'registration:retry')).toBe(true);
    act(() => view.emit('registration:state-changed', REGISTERED));
    await waitFor(() => expect(status().textContent).toContain('Ready for calls'));
  });

  it('explains a softphone the office has not given, with nothing to retry', async () => {
    await renderWithApp(
      <Phone />,
      answers({
        'registration:state': () => ok({ state: 'failed', reason: 'no-softphone', retryInSeconds: null }),
      }),
    );
    await waitFor(() => expect(status().textContent).toContain('You have no softphone yet'));
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
  });

  it('shows offline when the office cannot be reached', async () => {
    const view = await renderWithApp(<Phone />, answers());
    await waitFor(() => expect(status().textContent).toContain('Ready for calls'));
    act(() => view.emit('app:connection-changed', { state: 'offline' }));
    expect(status().textContent).toContain('Offline');
    expect(status().textContent).toContain('calls wait until it can');
    act(() => view.emit('app:connection-changed', { state: 'online' }));
    expect(status().textContent).toContain('Ready for calls');
  });

  it('turns a failed question into words', async () => {
    await renderWithApp(
      <Phone />,
      answers({
        'registration:state': () => ({ ok: false, error: { code: 'not_signed_in', message: 'x' } }),
      }),
    );
    await waitFor(() => expect(status().textContent).toContain('Something went wrong'));
  });

  it('speaks French', async () => {
    await renderWithApp(<Phone />, answers(), 'fr');
    await waitFor(() => expect(status().textContent).toContain('Prêt pour les appels'));
    expect(screen.getByRole('button', { name: 'Appeler' })).toBeTruthy();
  });
});

describe('Softphone calls', () => {
  it('shows a skeleton while the calls load, then the dial pad', async () => {
    let answer!: () => void;
    await renderWithApp(
      <Phone />,
      answers({ 'calls:list': () => new Promise((resolve) => (answer = () => resolve(ok([])))) }),
    );
    expect(screen.getByRole('status', { name: 'Loading your calls' })).toBeTruthy();
    act(() => answer());
    await waitFor(() => expect(screen.queryByLabelText('Loading your calls')).toBeNull());
    expect(screen.getByRole('region', { name: 'Dial pad' })).toBeTruthy();
  });

  it('says when calls cannot be made in this build', async () => {
    await renderWithApp(
      <Phone />,
      answers({ 'calls:list': () => ({ ok: false, error: { code: 'unavailable', message: 'x' } }) }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Calls are not available right now.');
  });

  it('dials what is typed on Enter and shows the call', async () => {
    const view = await renderWithApp(
      <Phone />,
      answers({ 'calls:dial': () => ok(call({ state: 'dialing' })) }),
    );
    await waitFor(() => expect(status().textContent).toContain('Ready for calls'));
    await userEvent.type(screen.getByRole('combobox', { name: 'Number or colleague' }), '+1555{Enter}');
    expect(view.calls.filter(([channel]) => channel === 'calls:dial')).toEqual([
      ['calls:dial', { target: '+1555' }],
    ]);
    act(() => view.emit('calls:state-changed', call({ state: 'dialing' })));
    const card = screen.getByRole('region', { name: 'Grace Hopper' });
    expect(card.textContent).toContain('Calling…');
    expect(screen.queryByRole('region', { name: 'Dial pad' })).toBeNull();
    act(() => view.emit('calls:state-changed', call({ state: 'ended' })));
    expect(screen.queryByRole('region', { name: 'Grace Hopper' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Dial pad' })).toBeTruthy();
  });

  it('shows why a call could not be made', async () => {
    await renderWithApp(
      <Phone />,
      answers({ 'calls:dial': () => ({ ok: false, error: { code: 'offline', message: 'x' } }) }),
    );
    await waitFor(() => expect(status().textContent).toContain('Ready for calls'));
    await userEvent.type(screen.getByRole('combobox'), '101{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('The office server cannot be reached');
  });

  it('rings with Answer focused, and answers', async () => {
    const view = await renderWithApp(<Phone />, answers({ 'calls:answer': () => ok(null) }));
    await waitFor(() => expect(status().textContent).toContain('Ready for calls'));
    act(() => view.emit('calls:incoming', call({ id: 'in1', direction: 'incoming', state: 'ringing' })));
    const card = screen.getByRole('region', { name: 'Grace Hopper' });
    expect(card.textContent).toContain('Incoming call');
    const answer = within(card).getByRole('button', { name: 'Answer' });
    expect(document.activeElement).toBe(answer);
    await userEvent.keyboard('{Enter}');
    expect(
      view.calls.filter(([channel]) => channel.startsWith('calls:') && channel !== 'calls:list'),
    ).toEqual([['calls:answer', { callId: 'in1' }]]);
  });

  it('declines', async () => {
    const view = await renderWithApp(<Phone />, answers({ 'calls:decline': () => ok(null) }));
    act(() => view.emit('calls:incoming', call({ id: 'in1', direction: 'incoming', state: 'ringing' })));
    await userEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(view.calls.at(-1)).toEqual(['calls:decline', { callId: 'in1' }]);
  });

  it('offers call waiting during a call: hold the current one and answer', async () => {
    const view = await renderWithApp(
      <Phone />,
      answers({ 'calls:hold': () => ok(null), 'calls:answer': () => ok(null) }, [call()]),
    );
    await screen.findByRole('region', { name: 'Grace Hopper' });
    act(() =>
      view.emit(
        'calls:incoming',
        call({ id: 'in2', direction: 'incoming', state: 'ringing', remoteName: null, remoteNumber: '103' }),
      ),
    );
    const waiting = screen.getByRole('region', { name: '103' });
    expect(waiting.textContent).toContain('Call waiting');
    // Call waiting does not take the focus from the call in progress.
    expect(document.activeElement).not.toBe(within(waiting).getByRole('button', { name: 'Hold and answer' }));
    await userEvent.click(within(waiting).getByRole('button', { name: 'Hold and answer' }));
    expect(view.calls.slice(-2)).toEqual([
      ['calls:hold', { callId: 'c1' }],
      ['calls:answer', { callId: 'in2' }],
    ]);
  });

  it('times the call and mutes, holds and resumes it', async () => {
    const startedAt = new Date(Date.now() - 65_000).toISOString();
    const view = await renderWithApp(
      <Phone />,
      answers(
        { 'calls:mute': () => ok(null), 'calls:hold': () => ok(null), 'calls:resume': () => ok(null) },
        [call({ startedAt })],
      ),
    );
    const card = await screen.findByRole('region', { name: 'Grace Hopper' });
    expect(within(card).getByRole('timer').textContent).toMatch(/^1:0[5-7]$/);
    await userEvent.click(within(card).getByRole('button', { name: 'Mute' }));
    expect(view.calls.at(-1)).toEqual(['calls:mute', { callId: 'c1', muted: true }]);
    act(() => view.emit('calls:state-changed', call({ startedAt, muted: true })));
    expect(within(card).getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(within(card).getByRole('button', { name: 'Hold' }));
    expect(view.calls.at(-1)).toEqual(['calls:hold', { callId: 'c1' }]);
    act(() => view.emit('calls:state-changed', call({ startedAt, state: 'held' })));
    expect(within(card).getByRole('timer').textContent).toBe('On hold');
    await userEvent.click(within(card).getByRole('button', { name: 'Resume' }));
    expect(view.calls.at(-1)).toEqual(['calls:resume', { callId: 'c1' }]);
  });

  it.each([
    { language: 'en' as const, said: 'On hold by Grace Hopper' },
    { language: 'es' as const, said: 'Grace Hopper le ha puesto en espera' },
    { language: 'fr' as const, said: 'Grace Hopper vous a mis en attente' },
  ])('says who put this call on hold ($language), until they take it back', async ({ language, said }) => {
    const view = await renderWithApp(<Phone />, answers({}, [call({ remoteHold: true })]), language);
    const card = await screen.findByRole('region', { name: 'Grace Hopper' });
    expect(within(card).getByRole('timer').textContent).toBe(said);
    act(() => view.emit('calls:state-changed', call({ remoteHold: false })));
    expect(within(card).getByRole('timer').textContent).toMatch(/^\d+:\d\d$/);
  });

  it.each([
    {
      language: 'en' as const,
      trying: 'Transferring to Ada Lovelace…',
      failed: 'Transfer to Ada Lovelace failed: The line is busy.',
      done: 'Call with Grace Hopper transferred to Ada Lovelace',
      dismiss: 'Dismiss',
    },
    {
      language: 'es' as const,
      trying: 'Transfiriendo a Ada Lovelace…',
      failed: 'La transferencia a Ada Lovelace no se realizó: La línea está ocupada.',
      done: 'Llamada con Grace Hopper transferida a Ada Lovelace',
      dismiss: 'Cerrar',
    },
    {
      language: 'fr' as const,
      trying: 'Transfert vers Ada Lovelace…',
      failed: 'Le transfert vers Ada Lovelace a échoué : La ligne est occupée.',
      done: 'Appel avec Grace Hopper transféré vers Ada Lovelace',
      dismiss: 'Fermer',
    },
  ])(
    'tells the transferor how a transfer goes ($language), and that it took once the call ends',
    async (t) => {
      const view = await renderWithApp(<Phone />, answers({}, [call()]), t.language);
      const card = await screen.findByRole('region', { name: 'Grace Hopper' });
      const transfer = {
        by: 'this-phone' as const,
        target: '104',
        targetName: 'Ada Lovelace',
        failure: null,
      };
      act(() => view.emit('calls:state-changed', call({ transfer: { ...transfer, state: 'trying' } })));
      expect(within(card).getByRole('status').textContent).toBe(t.trying);
      act(() =>
        view.emit(
          'calls:state-changed',
          call({ transfer: { ...transfer, state: 'failed', failure: 'busy' } }),
        ),
      );
      expect(within(card).getByRole('status').textContent).toBe(t.failed);
      act(() =>
        view.emit('calls:state-changed', call({ state: 'ended', transfer: { ...transfer, state: 'done' } })),
      );
      expect(screen.queryByRole('region', { name: 'Grace Hopper' })).toBeNull();
      const told = screen.getByText(t.done);
      await userEvent.click(within(told.parentElement!).getByRole('button', { name: t.dismiss }));
      expect(screen.queryByText(t.done)).toBeNull();
    },
  );

  it.each([
    { language: 'en' as const, said: 'Transferred by Lucía García-Pérez' },
    { language: 'es' as const, said: 'Transferida por Lucía García-Pérez' },
    { language: 'fr' as const, said: 'Transféré par Lucía García-Pérez' },
  ])(
    'tells the transfer target who put the call through ($language), ringing and answered',
    async ({ language, said }) => {
      const transferredBy = { number: '105', name: 'Lucía García-Pérez' };
      const view = await renderWithApp(<Phone />, answers({ 'calls:answer': () => ok(null) }), language);
      act(() =>
        view.emit(
          'calls:incoming',
          call({ id: 'in1', direction: 'incoming', state: 'ringing', transferredBy }),
        ),
      );
      expect(await screen.findByText(said)).toBeTruthy();
      act(() => view.emit('calls:state-changed', call({ id: 'in1', direction: 'incoming', transferredBy })));
      expect(within(screen.getByRole('region', { name: 'Grace Hopper' })).getByText(said)).toBeTruthy();
    },
  );

  it('tells the transferee whom a transfer put them through to', async () => {
    const view = await renderWithApp(<Phone />, answers({}, [call()]), 'es');
    await screen.findByRole('region', { name: 'Grace Hopper' });
    const transfer = {
      by: 'other-side' as const,
      target: '104',
      targetName: 'Ada Lovelace',
      state: 'done' as const,
    };
    act(() =>
      view.emit(
        'calls:state-changed',
        call({ remoteNumber: '104', remoteName: 'Ada Lovelace', transfer: { ...transfer, failure: null } }),
      ),
    );
    const card = screen.getByRole('region', { name: 'Ada Lovelace' });
    expect(within(card).getByRole('status').textContent).toBe(
      'Llamada transferida: ahora habla con Ada Lovelace',
    );
  });

  it.each([
    {
      language: 'en' as const,
      failure: 'not-found' as const,
      said: 'Call to 999 not connected No one has this number.',
    },
    {
      language: 'es' as const,
      failure: 'busy' as const,
      said: 'La llamada a 999 no se conectó La línea está ocupada.',
    },
    {
      language: 'fr' as const,
      failure: 'unavailable' as const,
      said: 'L’appel vers 999 n’a pas abouti Cette personne ne peut pas prendre d’appels pour le moment.',
    },
  ])(
    'gives a call that did not connect a card saying why ($language)',
    async ({ language, failure, said }) => {
      const view = await renderWithApp(<Phone />, answers(), language);
      const failed = call({ remoteNumber: '999', remoteName: null, state: 'dialing' });
      act(() => view.emit('calls:state-changed', failed));
      act(() => view.emit('calls:state-changed', { ...failed, state: 'ended', failure }));
      const told = screen.getByText(said);
      expect(told.closest('[role="status"]')).not.toBeNull();
      // A call that ended without failing (hung up, cancelled) leaves nothing behind.
      act(() => view.emit('calls:state-changed', call({ id: 'c9', state: 'ended' })));
      expect(document.querySelectorAll('.call-outcome')).toHaveLength(1);
    },
  );

  it('sends tones from the keypad buttons and from the keyboard', async () => {
    const view = await renderWithApp(<Phone />, answers({ 'calls:send-dtmf': () => ok(null) }, [call()]));
    const card = await screen.findByRole('region', { name: 'Grace Hopper' });
    await userEvent.click(within(card).getByRole('button', { name: 'Keypad' }));
    const keys = within(card).getByRole('group', { name: 'Send tones' });
    await userEvent.click(within(keys).getByRole('button', { name: '5' }));
    await userEvent.keyboard('#');
    expect(view.calls.filter(([channel]) => channel === 'calls:send-dtmf')).toEqual([
      ['calls:send-dtmf', { callId: 'c1', tones: '5' }],
      ['calls:send-dtmf', { callId: 'c1', tones: '#' }],
    ]);
    expect(within(card).getByLabelText('Tones sent').textContent).toBe('5#');
  });

  it('transfers blind to a typed number', async () => {
    const view = await renderWithApp(<Phone />, answers({ 'calls:transfer': () => ok(null) }, [call()]));
    const card = await screen.findByRole('region', { name: 'Grace Hopper' });
    await userEvent.click(within(card).getByRole('button', { name: 'Transfer' }));
    expect(within(card).getByRole('button', { name: 'Transfer now' })).toHaveProperty('disabled', true);
    await userEvent.type(within(card).getByRole('combobox', { name: 'Transfer to' }), '+15550102030');
    await userEvent.click(within(card).getByRole('button', { name: 'Transfer now' }));
    expect(view.calls.at(-1)).toEqual(['calls:transfer', { callId: 'c1', target: '+15550102030' }]);
  });

  it('transfers blind to the only colleague listed for a typed name', async () => {
    const view = await renderWithApp(
      <Phone />,
      answers(
        {
          'calls:transfer': () => ok(null),
          'portal:directory': () =>
            ok({ items: [{ id: 'u4', name: 'Ada Lovelace', extension: '104' }], nextCursor: null }),
        },
        [call()],
      ),
    );
    const card = await screen.findByRole('region', { name: 'Grace Hopper' });
    await userEvent.click(within(card).getByRole('button', { name: 'Transfer' }));
    await userEvent.type(within(card).getByRole('combobox', { name: 'Transfer to' }), 'Ada');
    await within(card).findByRole('option', { name: /Ada Lovelace/ });
    await userEvent.click(within(card).getByRole('button', { name: 'Transfer now' }));
    expect(view.calls.at(-1)).toEqual(['calls:transfer', { callId: 'c1', target: '104' }]);
  });

  it('transfers attended: holds the caller, calls the target, then joins them', async () => {
    const consultation = call({
      id: 'c2',
      remoteName: 'Ada Lovelace',
      remoteNumber: '104',
      state: 'dialing',
    });
    const view = await renderWithApp(
      <Phone />,
      answers(
        {
          'calls:hold': () => ok(null),
          'calls:dial': () => ok(consultation),
          'calls:complete-transfer': () => ok(null),
        },
        [call()],
      ),
    );
    const card = await screen.findByRole('region', { name: 'Grace Hopper' });
    await userEvent.click(within(card).getByRole('button', { name: 'Transfer' }));
    await userEvent.type(within(card).getByRole('combobox', { name: 'Transfer to' }), '+4420');
    await userEvent.click(within(card).getByRole('button', { name: 'Talk to them first' }));
    expect(view.calls.slice(-2)).toEqual([
      ['calls:hold', { callId: 'c1' }],
      ['calls:dial', { target: '+4420' }],
    ]);
    act(() => {
      view.emit('calls:state-changed', call({ state: 'held' }));
      view.emit('calls:state-changed', { ...consultation, state: 'active' });
    });
    const consulting = screen.getByRole('region', { name: 'Ada Lovelace' });
    // One way to end each call: the consultation ends with Cancel transfer, the held call with Hang up.
    expect(within(consulting).queryByRole('button', { name: 'Hang up' })).toBeNull();
    expect(screen.getAllByRole('button', { name: /Hang up|Cancel/ }).map((b) => b.textContent)).toEqual([
      'Hang up',
      'Cancel transfer',
    ]);
    await userEvent.click(within(consulting).getByRole('button', { name: 'Complete transfer' }));
    expect(view.calls.at(-1)).toEqual([
      'calls:complete-transfer',
      { callId: 'c1', consultationCallId: 'c2' },
    ]);
  });

  it('cancels an attended transfer: ends the consultation and takes the caller back', async () => {
    const view = await renderWithApp(
      <Phone />,
      answers(
        {
          'calls:hold': () => ok(null),
          'calls:dial': () => ok(call({ id: 'c2', remoteName: 'Ada Lovelace', state: 'dialing' })),
          'calls:hang-up': () => ok(null),
          'calls:resume': () => ok(null),
        },
        [call()],
      ),
    );
    const card = await screen.findByRole('region', { name: 'Grace Hopper' });
    await userEvent.click(within(card).getByRole('button', { name: 'Transfer' }));
    await userEvent.type(within(card).getByRole('combobox', { name: 'Transfer to' }), '104');
    await userEvent.click(within(card).getByRole('button', { name: 'Talk to them first' }));
    act(() =>
      view.emit('calls:state-changed', call({ id: 'c2', remoteName: 'Ada Lovelace', state: 'ringing' })),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel transfer' }));
    expect(view.calls.slice(-2)).toEqual([
      ['calls:hang-up', { callId: 'c2' }],
      ['calls:resume', { callId: 'c1' }],
    ]);
  });

  it('hangs up', async () => {
    const view = await renderWithApp(<Phone />, answers({ 'calls:hang-up': () => ok(null) }, [call()]));
    await userEvent.click(await screen.findByRole('button', { name: 'Hang up' }));
    expect(view.calls.at(-1)).toEqual(['calls:hang-up', { callId: 'c1' }]);
  });
});

describe('Softphone microphone level', () => {
  it('draws nothing without a level source', async () => {
    await renderWithApp(<Phone />, answers());
    expect(screen.queryByRole('meter')).toBeNull();
  });

  it('follows the level source, clamped to 0…1, and stops listening when gone', async () => {
    const listeners = new Set<(level: number) => void>();
    const source: InputLevelSource = {
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const view = await renderWithApp(
      <InputLevelContext.Provider value={source}>
        <Phone />
      </InputLevelContext.Provider>,
      answers(),
    );
    const meter = screen.getByRole('meter', { name: 'Microphone level' });
    act(() => listeners.forEach((listener) => listener(0.42)));
    expect(meter).toHaveProperty('value', 0.42);
    act(() => listeners.forEach((listener) => listener(7)));
    expect(meter).toHaveProperty('value', 1);
    view.unmount();
    expect(listeners.size).toBe(0);
  });
});
