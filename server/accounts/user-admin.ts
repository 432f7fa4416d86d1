// What administrators do to accounts: create, edit, delete, reset passwords. Each change is one
// transaction with its audit entry; mail goes out only after the commit.
import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type {
  CreatedUser,
  CreateUserRequest,
  PasswordResetRequest,
  UpdateUserRequest,
  UserSummary,
} from '../../common/api/users';
import type { TemplatePreferences } from '../../common/api/preferences';
import type { OfficeServices } from '../office-services';
import type { OfficeDb } from '../db/database';
import { isUniqueViolation } from '../db/database';
import { OfficeError, notFound } from '../errors';
import { isoAt } from '../time';
import { writeAudit } from '../directory/audit';
import { findUserRow, getUserSummary } from '../directory/users';
import { checkFreeExtension, nextFreeExtension } from '../directory/extensions';
import { newSipCredentials, releaseDevicesOf } from '../directory/devices';
import { initialPreferences } from '../directory/preferences';
import { pickTemplate, renderMail } from '../mail/templates';
import { mailLanguage } from '../mail/language';
import { generateTemporaryPassword, hashPassword } from './passwords';
import { NO_PIN } from '../directory/voicemail-boxes';
import type { PasswordOwner } from '../../common/api/password-rules';
import { assertPasswordAllowed } from './password-policy';
import { replacePassword } from './replace-password';
import { revokeUserSessions } from './sessions';
import { assertMayManage, type AdminActor } from './authority';

const DEFAULT_MAX_MESSAGE_SECONDS = 180;

async function templatePreferences(db: OfficeDb, request: CreateUserRequest): Promise<TemplatePreferences> {
  let templateId = request.settingsTemplateId ?? null;
  if (request.userGroupId) {
    const group = await db
      .selectFrom('user_groups')
      .selectAll()
      .where('id', '=', request.userGroupId)
      .executeTakeFirst();
    if (!group)
      throw new OfficeError(400, 'invalid_field', 'There is no user group with that id', 'body.userGroupId');
    templateId ??= group.settings_template_id;
  }
  if (!templateId) return {};
  const template = await db
    .selectFrom('settings_templates')
    .selectAll()
    .where('id', '=', templateId)
    .executeTakeFirst();
  if (!template) {
    throw new OfficeError(
      400,
      'invalid_field',
      'There is no settings template with that id',
      'body.settingsTemplateId',
    );
  }
  return JSON.parse(template.preferences_json) as TemplatePreferences;
}

async function assertEmailFree(db: OfficeDb, email: string, exceptUserId?: string) {
  let query = db.selectFrom('users').select('id').where('email', '=', email);
  if (exceptUserId) query = query.where('id', '!=', exceptUserId);
  if (await query.executeTakeFirst())
    throw new OfficeError(409, 'email_taken', 'Another user has that email', 'body.email');
}

export interface CreateUserOptions {
  /**
   * The first start's super admin password: one a person chose (`--admin-password`), held to
   * the password policy and kept; or one generated and printed, to be changed at first sign-in.
   */
  password?: { text: string; chosen: boolean };
}

/**
 * Creates, in one transaction: the account with a temporary password, an extension (the next
 * free one unless a free one is asked for), its voicemail box, a softphone device with fresh
 * SIP credentials, preferences from the settings template, and the audit entry. Then mails
 * the welcome message.
 */
export async function createUser(
  office: OfficeServices,
  actor: AdminActor,
  request: CreateUserRequest,
  options: CreateUserOptions = {},
): Promise<CreatedUser> {
  const { db } = office;
  const role = request.role ?? 'user';
  assertMayManage(actor, role, 'body.role');
  const email = request.email.toLowerCase();
  const company = await office.company.get();
  await assertEmailFree(db, email);
  if (request.extension) await checkFreeExtension(db, company, request.extension);
  const preferences = await templatePreferences(db, request);
  const welcome =
    request.sendWelcomeEmail === false
      ? null
      : await pickTemplate(db, 'welcome', await mailLanguage(db, null), request.welcomeEmailTemplateId);
  const password = options.password?.text ?? generateTemporaryPassword();
  const passwordHash = await hashPassword(password);
  const userId = randomUUID();

  let extension = '';
  // Two admins adding users at once may race for the same next free extension: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      extension = await db.transaction().execute(async (trx) => {
        const now = office.clock();
        const number = request.extension ?? (await nextFreeExtension(trx, company));
        if (options.password?.chosen) {
          assertPasswordAllowed(
            password,
            company.min_password_length,
            {
              name: request.name,
              email,
              extension: number,
            },
            undefined,
          );
        }
        const extensionId = randomUUID();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            name: request.name,
            email,
            role,
            status: 'active',
            portal_access: 1,
            password_hash: passwordHash,
            must_change_password: options.password?.chosen ? 0 : 1,
            failed_login_count: 0,
            locked_until: null,
            user_group_id: request.userGroupId ?? null,
            language: null,
            created_at: isoAt(now),
            updated_at: isoAt(now),
          })
          .execute();
        await trx
          .insertInto('extensions')
          .values({
            id: extensionId,
            number,
            caller_id_name: request.callerIdName ?? request.name.slice(0, 40),
            user_id: userId,
            created_at: isoAt(now),
          })
          .execute();
        await trx
          .insertInto('voicemail_boxes')
          .values({
            id: randomUUID(),
            extension_id: extensionId,
            pin_hash: NO_PIN,
            greeting_file: null,
            notification_email: email,
            max_message_seconds: DEFAULT_MAX_MESSAGE_SECONDS,
            created_at: isoAt(now),
          })
          .execute();
        await trx
          .insertInto('devices')
          .values({
            id: randomUUID(),
            kind: 'softphone',
            label: `Softphone of ${number}`,
            model: 'Switchboard',
            mac: null,
            ...newSipCredentials(office.secrets).columns,
            extension_id: extensionId,
            created_at: isoAt(now),
            updated_at: isoAt(now),
          })
          .execute();
        await trx.insertInto('preferences').values(initialPreferences(userId, preferences)).execute();
        await writeAudit(
          trx,
          now,
          actor,
          'user.created',
          { type: 'user', id: userId },
          { email, role, extension: number },
        );
        return number;
      });
      break;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await assertEmailFree(db, email);
      if (request.extension) await checkFreeExtension(db, company, request.extension);
      if (attempt >= 3) throw new OfficeError(409, 'conflict', 'The user could not be created; try again');
    }
  }

  if (welcome) {
    await office.mailer.send(
      renderMail(
        welcome,
        { email, userId },
        {
          name: request.name,
          email,
          extension,
          temporaryPassword: password,
          portalUrl: office.config.portalUrl,
          companyName: company.name,
        },
      ),
    );
  }
  const summary = await getUserSummary(db, userId);
  // No mail and no password given: the generated one is known to nobody, so say what to do.
  if (welcome || options.password !== undefined) return summary;
  return {
    ...summary,
    passwordHandover:
      'No welcome mail was sent, so nobody knows this password yet. Set one with ' +
      `POST /api/v1/admin/users/${userId}/password-reset {"mode":"manual","password":…,"confirmPassword":…} ` +
      'and hand it over, or mail one with {"mode":"automatic"}. The user chooses their own at first sign-in.',
  };
}

/** Everything a directory change revokes at SIP level, collected to announce after commit. */
async function sipUsernamesOf(
  db: OfficeDb,
  extensionId: string | null,
  kind?: 'softphone',
): Promise<string[]> {
  if (!extensionId) return [];
  let query = db.selectFrom('devices').select('sip_username').where('extension_id', '=', extensionId);
  if (kind) query = query.where('kind', '=', kind);
  return (await query.execute()).map((d) => d.sip_username);
}

export async function updateUser(
  office: OfficeServices,
  actor: AdminActor,
  userId: string,
  request: UpdateUserRequest,
): Promise<UserSummary> {
  const { db } = office;
  const current = await findUserRow(db, userId);
  assertMayManage(actor, current.role);
  if (request.role !== undefined && request.role !== current.role) {
    assertMayManage(actor, request.role, 'body.role');
    if (actor.id === userId)
      throw new OfficeError(403, 'forbidden', 'You cannot change your own role', 'body.role');
  }
  if (actor.id === userId && (request.status === 'suspended' || request.portalAccess === false)) {
    throw new OfficeError(403, 'forbidden', 'You cannot lock yourself out', 'body.status');
  }
  const email = request.email?.toLowerCase();
  if (email !== undefined) await assertEmailFree(db, email, userId);
  const newExtension = request.extension !== current.extension ? request.extension : undefined;
  if (newExtension !== undefined) await checkFreeExtension(db, await office.company.get(), newExtension);
  if (request.userGroupId) {
    const group = await db
      .selectFrom('user_groups')
      .select('id')
      .where('id', '=', request.userGroupId)
      .executeTakeFirst();
    if (!group)
      throw new OfficeError(400, 'invalid_field', 'There is no user group with that id', 'body.userGroupId');
  }
  const suspending = request.status === 'suspended' && current.status !== 'suspended';
  const closingPortal = request.portalAccess === false && current.portal_access === 1;
  // A suspended user's phones stop too; turning the portal off stops only the app's softphone.
  const revoked = suspending
    ? await sipUsernamesOf(db, current.extension_id)
    : closingPortal
      ? await sipUsernamesOf(db, current.extension_id, 'softphone')
      : [];

  try {
    await db.transaction().execute(async (trx) => {
      const now = office.clock();
      await trx
        .updateTable('users')
        .set({
          ...(request.name !== undefined && { name: request.name }),
          ...(email !== undefined && { email }),
          ...(request.role !== undefined && { role: request.role }),
          ...(request.status !== undefined && { status: request.status }),
          ...(request.portalAccess !== undefined && { portal_access: request.portalAccess ? 1 : 0 }),
          ...(request.userGroupId !== undefined && { user_group_id: request.userGroupId }),
          updated_at: isoAt(now),
        })
        .where('id', '=', userId)
        .execute();
      if (current.extension_id && (request.extension !== undefined || request.callerIdName !== undefined)) {
        await trx
          .updateTable('extensions')
          .set({
            ...(request.extension !== undefined && { number: request.extension }),
            ...(request.callerIdName !== undefined && { caller_id_name: request.callerIdName }),
          })
          .where('id', '=', current.extension_id)
          .execute();
      }
      if (suspending || closingPortal) await revokeUserSessions(trx, userId, now);
      await writeAudit(trx, now, actor, 'user.updated', { type: 'user', id: userId }, { ...request });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new OfficeError(409, 'conflict', 'That email or extension was just taken');
    throw error;
  }
  if (revoked.length > 0) office.events.emit('sip-credentials-revoked', revoked);
  if (newExtension !== undefined && current.extension)
    office.events.emit('extensions-vacated', [current.extension]);
  return getUserSummary(db, userId);
}

/**
 * Deletes a user: their devices go back to the free pool with fresh SIP credentials, the
 * extension and voicemail box are freed, sessions end; voicemail audio files are removed
 * after the commit.
 */
export async function deleteUser(office: OfficeServices, actor: AdminActor, userId: string): Promise<void> {
  const { db } = office;
  if (actor.id === userId)
    throw new OfficeError(409, 'cannot_delete_self', 'You cannot delete your own account');
  const current = await findUserRow(db, userId);
  assertMayManage(actor, current.role);
  const audioFiles = current.extension_id
    ? (
        await db
          .selectFrom('voicemail_messages')
          .innerJoin('voicemail_boxes', 'voicemail_boxes.id', 'voicemail_messages.box_id')
          .select('voicemail_messages.audio_file')
          .where('voicemail_boxes.extension_id', '=', current.extension_id)
          .execute()
      ).map((m) => m.audio_file)
    : [];
  const revoked = await db.transaction().execute(async (trx) => {
    const now = office.clock();
    const released = current.extension_id
      ? await releaseDevicesOf(trx, office.secrets, current.extension_id, now)
      : [];
    await revokeUserSessions(trx, userId, now);
    // Cascades: extension → voicemail box → messages; preferences; sessions; own call-log rows.
    const deleted = await trx.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw notFound('User');
    await writeAudit(
      trx,
      now,
      actor,
      'user.deleted',
      { type: 'user', id: userId },
      {
        email: current.email,
        extension: current.extension,
        releasedDevices: released.length,
      },
    );
    return released;
  });
  if (revoked.length > 0) office.events.emit('sip-credentials-revoked', revoked);
  await Promise.all(
    audioFiles.map((file) =>
      unlink(path.join(office.voicemailDir, path.basename(file))).catch((error: unknown) =>
        office.logger.warn({ file, error: String(error) }, 'could not remove a voicemail file'),
      ),
    ),
  );
}

/** The password a reset sets: generated (automatic), or typed twice by the admin (manual). */
function passwordOfReset(request: PasswordResetRequest, minLength: number, owner: PasswordOwner): string {
  if (request.mode === 'automatic') {
    if (request.password !== undefined || request.confirmPassword !== undefined) {
      throw new OfficeError(
        400,
        'invalid_field',
        'An automatic reset generates the password: leave out password and confirmPassword, or use mode manual',
        'body.password',
      );
    }
    return generateTemporaryPassword();
  }
  if (request.password === undefined) {
    throw new OfficeError(400, 'missing_field', 'A manual reset needs the new password', 'body.password');
  }
  if (request.confirmPassword === undefined) {
    throw new OfficeError(
      400,
      'missing_field',
      'A manual reset needs the password typed again in confirmPassword',
      'body.confirmPassword',
    );
  }
  if (request.password !== request.confirmPassword) {
    throw new OfficeError(
      400,
      'password_mismatch',
      'The password and its confirmation differ',
      'body.confirmPassword',
    );
  }
  assertPasswordAllowed(request.password, minLength, owner, 'body.password');
  return request.password;
}

/** Automatic (generated) or manual (typed twice) password reset: must change, sessions end, mailed. */
export async function resetPassword(
  office: OfficeServices,
  actor: AdminActor,
  userId: string,
  request: PasswordResetRequest,
): Promise<void> {
  const { db } = office;
  const user = await findUserRow(db, userId);
  assertMayManage(actor, user.role);
  const company = await office.company.get();
  const password = passwordOfReset(request, company.min_password_length, user);
  const template = await pickTemplate(db, 'password-reset', await mailLanguage(db, user.id));
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const now = office.clock();
    await replacePassword(trx, userId, passwordHash, now, { mustChange: true });
    await writeAudit(
      trx,
      now,
      actor,
      'user.password-reset',
      { type: 'user', id: userId },
      { mode: request.mode },
    );
  });
  office.loginThrottle.clearLogins(user.email, user.extension);
  const values = {
    name: user.name,
    email: user.email,
    extension: user.extension ?? '',
    temporaryPassword: password,
    portalUrl: office.config.portalUrl,
    companyName: company.name,
  };
  await office.mailer.send(renderMail(template, { email: user.email, userId: user.id }, values));
}
