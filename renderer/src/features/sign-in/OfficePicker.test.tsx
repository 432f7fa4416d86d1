import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, renderWithApp } from '../../test-support/render';
import { OfficePicker, officeAddress } from './OfficePicker';

afterEach(cleanup);

const info = (mode: 'embedded' | 'remote', url: string) =>
  ok({ version: '1', host: 'browser', office: { mode, url } });
const embedded = info('embedded', 'http://127.0.0.1:8080');

describe('officeAddress', () => {
  it('reads a bare host as https and keeps a typed scheme', () => {
    expect(officeAddress(' phones.example.com/ ')).toBe('https://phones.example.com');
    expect(officeAddress('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080');
  });
});

describe('OfficePicker', () => {
  it('shows a skeleton, then the office on this computer preselected', async () => {
    await renderWithApp(<OfficePicker />, { 'app:info': () => new Promise(() => undefined) });
    expect(screen.getByRole('status', { name: 'Loading the office server' })).toBeTruthy();
    cleanup();
    await renderWithApp(<OfficePicker />, { 'app:info': () => embedded });
    expect((await screen.findByText('This computer')).tagName).toBe('STRONG');
  });

  it('checks another address before using it, and can go back to this computer', async () => {
    const view = await renderWithApp(<OfficePicker />, {
      'app:info': () => embedded,
      'app:use-office': (payload) => {
        const { url } = payload as { url: string | null };
        return url === null ? embedded : info('remote', url);
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Change' }));
    expect(screen.getByRole('group', { name: 'Office server' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Server address'), 'pbx.example.com{Enter}');
    expect(view.calls.at(-1)).toEqual(['app:use-office', { url: 'https://pbx.example.com' }]);
    expect((await screen.findByText('pbx.example.com')).tagName).toBe('STRONG');
    await userEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(screen.getByLabelText('This computer')).toHaveProperty('checked', true);
    await userEvent.click(screen.getByRole('button', { name: 'Use this office' }));
    expect(view.calls.at(-1)).toEqual(['app:use-office', { url: null }]);
    expect((await screen.findByText('This computer')).tagName).toBe('STRONG');
  });

  it.each([
    ['offline', 'No office server answers at that address. Check the address and your network.'],
    ['not_an_office', 'That address answers, but it is not a Switchboard office server. Check the address.'],
    ['invalid_request', 'That is not a server address. Type it like phones.example.com.'],
  ])('explains %s and keeps the typed address', async (code, sentence) => {
    await renderWithApp(<OfficePicker />, {
      'app:info': () => embedded,
      'app:use-office': () => ({ ok: false, error: { code: code as never, message: 'raw' } }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Change' }));
    await userEvent.type(screen.getByLabelText('Server address'), 'pbx.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Use this office' }));
    expect((await screen.findByRole('alert')).textContent).toBe(sentence);
    expect(screen.getByLabelText('Server address')).toHaveProperty('value', 'pbx.example.com');
    expect(screen.getByLabelText('Server address').getAttribute('aria-invalid')).toBe('true');
  });

  it('offers no office on this computer when this launch runs none', async () => {
    await renderWithApp(<OfficePicker />, { 'app:info': () => info('remote', 'https://pbx.example.com') });
    await userEvent.click(await screen.findByRole('button', { name: 'Change' }));
    expect(screen.queryByLabelText('This computer')).toBeNull();
    expect(screen.getByLabelText('Server address')).toHaveProperty('value', 'https://pbx.example.com');
  });

  it('speaks Spanish', async () => {
    await renderWithApp(<OfficePicker />, { 'app:info': () => embedded }, 'es');
    expect((await screen.findByText('Este equipo')).tagName).toBe('STRONG');
  });
});
