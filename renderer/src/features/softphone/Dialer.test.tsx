import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, renderWithApp } from '../../test-support/render';
import { Dialer } from './Dialer';

afterEach(cleanup);

const colleagues = [
  { id: 'u2', name: 'Ana García', extension: '102' },
  { id: 'u3', name: 'Anatole Brun', extension: '107' },
];
const directory = (items = colleagues) => ({ 'portal:directory': () => ok({ items, nextCursor: null }) });
const field = () => screen.getByRole('combobox', { name: 'Number or colleague' });

describe('Dialer', () => {
  it('types with the keys, keeps the focus in the field, deletes and calls', async () => {
    const onDial = vi.fn();
    await renderWithApp(<Dialer onDial={onDial} disabled={false} />, directory([]));
    for (const key of ['2', '0', 'Star', '3'])
      await userEvent.click(screen.getByRole('button', { name: key }));
    expect(field()).toHaveProperty('value', '20*3');
    expect(document.activeElement).toBe(field());
    expect(screen.getByRole('button', { name: '2' }).textContent).toBe('2ABC');
    await userEvent.click(screen.getByRole('button', { name: 'Delete last digit' }));
    expect(field()).toHaveProperty('value', '20*');
    await userEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(onDial).toHaveBeenCalledWith('20*');
    expect(field()).toHaveProperty('value', '');
  });

  it('cleans a pasted number', async () => {
    const onDial = vi.fn();
    await renderWithApp(<Dialer onDial={onDial} disabled={false} />, directory([]));
    await userEvent.click(field());
    await userEvent.paste('+1 (555) 010-2030');
    expect(field()).toHaveProperty('value', '+15550102030');
    await userEvent.keyboard('{Enter}');
    expect(onDial).toHaveBeenCalledWith('+15550102030');
  });

  it('finds colleagues by name; arrows pick one and Enter calls their extension', async () => {
    const onDial = vi.fn();
    const view = await renderWithApp(<Dialer onDial={onDial} disabled={false} />, directory());
    await userEvent.type(field(), 'ana');
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Ana García102', 'Anatole Brun107']);
    expect(view.calls.at(-1)).toEqual(['portal:directory', { query: { search: 'ana', limit: 8 } }]);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(field().getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{Enter}');
    expect(onDial).toHaveBeenCalledWith('107');
  });

  it('calls the only colleague found on Enter or with the Call button, and one picked with the mouse', async () => {
    const onDial = vi.fn();
    await renderWithApp(<Dialer onDial={onDial} disabled={false} />, directory([colleagues[0]!]));
    await userEvent.type(field(), 'García');
    await screen.findByRole('option');
    await userEvent.keyboard('{Enter}');
    expect(onDial).toHaveBeenLastCalledWith('102');
    await userEvent.type(field(), 'Gar');
    await userEvent.click(await screen.findByRole('option'));
    expect(onDial).toHaveBeenCalledTimes(2);
    await userEvent.type(field(), 'Ana');
    await screen.findByRole('option');
    await userEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(onDial).toHaveBeenCalledTimes(3);
    expect(onDial).toHaveBeenLastCalledWith('102');
  });

  it('with several colleagues listed, the Call button waits for one to be picked', async () => {
    const onDial = vi.fn();
    await renderWithApp(<Dialer onDial={onDial} disabled={false} />, directory());
    const call = () => screen.getByRole('button', { name: 'Call' });
    await userEvent.type(field(), 'ana');
    await screen.findAllByRole('option');
    expect(call()).toHaveProperty('disabled', true);
    await userEvent.keyboard('{ArrowDown}');
    expect(call()).toHaveProperty('disabled', false);
    await userEvent.click(call());
    expect(onDial).toHaveBeenLastCalledWith('102');
  });

  it('says when no colleague matches, and that a name alone cannot be dialled', async () => {
    const onDial = vi.fn();
    await renderWithApp(<Dialer onDial={onDial} disabled={false} />, directory([]));
    await userEvent.type(field(), 'Zoe');
    expect(await screen.findByText('No colleague matches “Zoe”.')).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByText('Type a number, or pick a colleague from the list.')).toBeTruthy();
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(onDial).not.toHaveBeenCalled();
  });

  it('says when the directory cannot be searched, and still dials numbers', async () => {
    const onDial = vi.fn();
    await renderWithApp(<Dialer onDial={onDial} disabled={false} />, {
      'portal:directory': () => ({ ok: false, error: { code: 'offline', message: 'x' } }),
    });
    await userEvent.type(field(), '10');
    await waitFor(() =>
      expect(screen.getByText(/Colleagues could not be searched\. The office server/)).toBeTruthy(),
    );
    await userEvent.keyboard('{Enter}');
    expect(onDial).toHaveBeenCalledWith('10');
  });

  it('does not search for outside numbers', async () => {
    const view = await renderWithApp(<Dialer onDial={() => undefined} disabled={false} />, directory([]));
    await userEvent.type(field(), '+34911');
    expect(screen.queryByText('Searching colleagues…')).toBeNull();
    expect(view.calls).toEqual([]);
  });

  it('does not dial while disabled', async () => {
    const onDial = vi.fn();
    await renderWithApp(<Dialer onDial={onDial} disabled={true} />, directory([]));
    await userEvent.type(field(), '101{Enter}');
    expect(onDial).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Call' })).toHaveProperty('disabled', true);
  });
});
