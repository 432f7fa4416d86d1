import type { Settings } from '../../../common/ipc/domains/settings';
import { useApi } from './api-context';
import { useIpc, type IpcState } from './use-ipc';

/**
 * This computer's settings for the app, current as main says they changed (here or in another
 * window); `set` shows what a change main answered.
 */
export function useSettings(): { settings: IpcState<Settings>; set: (settings: Settings) => void } {
  const api = useApi();
  const [settings, , set] = useIpc(
    () => api.settings.get({}),
    'settings',
    (update) => api.settings.onChanged(update),
  );
  return { settings, set };
}
