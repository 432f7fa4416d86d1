import type { Language } from '../../common/api/preferences';
import type { OfficeDb } from '../db/database';

export const LANGUAGES: readonly Language[] = ['en', 'es', 'fr'];

export function isLanguage(value: string | null): value is Language {
  return LANGUAGES.includes(value as Language);
}

/** The language of mail to this user: their own choice, else the company's, else English. */
export async function mailLanguage(db: OfficeDb, userId: string | null): Promise<Language> {
  const user = userId
    ? await db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst()
    : undefined;
  if (isLanguage(user?.language ?? null)) return user!.language as Language;
  const company = await db.selectFrom('company').select('language').executeTakeFirst();
  return isLanguage(company?.language ?? null) ? (company!.language as Language) : 'en';
}
