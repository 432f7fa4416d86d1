import type { Language } from '../../common/api/preferences';
import { isLanguage } from '../../common/i18n/languages';
import type { OfficeDb } from '../db/database';
import { storedLanguages } from '../directory/users';

// The office writes mail in the languages the app speaks.
export { isLanguage };

/** The language of mail to a user: their own choice, else the company's, else English. */
export function mailLanguageOf(own: string | null, company: string | null): Language {
  if (isLanguage(own)) return own;
  return isLanguage(company) ? company : 'en';
}

/** The language of mail to this user, read from the office. */
export async function mailLanguage(db: OfficeDb, userId: string | null): Promise<Language> {
  const { own, company } = await storedLanguages(db, userId);
  return mailLanguageOf(own, company);
}

/**
 * A moment as a mail says it, in the recipient's language. The office does not know the
 * recipient's time zone: the time is given in UTC and says so.
 */
export function mailTime(language: Language, at: Date | string): string {
  const formatted = new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(at));
  return `${formatted} UTC`;
}
