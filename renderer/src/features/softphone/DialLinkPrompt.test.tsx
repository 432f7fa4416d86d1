import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, renderWithApp } from '../../test-support/render';
import { DialLinkPrompt } from './DialLinkPrompt';

afterEach(cleanup);

/** The prompt, with the targets its Call button hands over. */
async function prompt(asked: { target: string } | null, language: 'en' | 'es' | 'fr' = 'en') {
  const called: string[] = [];
  const view = await renderWithApp(
    <DialLinkPrompt onCall={(target) => called.push(target)} />,
    { 'calls:link-to-confirm': () => ok(asked), 'calls:link-answered': () => ok(null) },
    language,
  );
  return {
    view,
    called,
    answered: () => view.calls.filter(([channel]) => channel === 'calls:link-answered'),
  };
}

describe('DialLinkPrompt', () => {
  it('asks about the link main was holding when the window opened; Call answers it and hands it over', async () => {
    const { called, answered } = await prompt({ target: '+15551234' });
    const question = await screen.findByRole('alertdialog', { name: 'Call +15551234?' });
    expect(question.textContent).toContain('A link opened outside Switchboard');
    // The safe answer has the focus.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(called).toEqual(['+15551234']);
    expect(answered()).toEqual([['calls:link-answered', { target: '+15551234' }]]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('asks nothing until a link comes, and Cancel (or Escape) dials nothing', async () => {
    const { view, called, answered } = await prompt(null);
    await act(async () => undefined);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => view.emit('calls:link-to-confirm-changed', { target: 'sip:104@office.example.com' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    act(() => view.emit('calls:link-to-confirm-changed', { target: '102' }));
    await userEvent.keyboard('{Escape}');
    expect(called).toEqual([]);
    expect(answered()).toEqual([
      ['calls:link-answered', { target: 'sip:104@office.example.com' }],
      ['calls:link-answered', { target: '102' }],
    ]);
  });

  it('closes when the link was answered on another page', async () => {
    const { view, answered } = await prompt({ target: '102' });
    await screen.findByRole('alertdialog');
    act(() => view.emit('calls:link-to-confirm-changed', null));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(answered()).toEqual([]);
  });

  it.each([
    ['es', '¿Llamar a 102?', 'Llamar', 'Cancelar'],
    ['fr', 'Appeler 102 ?', 'Appeler', 'Annuler'],
  ] as const)('asks in %s', async (language, title, call, cancel) => {
    await prompt({ target: '102' }, language);
    expect(await screen.findByRole('alertdialog', { name: title })).toBeTruthy();
    expect(screen.getByRole('button', { name: call })).toBeTruthy();
    expect(screen.getByRole('button', { name: cancel })).toBeTruthy();
  });
});
