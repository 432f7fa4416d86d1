import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLanguage } from '../i18n/languages';
import { applyTheme } from '../theme';
import { useApi } from './api-context';

/** Applies the settings' language and theme as soon as they change, on every screen. */
export function useFollowSettings(): void {
  const api = useApi();
  const { i18n } = useTranslation();
  useEffect(
    () =>
      api.settings.onChanged((settings) => {
        applyTheme(settings.theme);
        const language = pickLanguage(
          navigator.languages,
          settings.language === 'system' ? null : settings.language,
        );
        document.documentElement.lang = language;
        void i18n.changeLanguage(language);
      }),
    [api, i18n],
  );
}
