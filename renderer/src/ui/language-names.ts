import type { Language } from '../i18n/languages';

/** Each language's name as the app lists it (in its own tongue: Español, Français). */
export const LANGUAGE_NAME_KEYS: Record<Language, string> = {
  en: 'preferences.languages.en',
  es: 'preferences.languages.es',
  fr: 'preferences.languages.fr',
};
