// The console's music on hold: the files with their length, a preview fetched when asked, the
// company's default chosen in the row, an upload sent in parts after the checks that can be made
// here, and a deletion the office refuses while the music is in use.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GREETING_PART_BYTES } from '../../../../../common/ipc/domains/voicemail';
import { ok } from '../../../test-support/render';
import { failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction } from '../test-support/row-menu';

afterEach(cleanup);
beforeEach(() => {
  URL.createObjectURL = () => 'blob:music';
  URL.revokeObjectURL = () => undefined;
});

const jazz = {
  id: 'm1',
  name: 'Jazz',
  durationSeconds: 95,
  isDefault: true,
  createdAt: '2026-11-01T09:00:00.000Z',
};
const rain = {
  id: 'm2',
  name: 'Rain',
  durationSeconds: 30,
  isDefault: false,
  createdAt: '2026-11-02T09:00:00.000Z',
};
const file = (name: string, type: string, bytes: number) =>
  new File([new Uint8Array(bytes).fill(7)], name, { type });
const said = (text: string) =>
  waitFor(() =>
    expect(screen.getAllByRole('status').some((region) => region.textContent === text)).toBe(true),
  );

describe('MusicPanel', () => {
  it('lists the music with its length, plays it when asked, and changes the company’s default', async () => {
    const view = await openConsoleAt('Music on hold', {
      'admin:list-music': () => ok({ items: [jazz, rain] }),
      'admin:music-audio': () => ok({ data: btoa('RIFF'), audioType: 'audio/wav' }),
      'admin:set-default-music': (request) => ok((request as { body: unknown }).body),
    });
    expect(await screen.findByRole('cell', { name: '1 min, 35 sec' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Company default: Jazz' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByRole('button', { name: 'Company default: Rain' }).textContent).toBe('Make default');
    // Nothing is fetched until the admin asks to listen.
    expect(view.calls.some(([channel]) => channel === 'admin:music-audio')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Play Rain' }));
    const player = await screen.findByLabelText('Play Rain');
    expect(player.tagName).toBe('AUDIO');
    expect(player.getAttribute('src')).toBe('blob:music');
    expect(view.calls.filter(([channel]) => channel === 'admin:music-audio').at(-1)![1]).toEqual({
      id: 'm2',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Company default: Rain' }));
    await said('Callers on hold now hear Rain.');
    expect(view.calls.filter(([channel]) => channel === 'admin:set-default-music').at(-1)![1]).toEqual({
      body: { musicId: 'm2' },
    });
  });

  it('checks a file before sending it, then sends it in order, in parts, with its name', async () => {
    const parts: { name: string; type: string; index: number; count: number; size: number }[] = [];
    await openConsoleAt('Music on hold', {
      'admin:list-music': () => ok({ items: [] }),
      'admin:upload-music': (payload) => {
        const part = payload as { name: string; type: string; index: number; count: number; data: string };
        parts.push({ ...part, size: atob(part.data).length, data: undefined } as never);
        return ok(part.index === part.count - 1 ? { ...rain, name: part.name } : null);
      },
    });
    expect(await screen.findByText(/No music yet/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Upload music' }));
    const form = screen.getByRole('dialog', { name: 'Upload music' });
    const input = within(form).getByLabelText('Audio file (WAV or MP3)');
    expect(within(form).getByText('At most 20 MB and 10 min.')).toBeTruthy();
    await userEvent.upload(input, file('song.ogg', 'audio/ogg', 10), { applyAccept: false });
    expect((await within(form).findByRole('alert')).textContent).toBe('Choose a WAV or MP3 file.');
    await userEvent.upload(input, file('huge.wav', 'audio/wav', 20 * 1024 * 1024 + 300_000));
    expect((await within(form).findByRole('alert')).textContent).toMatch(
      /^This file is 20\.3 MB; music may be at most 20 MB/,
    );
    await userEvent.upload(input, file('Soft rain.mp3', '', GREETING_PART_BYTES + 5));
    // The name comes from the file until the admin types one.
    expect(within(form).getByLabelText('Name')).toHaveProperty('value', 'Soft rain');
    await userEvent.click(within(form).getByRole('button', { name: 'Upload' }));
    await said('Soft rain saved.');
    expect(parts).toEqual([
      { name: 'Soft rain', type: 'audio/mpeg', index: 0, count: 2, size: GREETING_PART_BYTES },
      { name: 'Soft rain', type: 'audio/mpeg', index: 1, count: 2, size: 5 },
    ]);
  });

  it('keeps music the company or a group uses, saying why', async () => {
    await openConsoleAt('Music on hold', {
      'admin:list-music': () => ok({ items: [jazz] }),
      'admin:delete-music': () => failure('in_use'),
    });
    await chooseAction('Jazz', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Jazz?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('still in use');
  });

  it('speaks Spanish and French', async () => {
    await openConsoleAt(
      'Música en espera',
      { 'admin:list-music': () => ok({ items: [rain] }) },
      { language: 'es' },
    );
    const es = await screen.findByRole('button', { name: 'Predeterminada de la empresa: Rain' });
    expect(es.textContent).toBe('Hacer predeterminada');
    cleanup();
    await openConsoleAt(
      'Musique d’attente',
      { 'admin:list-music': () => ok({ items: [rain] }) },
      { language: 'fr' },
    );
    const fr = await screen.findByRole('button', { name: 'Musique par défaut de l’entreprise : Rain' });
    expect(fr.textContent).toBe('Choisir par défaut');
  });
});
