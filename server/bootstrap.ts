import { randomBytes, randomUUID } from 'node:crypto';
import type { OfficeDb } from './db/database';
import type { OfficeServices } from './office-services';
import { DEFAULT_COMPANY } from './directory/company';
import { DEFAULT_EMAIL_TEMPLATES } from './mail/templates';
import { SYSTEM_ACTOR } from './directory/audit';
import { createUser } from './accounts/user-admin';
import { generateTemporaryPassword } from './accounts/passwords';
import { isoAt } from './time';
import { OfficeError } from './errors';

/** A random key kept in the database, made on first use (token signing, SIP nonces). */
export async function serverSecret(db: OfficeDb, name: string): Promise<string> {
  const existing = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto('server_secrets')
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (
    await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow()
  ).value;
}

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
  office: OfficeServices,
  announce: (admin: FirstAdmin) => void = (admin) => process.stdout.write(firstAdminNotice(admin)),
): Promise<void> {
  const { db, config, clock } = office;
  if (await db.selectFrom('company').select('id').executeTakeFirst()) return;
  const now = isoAt(clock());
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('company')
      .values({ id: 1, ...DEFAULT_COMPANY, updated_at: now })
      .execute();
    await trx
      .insertInto('email_templates')
      .values(
        DEFAULT_EMAIL_TEMPLATES.map((t) => ({
          id: randomUUID(),
          ...t,
          is_default: 1 as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
  const generated = config.adminPassword === null;
  const password = config.adminPassword ?? generateTemporaryPassword(16);
  const email = config.adminEmail ?? 'admin@switchboard.local';
  try {
    await createUser(
      office,
      { ...SYSTEM_ACTOR, role: 'superadmin' },
      { name: 'Administrator', email, role: 'superadmin', sendWelcomeEmail: false },
      { password: { text: password, chosen: !generated } },
    );
  } catch (error) {
    if (error instanceof OfficeError) throw new Error(`--admin-password: ${error.message}`, { cause: error });
    throw error;
  }
  // Announced once on purpose: nobody else knows it, and it must be changed at first sign-in.
  if (generated) announce({ email, temporaryPassword: password });
}
