import type { Company, CompanyPatch } from '../../common/api/company';
import type { OfficeDb } from '../db/database';
import type { CompanyTable } from '../db/schema';
import { canonicalTimeZone, isCountryCode } from '../../common/api/locale';
import { isoAt } from '../time';
import { OfficeError } from '../errors';
import { mailLanguageOf } from '../mail/language';
import { setMainNumber } from './phone-numbers';
import { renameDefaultAdministrators } from './users';

export const DEFAULT_COMPANY: Omit<CompanyTable, 'id' | 'updated_at'> = {
  name: 'My Office',
  address: '',
  admin_contact_name: '',
  admin_contact_email: '',
  admin_contact_phone: '',
  min_password_length: 10,
  lockout_threshold: 5,
  lockout_minutes: 15,
  idle_session_timeout_minutes: 60,
  admin_idle_timeout_minutes: 15,
  remembered_session_days: 30,
  extension_length: 3,
  language: 'en',
  sip_digest_algorithms: 'md5',
  country: '',
  time_zone: 'UTC',
  outside_calls_per_user: 4,
  outside_calls_total: 30,
  international_minutes_per_day: 600,
  premium_numbers_allowed: 0,
};

/** The company as the API shows it; its main number is read from the numbers (`findMainNumber`). */
export function toCompany(row: CompanyTable, mainNumber: string | null): Company {
  return {
    name: row.name,
    address: row.address,
    adminContact: {
      name: row.admin_contact_name,
      email: row.admin_contact_email,
      phone: row.admin_contact_phone,
    },
    security: {
      minPasswordLength: row.min_password_length,
      lockoutThreshold: row.lockout_threshold,
      lockoutMinutes: row.lockout_minutes,
      idleSessionTimeoutMinutes: row.idle_session_timeout_minutes,
      adminIdleTimeoutMinutes: row.admin_idle_timeout_minutes,
      rememberedSessionDays: row.remembered_session_days,
      sipDigestAlgorithms: row.sip_digest_algorithms,
    },
    language: mailLanguageOf(null, row.language),
    country: row.country,
    timeZone: row.time_zone,
    mainNumber,
    outsideCalls: {
      perUser: row.outside_calls_per_user,
      total: row.outside_calls_total,
      internationalMinutesPerDay: row.international_minutes_per_day,
      premiumNumbersAllowed: row.premium_numbers_allowed === 1,
    },
    updatedAt: row.updated_at,
  };
}

/** Whether the company was created (the office's first start is over). */
export async function companyExists(db: OfficeDb): Promise<boolean> {
  return (await db.selectFrom('company').select('id').executeTakeFirst()) !== undefined;
}

/** The company of a first start, with default settings. */
export async function insertDefaultCompany(db: OfficeDb, now: number): Promise<void> {
  await db
    .insertInto('company')
    .values({ id: 1, ...DEFAULT_COMPANY, updated_at: isoAt(now) })
    .execute();
}

export async function readCompany(db: OfficeDb): Promise<CompanyTable> {
  return db.selectFrom('company').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

/**
 * Changes the company's settings. A new language also renames the administrators the office
 * named itself (the first super admin) into it, so nobody reads that name in another language.
 */
export async function updateCompany(
  database: OfficeDb,
  patch: CompanyPatch,
  now: number,
): Promise<CompanyTable> {
  if (patch.country !== undefined && !isCountryCode(patch.country))
    throw new OfficeError(400, 'invalid_field', 'This is not an ISO 3166-1 country code', 'body.country');
  // Kept by its canonical name (`europe/paris` is `Europe/Paris`): the console's list and the
  // phones' resync on a change compare names.
  const timeZone = patch.timeZone === undefined ? undefined : canonicalTimeZone(patch.timeZone);
  if (timeZone === null)
    throw new OfficeError(400, 'invalid_field', 'This is not a time zone the office knows', 'body.timeZone');
  const { adminContact, security, outsideCalls } = patch;
  return database.transaction().execute(async (db) => {
    const before = await readCompany(db);
    if (patch.mainNumber !== undefined) await setMainNumber(db, patch.mainNumber);
    await db
      .updateTable('company')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.address !== undefined && { address: patch.address }),
        ...(adminContact?.name !== undefined && { admin_contact_name: adminContact.name }),
        ...(adminContact?.email !== undefined && { admin_contact_email: adminContact.email }),
        ...(adminContact?.phone !== undefined && { admin_contact_phone: adminContact.phone }),
        ...(security?.minPasswordLength !== undefined && { min_password_length: security.minPasswordLength }),
        ...(security?.lockoutThreshold !== undefined && { lockout_threshold: security.lockoutThreshold }),
        ...(security?.lockoutMinutes !== undefined && { lockout_minutes: security.lockoutMinutes }),
        ...(security?.idleSessionTimeoutMinutes !== undefined && {
          idle_session_timeout_minutes: security.idleSessionTimeoutMinutes,
        }),
        ...(security?.adminIdleTimeoutMinutes !== undefined && {
          admin_idle_timeout_minutes: security.adminIdleTimeoutMinutes,
        }),
        ...(security?.rememberedSessionDays !== undefined && {
          remembered_session_days: security.rememberedSessionDays,
        }),
        ...(security?.sipDigestAlgorithms !== undefined && {
          sip_digest_algorithms: security.sipDigestAlgorithms,
        }),
        ...(patch.language !== undefined && { language: patch.language }),
        ...(patch.country !== undefined && { country: patch.country }),
        ...(timeZone !== undefined && { time_zone: timeZone }),
        ...(outsideCalls?.perUser !== undefined && { outside_calls_per_user: outsideCalls.perUser }),
        ...(outsideCalls?.total !== undefined && { outside_calls_total: outsideCalls.total }),
        ...(outsideCalls?.internationalMinutesPerDay !== undefined && {
          international_minutes_per_day: outsideCalls.internationalMinutesPerDay,
        }),
        ...(outsideCalls?.premiumNumbersAllowed !== undefined && {
          premium_numbers_allowed: outsideCalls.premiumNumbersAllowed ? 1 : 0,
        }),
        updated_at: isoAt(now),
      })
      .where('id', '=', 1)
      .execute();
    if (patch.language !== undefined && patch.language !== before.language)
      await renameDefaultAdministrators(db, mailLanguageOf(null, before.language), patch.language);
    return readCompany(db);
  });
}
