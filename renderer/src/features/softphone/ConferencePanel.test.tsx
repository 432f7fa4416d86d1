import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveConference } from '../../../../common/api/conferences';
import { ok, renderWithApp } from '../../test-support/render';
import { failure } from '../admin/test-support/fixtures';
import { ConferencePanel } from './ConferencePanel';

afterEach(cleanup);

const seat = (id: string, name: string | null, number: string, extra: object = {}) => ({
  id,
  name,
  number,
  moderator: false,
  muted: false,
  joinedAt: '2026-12-07T08:00:00.000Z',
  ...extra,
});

const weekly = (
  moderator: boolean,
  participants = [seat('s1', 'Ana Ruiz', '101', { moderator: true }), seat('s2', 'Ben Ode', '102')],
): LiveConference => ({
  id: 'c1',
  name: 'Weekly',
  extension: '700',
  moderator,
  participants,
});

describe('ConferencePanel', () => {
  it('shows nothing while the person is in no conference', async () => {
    const view = await renderWithApp(<ConferencePanel />, { 'portal:conferences': () => ok({ items: [] }) });
    await waitFor(() => expect(view.calls).toHaveLength(1));
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('lists who is in the conference, and follows the office’s pushes as people come and are muted', async () => {
    let answer = weekly(false);
    const view = await renderWithApp(<ConferencePanel />, {
      'portal:conferences': () => ok({ items: [answer] }),
    });
    const card = await screen.findByRole('region', { name: 'Conference Weekly' });
    const list = within(card).getByRole('list', { name: 'Participants' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Ana Ruiz 101 Moderator', 'Ben Ode 102']);
    // A participant who is no moderator has nothing to press.
    expect(within(card).queryByRole('button')).toBeNull();

    answer = weekly(false, [
      ...answer.participants.map((p) => (p.id === 's2' ? { ...p, muted: true } : p)),
      seat('s3', null, '103'),
    ]);
    act(() => view.emit('portal:conference-changed', { type: 'conference', id: 'c1', conference: answer }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Ana Ruiz 101 Moderator', 'Ben Ode 102 Muted', 'Extension 103 103']);
  });

  it('lets a moderator mute, unmute and remove, and says why the office refused', async () => {
    let refuse = false;
    const view = await renderWithApp(<ConferencePanel />, {
      'portal:conferences': () =>
        ok({
          items: [
            weekly(true, [
              seat('s1', 'Ana Ruiz', '101', { moderator: true }),
              seat('s2', 'Ben Ode', '102', { muted: true }),
            ]),
          ],
        }),
      'portal:mute-conference-participant': () => (refuse ? failure('forbidden') : ok(null)),
      'portal:remove-conference-participant': () => ok(null),
    });
    const card = await screen.findByRole('region', { name: 'Conference Weekly' });
    await userEvent.click(within(card).getByRole('button', { name: 'Unmute Ben Ode' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Mute Ana Ruiz' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Remove Ben Ode' }));
    const sent = view.calls.filter(([channel]) => channel !== 'portal:conferences');
    expect(sent).toEqual([
      ['portal:mute-conference-participant', { id: 's2', body: { muted: false } }],
      ['portal:mute-conference-participant', { id: 's1', body: { muted: true } }],
      ['portal:remove-conference-participant', { id: 's2' }],
    ]);
    refuse = true;
    await userEvent.click(within(card).getByRole('button', { name: 'Mute Ana Ruiz' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
