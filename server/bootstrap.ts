import type { FirstRunCompany } from '../common/api/company';
import type { ServerConfig } from './config';
import type { OfficeDb } from './db/database';
import { companyExists, insertDefaultCompany } from './directory/company';
import type { CompanySettings } from './directory/company-settings';
import { defaultAdministratorName, findUserByLogin } from './directory/users';
import { readLoginName } from './directory/login-name';
import { insertEmailTemplate } from './directory/email-templates';
import { DEFAULT_EMAIL_TEMPLATES } from './mail/templates';
import { SYSTEM_ACTOR, writeAudit } from './directory/audit';
import { createUser, type CreateUserServices } from './accounts/user-admin';
import { generateTemporaryPassword, verifyPassword } from './accounts/passwords';
import { OfficeError } from './errors';
import { mailLanguageOf } from './mail/language';
import type { Clock } from './time';

/** The super admin created with a generated password, which must be changed at first sign-in. */
export interface FirstAdmin {
  email: string;
  temporaryPassword: string;
}

/** How a generated first password is shown where there is no app to show it: printed once. */
export function firstAdminNotice(admin: FirstAdmin): string {
  return (
    `\nSwitchboard: created super admin ${admin.email} with temporary password ${admin.temporaryPassword}\n` +
    'Sign in with it now; you will be asked to choose your own.\n\n'
  );
}

/**
 * First start with an empty database: the company with default settings, the default email
 * templates, and a super admin from --admin-email/--admin-password (or a generated password,
 * handed to `announce` once, that must be changed at first sign-in).
 */
export async function bootstrapOffice(
  services: CreateUserServices & {
    config: Pick<ServerConfig, 'adminEmail' | 'adminPassword' | 'portalUrl'>;
  },
  announce: (admin: FirstAdmin) => void = (admin) => process.stdout.write(firstAdminNotice(admin)),
): Promise<void> {
  const { db, config, clock } = services;
  if (await companyExists(db)) return;
  const now = clock();
  await db.transaction().execute(async (trx) => {
    await insertDefaultCompany(trx, now);
    for (const template of DEFAULT_EMAIL_TEMPLATES)
      await insertEmailTemplate(trx, { ...template, isDefault: true }, now);
  });
  const generated = config.adminPassword === null;
  const password = config.adminPassword ?? generateTemporaryPassword(16);
  const email = config.adminEmail ?? 'admin@switchboard.local';
  // Named in the company's language; a new company language renames them while the name is ours.
  const name = defaultAdministratorName(mailLanguageOf(null, (await services.company.get()).language));
  try {
    await createUser(
      services,
      { ...SYSTEM_ACTOR, role: 'superadmin' },
      { name, email, role: 'superadmin', sendWelcomeEmail: false },
      { password: { text: password, chosen: !generated } },
    );
  } catch (error) {
    if (error instanceof OfficeError) throw new Error(`--admin-password: ${error.message}`, { cause: error });
    throw error;
  }
  // Announced once on purpose: nobody else knows it, and it must be changed at first sign-in.
  if (generated) announce({ email, temporaryPassword: password });
}

/**
 * Whether the generated first password is still the super admin's: they have not chosen their
 * own, nobody replaced it, and the account still has that email.
 */
export async function firstPasswordHeld(db: OfficeDb, admin: FirstAdmin): Promise<boolean> {
  const user = await findUserByLogin(db, readLoginName(admin.email));
  if (user === undefined || user.must_change_password !== 1) return false;
  return verifyPassword(admin.temporaryPassword, user.password_hash);
}

/**
 * The first-run screen's answers (the company's name, country, time zone and language) into the
 * company settings, audited as the office's own. Its caller takes them only while the first
 * password is held: whoever is shown that password owns the office anyway.
 */
export async function setUpCompany(
  services: { db: OfficeDb; clock: Clock; company: CompanySettings },
  settings: FirstRunCompany,
): Promise<void> {
  await services.company.update(settings);
  await writeAudit(
    services.db,
    services.clock(),
    SYSTEM_ACTOR,
    'company.updated',
    { type: 'company', id: null },
    { ...settings, firstRun: true },
  );
}
