// audio: the microphone, speaker and ringer chosen, kept in the settings.
import type { SettingsStore } from '../services/settings-store';
import type { IpcRouter } from './router';

export function serveAudio(router: IpcRouter, settings: SettingsStore): void {
  router.serve('audio', {
    devices: async () => settings.get().audio,
    chooseDevices: async (choice) => {
      const updated = settings.update({ audio: { ...settings.get().audio, ...choice } });
      router.publish('audio', 'devicesChanged', updated.audio);
      router.publish('settings', 'changed', updated);
      return updated.audio;
    },
  });
}
