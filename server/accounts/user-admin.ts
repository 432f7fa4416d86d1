// What administrators do to accounts: create, edit, delete, reset passwords. Each change is one
// transaction with its audit entry; mail goes out only after the commit.
import { randomUUID } from 'node:crypto';
import type {
  CreatedUser,
  CreateUserRequest,
  DeleteUserRequest,
  NumberReassignment,
  PasswordResetRequest,
  UpdateUserRequest,
  UserSummary,
} from '../../common/api/users';
import type { TemplatePreferences } from '../../common/api/preferences';
import type { OfficeDb } from '../db/database';
import { isUniqueViolation } from '../db/database';
import type { ServerConfig } from '../config';
import type { Clock } from '../time';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import type { SecretBox } from '../secrets/secret-box';
import type { CompanySettings } from '../directory/company-settings';
import type { DirectoryEvents } from '../directory/events';
import type { VoicemailFiles } from '../voicemail/voicemail-files';
import { OfficeError } from '../errors';
import { writeAudit } from '../directory/audit';
import {
  assertEmailFree,
  deleteUserRow,
  findUserRow,
  getUserSummary,
  insertUser,
  updateUserRow,
} from '../directory/users';
import {
  checkFreeExtension,
  insertExtension,
  nextFreeExtension,
  updateExtension,
} from '../directory/extensions';
import { insertSoftphone, releaseDevicesOf, sipUsernamesOf } from '../directory/devices';
import { deskPhonesShowing } from '../directory/desk-phones';
import { signInNumbersOf } from '../directory/phone-numbers';
import { insertInitialPreferences, outboundCallsOf, setOutboundCalls } from '../directory/preferences';
import { insertVoicemailBox } from '../directory/voicemail-boxes';
import { audioFilesOf } from '../directory/voicemail';
import { findUserGroup } from '../directory/user-groups';
import { findSettingsTemplate } from '../directory/settings-templates';
import type { UserGroup } from '../../common/api/directory';
import { pickTemplate, renderMail } from '../mail/templates';
import { mailLanguage } from '../mail/language';
import { startPageUrl } from '../pages/page-links';
import { generateTemporaryPassword, hashPassword } from './passwords';
import type { PasswordOwner } from '../../common/api/password-rules';
import { assertPasswordAllowed } from './password-policy';
import { replacePassword } from './replace-password';
import { revokeUserSessions } from './sessions';
import type { LoginThrottle } from './login-throttle';
import {
  assertMayGrantOutbound,
  assertMayManage,
  assertMayRouteTo,
  lockRow,
  type AdminActor,
} from './authority';
import { numbersRingingExtension, patchPhoneNumber } from '../directory/phone-numbers';
import { findRouteTarget, routeInWords } from '../directory/route-targets';

/** What user administration works with; each function takes only the part it uses. */
export interface UserAdminServices {
  db: OfficeDb;
  clock: Clock;
  logger: Logger;
  config: Pick<ServerConfig, 'portalUrl'>;
  company: CompanySettings;
  mailer: Mailer;
  secrets: SecretBox;
  events: DirectoryEvents;
  loginThrottle: LoginThrottle;
  /** Recordings and greetings, sealed at rest. */
  voicemailFiles: VoicemailFiles;
}

export type CreateUserServices = Pick<
  UserAdminServices,
  'db' | 'clock' | 'config' | 'company' | 'mailer' | 'secrets'
>;

/** The group a request names, or a refusal naming the field. */
async function chosenGroup(db: OfficeDb, id: string): Promise<UserGroup> {
  const group = await findUserGroup(db, id);
  if (!group)
    throw new OfficeError(400, 'invalid_field', 'There is no user group with that id', 'body.userGroupId');
  return group;
}

/**
 * The preferences a new user starts with: their settings template's, chosen directly or through
 * their user group. Read in the creating transaction, so the outbound permission checked (only a
 * super admin grants international calls, template or not) is the one the user gets.
 */
async function templatePreferences(
  db: OfficeDb,
  actor: AdminActor,
  request: CreateUserRequest,
): Promise<TemplatePreferences> {
  let templateId = request.settingsTemplateId ?? null;
  let field = 'body.settingsTemplateId';
  if (request.userGroupId) {
    const group = await chosenGroup(db, request.userGroupId);
    if (!templateId) field = 'body.userGroupId';
    templateId ??= group.settingsTemplateId;
  }
  if (!templateId) return {};
  const template = await findSettingsTemplate(db, templateId);
  if (!template) {
    throw new OfficeError(
      400,
      'invalid_field',
      'There is no settings template with that id',
      'body.settingsTemplateId',
    );
  }
  assertMayGrantOutbound(actor, null, template.preferences.outboundCalls ?? 'national', {
    field,
    what: `the settings template "${template.name}"`,
  });
  return template.preferences;
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
  services: CreateUserServices,
  actor: AdminActor,
  request: CreateUserRequest,
  options: CreateUserOptions = {},
): Promise<CreatedUser> {
  const { db } = services;
  const role = request.role ?? 'user';
  assertMayManage(actor, role, 'body.role');
  const email = request.email.toLowerCase();
  const company = await services.company.get();
  await assertEmailFree(db, email);
  if (request.extension) await checkFreeExtension(db, 'extension', request.extension);
  const language = request.language ?? (await mailLanguage(db, null));
  const welcome =
    request.sendWelcomeEmail === false
      ? null
      : await pickTemplate(db, 'welcome', language, request.welcomeEmailTemplateId);
  const password = options.password?.text ?? generateTemporaryPassword();
  const passwordHash = await hashPassword(password);
  const userId = randomUUID();

  let extension = '';
  // Two admins adding users at once may race for the same next free extension: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      extension = await db.transaction().execute(async (trx) => {
        const now = services.clock();
        const number = request.extension ?? (await nextFreeExtension(trx, 'extension'));
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
        const preferences = await templatePreferences(trx, actor, request);
        const extensionId = randomUUID();
        await insertUser(
          trx,
          {
            id: userId,
            name: request.name,
            email,
            role,
            passwordHash,
            mustChangePassword: !options.password?.chosen,
            userGroupId: request.userGroupId ?? null,
            language: request.language ?? null,
          },
          now,
        );
        await insertExtension(
          trx,
          {
            id: extensionId,
            number,
            callerIdName: request.callerIdName ?? request.name.slice(0, 40),
            userId,
          },
          now,
        );
        await insertVoicemailBox(trx, extensionId, email, now);
        await insertSoftphone(trx, services.secrets, { id: extensionId, number }, now);
        await insertInitialPreferences(trx, userId, preferences);
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
      if (request.extension) await checkFreeExtension(db, 'extension', request.extension);
      if (attempt >= 3) throw new OfficeError(409, 'conflict', 'The user could not be created; try again');
    }
  }

  if (welcome) {
    await services.mailer.send(
      renderMail(
        welcome,
        { email, userId },
        {
          name: request.name,
          email,
          extension,
          temporaryPassword: password,
          portalUrl: startPageUrl(services.config.portalUrl, language),
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

export async function updateUser(
  services: Pick<UserAdminServices, 'db' | 'clock' | 'company' | 'events'>,
  actor: AdminActor,
  userId: string,
  request: UpdateUserRequest,
): Promise<UserSummary> {
  const { db } = services;
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
  if (newExtension !== undefined) await checkFreeExtension(db, 'extension', newExtension);
  if (request.userGroupId) await chosenGroup(db, request.userGroupId);
  if (request.outboundCalls !== undefined) {
    if (current.outbound_calls === null)
      throw new OfficeError(
        400,
        'invalid_field',
        'A user without an extension makes no calls: give them one first',
        'body.outboundCalls',
      );
    assertMayGrantOutbound(actor, current.outbound_calls, request.outboundCalls);
  }
  const suspending = request.status === 'suspended' && current.status !== 'suspended';
  const closingPortal = request.portalAccess === false && current.portal_access === 1;
  // A suspended user's phones stop too; turning the portal off stops only the app's softphone.
  const revoked = suspending
    ? await sipUsernamesOf(db, current.extension_id)
    : closingPortal
      ? await sipUsernamesOf(db, current.extension_id, 'softphone')
      : [];
  // The number and name show on the user's desk phones and on colleagues' BLF keys.
  const renamed = request.callerIdName !== undefined && request.callerIdName !== current.caller_id_name;
  const phones =
    current.extension_id && (newExtension !== undefined || renamed)
      ? await deskPhonesShowing(db, [current.extension_id])
      : [];

  try {
    await db.transaction().execute(async (trx) => {
      const now = services.clock();
      await updateUserRow(trx, userId, { ...request, email }, now);
      if (current.extension_id && (request.extension !== undefined || request.callerIdName !== undefined)) {
        await updateExtension(trx, current.extension_id, {
          number: request.extension,
          callerIdName: request.callerIdName,
        });
      }
      if (request.outboundCalls !== undefined) {
        // Read again under the row's lock: a super admin may have narrowed it since the check above.
        await lockRow(trx, 'preferences', 'user_id', userId);
        assertMayGrantOutbound(actor, await outboundCallsOf(trx, userId), request.outboundCalls);
        await setOutboundCalls(trx, userId, request.outboundCalls);
      }
      if (suspending || closingPortal)
        await revokeUserSessions(trx, userId, now, suspending ? 'suspended' : 'sign-in-turned-off');
      await writeAudit(trx, now, actor, 'user.updated', { type: 'user', id: userId }, { ...request });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new OfficeError(409, 'conflict', 'That email or extension was just taken');
    throw error;
  }
  // Told while their registrations under the old number still stand.
  if (phones.length > 0) services.events.emit('desk-phone-configs-changed', phones);
  if (revoked.length > 0) services.events.emit('sip-credentials-revoked', revoked);
  if (suspending || closingPortal) services.events.emit('sessions-ended', userId);
  if (newExtension !== undefined && current.extension)
    services.events.emit('extensions-vacated', [current.extension]);
  return getUserSummary(db, userId);
}

/**
 * The reassignments a deletion brings, checked: every number ringing the extension gets a new
 * target (not the extension itself), the actor may route there, and nothing else is moved.
 */
async function checkedReassignments(
  db: OfficeDb,
  actor: AdminActor,
  extension: string | null,
  requested: NumberReassignment[],
): Promise<NumberReassignment[]> {
  const ringing = extension ? await numbersRingingExtension(db, extension) : [];
  const moves = new Map(requested.map((move) => [move.id, move]));
  const stranded = ringing.filter((number) => !moves.has(number.id));
  if (stranded.length > 0) {
    throw new OfficeError(
      409,
      'in_use',
      `${stranded.map((number) => number.number).join(', ')} ring(s) extension ${extension}: ` +
        'give each a new target in reassignNumbers',
      'body.reassignNumbers',
    );
  }
  for (const move of moves.values()) {
    if (!ringing.some((number) => number.id === move.id))
      throw new OfficeError(
        400,
        'invalid_field',
        `Phone number ${move.id} does not ring this user's extension`,
        'body.reassignNumbers',
      );
    if ((move.routeType === 'extension' || move.routeType === 'voicemail') && move.routeTarget === extension)
      throw new OfficeError(
        400,
        'invalid_field',
        'A number cannot stay on the extension or voicemail box being deleted',
        'body.reassignNumbers',
      );
    if (!(await findRouteTarget(db, move.routeType, move.routeTarget)))
      throw new OfficeError(
        400,
        'invalid_field',
        `There is no ${routeInWords(move.routeType, move.routeTarget)}`,
        'body.reassignNumbers',
      );
    await assertMayRouteTo(db, actor, move.routeType, move.routeTarget);
  }
  return [...moves.values()];
}

/**
 * Deletes a user: their devices go back to the free pool with fresh SIP credentials, the
 * extension and voicemail box are freed, sessions end, and the phone numbers that rang them
 * ring the targets given; voicemail audio files are removed after the commit.
 */
export async function deleteUser(
  services: Pick<UserAdminServices, 'db' | 'clock' | 'logger' | 'secrets' | 'events' | 'voicemailFiles'>,
  actor: AdminActor,
  userId: string,
  request: DeleteUserRequest = {},
): Promise<void> {
  const { db } = services;
  if (actor.id === userId)
    throw new OfficeError(409, 'cannot_delete_self', 'You cannot delete your own account');
  const current = await findUserRow(db, userId);
  assertMayManage(actor, current.role);
  const moves = await checkedReassignments(db, actor, current.extension, request.reassignNumbers ?? []);
  const audioFiles = current.extension_id ? await audioFilesOf(db, current.extension_id) : [];
  // The user's desk phones go back to the pool without an account; colleagues lose their BLF key.
  const phones = current.extension_id ? await deskPhonesShowing(db, [current.extension_id]) : [];
  const revoked = await db.transaction().execute(async (trx) => {
    const now = services.clock();
    for (const { id, routeType, routeTarget } of moves) {
      // Refused here if the target went away since it was picked: nothing is deleted then.
      await patchPhoneNumber(trx, id, { routeType, routeTarget });
      await writeAudit(
        trx,
        now,
        actor,
        'phone-number.updated',
        { type: 'phone-number', id },
        {
          routeType,
          routeTarget,
        },
      );
    }
    const released = current.extension_id
      ? await releaseDevicesOf(trx, services.secrets, current.extension_id, now)
      : [];
    // Their sessions go with the row (the foreign key cascades).
    await deleteUserRow(trx, userId);
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
  if (phones.length > 0) services.events.emit('desk-phone-configs-changed', phones);
  if (revoked.length > 0) services.events.emit('sip-credentials-revoked', revoked);
  await services.voicemailFiles.removeLeftovers(audioFiles, services.logger);
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
  services: Pick<
    UserAdminServices,
    'db' | 'clock' | 'config' | 'company' | 'mailer' | 'loginThrottle' | 'events'
  >,
  actor: AdminActor,
  userId: string,
  request: PasswordResetRequest,
): Promise<void> {
  const { db } = services;
  const user = await findUserRow(db, userId);
  assertMayManage(actor, user.role);
  const company = await services.company.get();
  const password = passwordOfReset(request, company.min_password_length, user);
  const language = await mailLanguage(db, user.id);
  const template = await pickTemplate(db, 'password-reset', language);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const now = services.clock();
    await replacePassword(trx, userId, passwordHash, now, {
      mustChange: true,
      reason: 'password-reset',
      knownDevices: 'forget',
    });
    await writeAudit(
      trx,
      now,
      actor,
      'user.password-reset',
      { type: 'user', id: userId },
      { mode: request.mode },
    );
  });
  services.loginThrottle.clearLogins(user.email, user.extension, ...(await signInNumbersOf(db, user)));
  services.events.emit('sessions-ended', userId);
  const values = {
    name: user.name,
    email: user.email,
    extension: user.extension ?? '',
    temporaryPassword: password,
    portalUrl: startPageUrl(services.config.portalUrl, language),
    companyName: company.name,
  };
  await services.mailer.send(renderMail(template, { email: user.email, userId: user.id }, values));
}
