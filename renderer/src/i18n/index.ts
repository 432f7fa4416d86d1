import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MESSAGES } from '../../../common/i18n/catalogue';
import type { Language } from './languages';

/** One i18next instance for the app, in the given language, English as the fallback. */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: Object.fromEntries(
      Object.entries(MESSAGES).map(([lng, messages]) => [lng, { translation: messages }]),
    ),
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}
