import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../common/ipc/domains/settings';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { useSettings } from '../../app/use-settings';
import { pickLanguage, type Language } from '../../i18n/languages';
import { LANGUAGE_NAME_KEYS } from '../../ui/language-names';
import { errorMessageKey } from '../../ui/error-message';
import { CheckField, SelectField } from '../../ui/Field';
import { Skeleton } from '../../ui/ScreenStates';
import { MailLanguageNote } from './MailLanguageNote';
import type { MailLanguage } from './use-mail-language';

const LANGUAGE_KEYS: Record<Settings['language'], string> = {
  system: 'preferences.languages.system',
  ...LANGUAGE_NAME_KEYS,
};

const THEME_KEYS: Record<Settings['theme'], string> = {
  system: 'preferences.themes.system',
  light: 'preferences.themes.light',
  dark: 'preferences.themes.dark',
};

/**
 * The language the app shows for a setting. "system" is the OS's language as the app resolves it,
 * so the office writes mail in what the person reads here, not in the company's default.
 */
const shownLanguage = (setting: Settings['language']): Language =>
  pickLanguage(navigator.languages, setting === 'system' ? null : setting);

/**
 * This computer's settings for the app: applied at once, no save button. The language also
 * becomes the office's language for the person's mail (when they have an extension, which is
 * where the office keeps it).
 */
export function AppSettingsForm({ mail }: { mail: MailLanguage }) {
  const { t } = useTranslation();
  const api = useApi();
  const { settings: loaded, set } = useSettings();
  const [changeError, setChangeError] = useState<IpcError | null>(null);
  const settings = loaded.status === 'ready' ? loaded.value : null;
  const error = changeError ?? (loaded.status === 'error' ? loaded.error : null);
  const { follow } = mail;

  useEffect(follow, [follow]);

  const change = async (patch: SettingsPatch) => {
    const result = await api.settings.update(patch);
    if (result.ok) {
      set(result.value);
      setChangeError(null);
      if (patch.language) await mail.tell(shownLanguage(result.value.language));
    } else setChangeError(result.error);
  };

  return (
    <section className="preferences-card stack" aria-labelledby="app-settings-title">
      <h2 id="app-settings-title">{t('preferences.appTitle')}</h2>
      {!settings && !error && <Skeleton label={t('preferences.loadingApp')} />}
      {error && (
        <p className="alert" role="alert">
          {t(errorMessageKey(error))}
        </p>
      )}
      {settings && (
        <>
          <SelectField
            id="app-language"
            label={t('preferences.language')}
            value={settings.language}
            onChange={(language) => void change({ language })}
          >
            {(Object.keys(LANGUAGE_KEYS) as Settings['language'][]).map((id) => (
              <option key={id} value={id}>
                {t(LANGUAGE_KEYS[id])}
              </option>
            ))}
          </SelectField>
          <MailLanguageNote mail={mail} appLanguage={shownLanguage(settings.language)} />
          <fieldset className="preferences-theme">
            <legend>{t('preferences.theme')}</legend>
            {(Object.keys(THEME_KEYS) as Settings['theme'][]).map((id) => (
              <label key={id} className="check">
                <input
                  type="radio"
                  name="app-theme"
                  value={id}
                  checked={settings.theme === id}
                  onChange={() => void change({ theme: id })}
                />
                {t(THEME_KEYS[id])}
              </label>
            ))}
          </fieldset>
          <CheckField
            label={t('preferences.launchAtLogin')}
            checked={settings.launchAtLogin}
            onChange={(launchAtLogin) => void change({ launchAtLogin })}
          />
        </>
      )}
    </section>
  );
}
