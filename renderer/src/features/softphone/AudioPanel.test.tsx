import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/ipc/domains/settings';
import { ok, renderWithApp } from '../../test-support/render';
import { SoftphoneWithCalls } from './softphone-test-view';
import { answers, call } from './softphone-test-data';

/** jsdom has no audio devices: this stands in for the browser's list, plugging and unplugging. */
class Devices extends EventTarget {
  list: Partial<MediaDeviceInfo>[] = [
    { kind: 'audioinput', deviceId: 'default', label: 'Default' },
    { kind: 'audioinput', deviceId: 'mic-usb', label: 'USB headset' },
    { kind: 'audioinput', deviceId: 'mic-2', label: '' },
    { kind: 'audiooutput', deviceId: 'spk-usb', label: 'USB headset' },
    { kind: 'videoinput', deviceId: 'cam', label: 'Camera' },
  ];
  enumerateDevices = async () => this.list as MediaDeviceInfo[];
}

let devices: Devices;
beforeEach(() => {
  devices = new Devices();
  Object.defineProperty(navigator, 'mediaDevices', { value: devices, configurable: true });
});
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

const openAudio = async () => userEvent.click(await screen.findByRole('button', { name: 'Audio' }));
const optionsOf = (label: string) =>
  within(screen.getByLabelText(label))
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('Softphone audio', () => {
  it('lists microphones and speakers, naming the ones the browser does not', async () => {
    await renderWithApp(<SoftphoneWithCalls />, answers());
    await openAudio();
    await screen.findByRole('option', { name: 'Microphone 2' });
    expect(optionsOf('Microphone')).toEqual(['System default', 'USB headset', 'Microphone 2']);
    expect(optionsOf('Speaker')).toEqual(['System default', 'USB headset']);
    expect(optionsOf('Ring on')).toEqual(['System default', 'USB headset']);
    expect(optionsOf('Ringtone')).toEqual(['Classic', 'Soft', 'Digital', 'Silent']);
  });

  it('switches the microphone during a call and keeps the choice', async () => {
    const chosen = { ...DEFAULT_SETTINGS.audio, microphone: 'mic-usb' };
    const view = await renderWithApp(
      <SoftphoneWithCalls />,
      answers({ 'audio:choose-devices': () => ok(chosen) }, [call()]),
    );
    await screen.findByRole('region', { name: 'Grace Hopper' });
    await openAudio();
    await screen.findByRole('option', { name: 'Microphone 2' });
    await userEvent.selectOptions(screen.getByLabelText('Microphone'), 'mic-usb');
    expect(view.calls.at(-1)).toEqual(['audio:choose-devices', { microphone: 'mic-usb' }]);
    act(() => view.emit('settings:changed', { ...DEFAULT_SETTINGS, audio: chosen }));
    expect(screen.getByLabelText('Microphone')).toHaveProperty('value', 'mic-usb');
  });

  it('changes the ringtone', async () => {
    const view = await renderWithApp(
      <SoftphoneWithCalls />,
      answers({ 'settings:update': () => ok({ ...DEFAULT_SETTINGS, ringtone: 'soft' }) }),
    );
    await openAudio();
    await userEvent.selectOptions(await screen.findByLabelText('Ringtone'), 'soft');
    expect(view.calls.at(-1)).toEqual(['settings:update', { ringtone: 'soft' }]);
  });

  it('lists a device plugged in later, and keeps an unplugged choice visible', async () => {
    await renderWithApp(
      <SoftphoneWithCalls />,
      answers({
        'settings:get': () =>
          ok({ ...DEFAULT_SETTINGS, audio: { ...DEFAULT_SETTINGS.audio, speaker: 'gone' } }),
      }),
    );
    await openAudio();
    await screen.findByRole('option', { name: 'Microphone 2' });
    expect(screen.getByLabelText('Speaker')).toHaveProperty('value', 'gone');
    expect(optionsOf('Speaker')).toContain('Chosen device (unplugged)');
    devices.list.push({ kind: 'audiooutput', deviceId: 'spk-dock', label: 'Dock speaker' });
    act(() => devices.dispatchEvent(new Event('devicechange')));
    expect(await screen.findAllByRole('option', { name: 'Dock speaker' })).toHaveLength(2);
  });

  it('says when a choice was not saved', async () => {
    await renderWithApp(
      <SoftphoneWithCalls />,
      answers({
        'audio:choose-devices': () => ({ ok: false, error: { code: 'internal_error', message: 'x' } }),
      }),
    );
    await openAudio();
    await screen.findByRole('option', { name: 'Microphone 2' });
    await userEvent.selectOptions(screen.getByLabelText('Speaker'), 'spk-usb');
    expect((await screen.findByRole('alert')).textContent).toContain('Your choice was not saved.');
  });

  it('shows the settings loading, and an error when they cannot be read', async () => {
    await renderWithApp(
      <SoftphoneWithCalls />,
      answers({ 'settings:get': () => new Promise(() => undefined) }),
    );
    await openAudio();
    expect(screen.getByRole('status', { name: 'Loading audio settings' }).getAttribute('aria-busy')).toBe(
      'true',
    );
    cleanup();
    await renderWithApp(
      <SoftphoneWithCalls />,
      answers({ 'settings:get': () => ({ ok: false, error: { code: 'offline', message: 'x' } }) }),
    );
    await openAudio();
    expect((await screen.findByRole('alert')).textContent).toContain('The office server cannot be reached');
  });

  it('falls back to the system default where the browser lists no devices', async () => {
    Reflect.deleteProperty(navigator, 'mediaDevices');
    await renderWithApp(<SoftphoneWithCalls />, answers());
    await openAudio();
    expect(await screen.findByText(/does not list audio devices/)).toBeTruthy();
    expect(optionsOf('Microphone')).toEqual(['System default']);
  });
});
