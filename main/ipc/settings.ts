// settings: the app's own settings, every page told of each change.
import type { SettingsStore } from '../services/settings-store';
import type { IpcRouter } from './router';

export function serveSettings(router: IpcRouter, settings: SettingsStore): void {
  router.serve('settings', {
    get: async () => settings.get(),
    update: async (patch) => {
      const updated = settings.update(patch);
      router.publish('settings', 'changed', updated);
      if (patch.audio) router.publish('audio', 'devicesChanged', updated.audio);
      return updated;
    },
  });
}
