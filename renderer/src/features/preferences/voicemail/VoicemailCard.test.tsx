// The voicemail card of Preferences: the PIN (its rules as typed, the office's refusal in words) and
// the greeting (the person's own played, a new one checked, played and sent in parts, the standard
// one back). The microphone's recording is driven in real Chromium (tests/e2e).
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../../common/ipc/domains/settings';
import { GREETING_PART_BYTES } from '../../../../../common/ipc/domains/voicemail';
import { failure } from '../../admin/test-support/fixtures';
import { ok, renderWithApp, type ChannelAnswers } from '../../../test-support/render';
import type * as GreetingFile from './greeting-file';
import { VoicemailCard } from './VoicemailCard';

// The browser reads a file's length; jsdom plays nothing, so the length is the test's to say.
const lengths = vi.hoisted(() => ({ seconds: 8 as number | null }));
vi.mock('./greeting-file', async (original) => ({
  ...(await original<typeof GreetingFile>()),
  audioSeconds: async () => lengths.seconds,
}));

afterEach(cleanup);
beforeEach(() => {
  lengths.seconds = 8;
  let made = 0;
  URL.createObjectURL = () => `blob:local-${++made}`;
  URL.revokeObjectURL = () => undefined;
});

function answers(overrides: ChannelAnswers = {}): ChannelAnswers {
  return {
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'voicemail:greeting': () => ok(null),
    'voicemail:set-pin': () => ok(null),
    'voicemail:upload-greeting': () => ok(null),
    'voicemail:delete-greeting': () => ok(null),
    ...overrides,
  };
}

const rule = (text: string | RegExp) => screen.getByText(text).closest('li')!;
const said = (text: string) =>
  waitFor(() =>
    expect(screen.getAllByRole('status').some((region) => region.textContent === text)).toBe(true),
  );

describe('the voicemail PIN', () => {
  it('says which rule an easy PIN breaks as it is typed, and saves one that breaks none', async () => {
    const view = await renderWithApp(<VoicemailCard extension="7104" />, answers());
    const pin = screen.getByLabelText('New PIN');
    const save = screen.getByRole('button', { name: 'Save PIN' });
    await userEvent.type(pin, '1234');
    expect(rule('Too easy to guess: consecutive digits').className).toBe('unmet');
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(pin);
    await userEvent.type(pin, '4017');
    expect(rule('Too easy to guess: your extension number').className).toBe('unmet');
    await userEvent.clear(pin);
    await userEvent.type(pin, '12a');
    // Only digits go in.
    expect(pin).toHaveProperty('value', '12');
    expect(rule('4 to 10 digits').className).toBe('unmet');
    await userEvent.clear(pin);
    await userEvent.type(pin, '2580');
    expect(rule(/^Not easy to guess/).className).toBe('met');
    expect(save).toHaveProperty('disabled', true);
    await userEvent.type(screen.getByLabelText('Confirm PIN'), '2580');
    expect(rule('The same PIN typed twice').className).toBe('met');
    await userEvent.click(save);
    await said('Your voicemail PIN is saved.');
    expect(view.calls.find(([channel]) => channel === 'voicemail:set-pin')![1]).toEqual({
      body: { pin: '2580' },
    });
    expect(screen.getByLabelText('New PIN')).toHaveProperty('value', '');
  });

  it('words the office’s refusal of a PIN, in Spanish too', async () => {
    await renderWithApp(
      <VoicemailCard extension="104" />,
      answers({ 'voicemail:set-pin': () => failure('invalid_field', 'body.pin') }),
      'es',
    );
    await userEvent.type(screen.getByLabelText('PIN nuevo'), '7391');
    await userEvent.type(screen.getByLabelText('Confirmar PIN'), '7391');
    await userEvent.click(screen.getByRole('button', { name: 'Guardar PIN' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'La oficina rechazó este PIN: es demasiado fácil de adivinar. Elija otro.',
    );
    expect(screen.getByLabelText('PIN nuevo').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('the greeting', () => {
  const file = (name: string, type: string, bytes: number) =>
    new File([new Uint8Array(bytes).fill(7)], name, { type });

  it('says whether callers hear the person’s own greeting, and plays it', async () => {
    await renderWithApp(
      <VoicemailCard extension="104" />,
      answers({ 'voicemail:greeting': () => ok({ data: btoa('RIFF'), audioType: 'audio/wav' }) }),
    );
    expect(await screen.findByText('Callers hear your own greeting.')).toBeTruthy();
    expect((await screen.findByLabelText('Your greeting')).getAttribute('src')).toMatch(/^blob:/);
    expect(screen.getByRole('button', { name: 'Use the standard greeting' })).toBeTruthy();
  });

  it('refuses a file the office would not take, before sending it', async () => {
    const view = await renderWithApp(<VoicemailCard extension="104" />, answers());
    const upload = await screen.findByLabelText('Upload a greeting (WAV or MP3)');
    expect(screen.getByText('At most 5 MB and 2 min.')).toBeTruthy();
    await userEvent.upload(upload, file('greeting.ogg', 'audio/ogg', 10), { applyAccept: false });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Choose a WAV or MP3 file: the office takes no other kind.',
    );
    await userEvent.upload(upload, file('big.wav', 'audio/wav', 5 * 1024 * 1024 + 200_000));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This file is 5.2 MB; a greeting may be at most 5 MB.',
    );
    lengths.seconds = 131;
    await userEvent.upload(upload, file('long.mp3', 'audio/mpeg', 1000));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This greeting lasts 2 min, 11 sec; it may last at most 2 min.',
    );
    expect(view.calls.some(([channel]) => channel === 'voicemail:upload-greeting')).toBe(false);
  });

  it('plays a chosen file before it is saved, then sends it in order, in parts', async () => {
    const parts: { index: number; count: number; type: string; size: number }[] = [];
    await renderWithApp(
      <VoicemailCard extension="104" />,
      answers({
        'voicemail:upload-greeting': (payload) => {
          const part = payload as { index: number; count: number; type: string; data: string };
          parts.push({ index: part.index, count: part.count, type: part.type, size: atob(part.data).length });
          return ok(null);
        },
      }),
    );
    const size = GREETING_PART_BYTES * 2 + 10;
    await userEvent.upload(
      await screen.findByLabelText('Upload a greeting (WAV or MP3)'),
      file('hola.mp3', '', size),
    );
    expect(await screen.findByText('The file you chose (hola.mp3), not saved yet:')).toBeTruthy();
    expect(screen.getByLabelText('New greeting').getAttribute('src')).toMatch(/^blob:/);
    await userEvent.click(screen.getByRole('button', { name: 'Save as my greeting' }));
    await said('Your new greeting is saved: callers hear it from now on.');
    expect(parts).toEqual([
      { index: 0, count: 3, type: 'audio/mpeg', size: GREETING_PART_BYTES },
      { index: 1, count: 3, type: 'audio/mpeg', size: GREETING_PART_BYTES },
      { index: 2, count: 3, type: 'audio/mpeg', size: 10 },
    ]);
    expect(screen.queryByLabelText('New greeting')).toBeNull();
  });

  it('words the office’s refusal of a file and keeps it to try again', async () => {
    await renderWithApp(
      <VoicemailCard extension="104" />,
      answers({ 'voicemail:upload-greeting': () => failure('bad_request', 'body') }),
      'fr',
    );
    await userEvent.upload(
      await screen.findByLabelText('Envoyer un message d’accueil (WAV ou MP3)'),
      file('accueil.wav', 'audio/wav', 100),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Utiliser comme message d’accueil' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Le bureau n’a pas pu lire ce fichier/);
    expect(screen.getByLabelText('Nouveau message d’accueil')).toBeTruthy();
  });

  it('goes back to the standard greeting after asking', async () => {
    let own = true;
    const view = await renderWithApp(
      <VoicemailCard extension="104" />,
      answers({
        'voicemail:greeting': () => ok(own ? { data: btoa('RIFF'), audioType: 'audio/wav' } : null),
        'voicemail:delete-greeting': () => ((own = false), ok(null)),
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Use the standard greeting' }));
    const ask = screen.getByRole('alertdialog', { name: 'Go back to the standard greeting?' });
    await userEvent.click(within(ask).getByRole('button', { name: 'Use the standard greeting' }));
    await said('Callers now hear the standard greeting.');
    expect(await screen.findByText('Callers hear the standard greeting.')).toBeTruthy();
    expect(view.calls.filter(([channel]) => channel === 'voicemail:delete-greeting')).toHaveLength(1);
  });

  it('says why the microphone cannot record', async () => {
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia: () => Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' })),
      },
    });
    await renderWithApp(<VoicemailCard extension="104" />, answers());
    await userEvent.click(await screen.findByRole('button', { name: 'Record from the microphone' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Switchboard may not use the microphone/);
  });
});
