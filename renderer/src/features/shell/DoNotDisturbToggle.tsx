import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context';
import { useConnection } from '../../app/connection';
import { useIpc, useSubmit } from '../../app/use-ipc';
import { FormError } from '../../ui/FormError';

/**
 * Do-not-disturb in the header, one click from anywhere: pressed while on. It follows the office,
 * which pushes each change to every app of the person (this window's Preferences, the tray,
 * another computer).
 */
export function DoNotDisturbToggle() {
  const { t } = useTranslation();
  const api = useApi();
  const offline = useConnection() === 'offline';
  const [preferences, , setSaved] = useIpc(
    () => api.portal.preferences({}),
    'preferences',
    (update) => api.portal.onPreferencesChanged(update),
  );
  const on = preferences.status === 'ready' && preferences.value.doNotDisturb;
  const toggle = useSubmit(() => api.portal.updatePreferences({ body: { doNotDisturb: !on } }), setSaved);

  // Until the office has said, there is nothing true to show.
  if (preferences.status !== 'ready') return null;
  return (
    <div className="shell-do-not-disturb">
      <button
        className="button"
        type="button"
        aria-pressed={on}
        disabled={toggle.busy || offline}
        onClick={() => void toggle.submit()}
      >
        <span className="shell-do-not-disturb-mark" aria-hidden="true" />
        {t('preferences.doNotDisturb')}
      </button>
      <FormError error={toggle.error} wording={() => 'shell.doNotDisturbFailed'} />
    </div>
  );
}
