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
 * A moment as a mail says it, in the recipient's language and in `timeZone`, which it names: the
 * office does not know the recipient's own zone. Mail about the office's own moments (a voice
 * message's arrival) uses the company's zone; the rest keep UTC.
 */
export function mailTime(language: Language, at: Date | string, timeZone = 'UTC'): string {
  const moment = new Date(at);
  const formatted = new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(moment);
  const zoneName = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'short' })
    .formatToParts(moment)
    .find((part) => part.type === 'timeZoneName')!.value;
  return `${formatted} ${zoneName}`;
}
