// Who may manage whom. Admins manage users; administrators (admins and super admins) are managed
// only by a super admin. Everything that belongs to a person follows the same rule:
// - a device belongs to the owner of its extension (creating, editing, moving, regenerating or
//   deleting it needs authority over its owner, and over the owner of an extension it moves to);
// - a phone number belongs to the owner of the extension it rings (routing a number to, or away
//   from, an administrator's extension is theirs to decide), or of the voicemail box it fills;
// - a ring group belongs to the extensions it rings (its members and its overflow): one ringing an
//   administrator's phones is the super admin's;
// - a user group belongs to its members: one holding an administrator is the super admin's;
// - a settings template belongs to the groups that apply it: a template applied by such a group
//   is the super admin's too (it would set up the administrators that group receives).
// - the security settings (password rules, lockout, session limits) and the templates of security
//   mails (welcome, password reset, password recovery: they carry passwords and recovery codes)
//   bind every account, super admins' included: only a super admin changes them.
// - a person's outbound permission: any admin may narrow it; only a super admin grants
//   international calls (where toll fraud costs money), whether on the person, through the
//   settings template a new user starts with (chosen directly or through a user group), or by
//   writing it into a template. Each check reads what it compares in the write's transaction,
//   the row locked, so two admins at once cannot slip a grant between a read and a write.
// Reading stays open to every admin: reads show no secrets.
import { mayGrantOutbound, mayManage } from '../../common/api/authority';
import type { NumberRouteType } from '../../common/api/directory';
import type { TemplatePreferences } from '../../common/api/preferences';
import { sql } from 'kysely';
import type { OfficeDb } from '../db/database';
import { OfficeError } from '../errors';
import type { Actor } from '../directory/audit';
import { getRingGroup } from '../directory/ring-groups';
import { findSettingsTemplate } from '../directory/settings-templates';

export interface AdminActor extends Actor {
  role: 'user' | 'admin' | 'superadmin';
}

const forbiddenFor = (what: string, field?: string) =>
  new OfficeError(403, 'forbidden', `Only a super admin can manage ${what}`, field);

/** Throws unless the actor may manage an account of the target role. */
export function assertMayManage(actor: Pick<AdminActor, 'role'>, targetRole: string, field?: string): void {
  if (!mayManage(actor.role, targetRole)) throw forbiddenFor('administrators', field);
}

/** What binds the super admins themselves: security settings, the templates of security mails. */
export function assertMayChangeSecurity(actor: Pick<AdminActor, 'role'>, what: string, field?: string): void {
  if (actor.role !== 'superadmin') throw forbiddenFor(what, field);
}

/**
 * Throws unless the actor may change a person's outbound permission from `before` to `after`;
 * `through` says what would grant it when that is not the permission field itself.
 */
export function assertMayGrantOutbound(
  actor: Pick<AdminActor, 'role'>,
  before: string | null,
  after: string,
  through: { field: string; what: string } = { field: 'body.outboundCalls', what: '' },
): void {
  if (!mayGrantOutbound(actor.role, before, after))
    throw new OfficeError(
      403,
      'forbidden',
      `Only a super admin can grant international calls${through.what && `: ${through.what} allows them`}`,
      through.field,
    );
}

const TEMPLATE_PERMISSION = {
  field: 'body.preferences.outboundCalls',
  what: 'this settings template',
};

/** A new settings template: one allowing international calls is a super admin's grant. */
export function assertMayCreateTemplate(
  actor: Pick<AdminActor, 'role'>,
  body: { preferences: TemplatePreferences },
): void {
  assertMayGrantOutbound(actor, null, body.preferences.outboundCalls ?? 'national', TEMPLATE_PERMISSION);
}

/**
 * A change to a settings template: the template must be the actor's to manage, and new
 * preferences may allow international calls only if the template already did, or the actor is a
 * super admin. The template's row is locked before it is read (see lockRow).
 */
export async function assertMayChangeTemplate(
  db: OfficeDb,
  actor: AdminActor,
  templateId: string,
  body: { preferences?: TemplatePreferences },
): Promise<void> {
  await assertMayManageTemplate(db, actor, templateId);
  const after = body.preferences?.outboundCalls;
  if (actor.role === 'superadmin' || after !== 'international') return;
  await lockRow(db, 'settings_templates', 'id', templateId);
  const current = await findSettingsTemplate(db, templateId);
  assertMayGrantOutbound(actor, current?.preferences.outboundCalls ?? null, after, TEMPLATE_PERMISSION);
}

/**
 * Takes the write lock on a row before it is read in a transaction (a no-op update): on
 * PostgreSQL a concurrent writer of that row waits for this transaction, and what is read next is
 * its latest committed state; SQLite runs one write transaction at a time anyway.
 */
export async function lockRow(
  db: OfficeDb,
  table: 'settings_templates' | 'preferences',
  key: 'id' | 'user_id',
  id: string,
): Promise<void> {
  await sql`update ${sql.table(table)} set ${sql.ref(key)} = ${sql.ref(key)} where ${sql.ref(key)} = ${id}`.execute(
    db,
  );
}

/** An extension (by number) whose owner the actor may not manage; unowned extensions are anyone's. */
export async function assertMayManageExtension(
  db: OfficeDb,
  actor: AdminActor,
  number: string | null,
  field?: string,
): Promise<void> {
  if (actor.role === 'superadmin' || number === null) return;
  const owner = await db
    .selectFrom('extensions')
    .innerJoin('users', 'users.id', 'extensions.user_id')
    .select('users.role')
    .where('extensions.number', '=', number)
    .executeTakeFirst();
  if (owner && owner.role !== 'user') throw forbiddenFor('the phones and numbers of administrators', field);
}

/** A device on the extension of someone the actor may not manage. Unknown devices pass (404 later). */
export async function assertMayManageDevice(
  db: OfficeDb,
  actor: AdminActor,
  deviceId: string,
): Promise<void> {
  if (actor.role === 'superadmin') return;
  const owner = await db
    .selectFrom('devices')
    .innerJoin('extensions', 'extensions.id', 'devices.extension_id')
    .innerJoin('users', 'users.id', 'extensions.user_id')
    .select('users.role')
    .where('devices.id', '=', deviceId)
    .executeTakeFirst();
  if (owner && owner.role !== 'user') throw forbiddenFor('the phones and numbers of administrators');
}

/** Routes that are a person's: their extension, and their voicemail box (by the same number). */
const isPersonal = (routeType: NumberRouteType) => routeType === 'extension' || routeType === 'voicemail';

/** Routing a phone number to the extension or box of someone the actor may not manage. */
export async function assertMayRouteTo(
  db: OfficeDb,
  actor: AdminActor,
  routeType: NumberRouteType,
  target: string,
): Promise<void> {
  if (isPersonal(routeType)) await assertMayManageExtension(db, actor, target, 'body.routeTarget');
}

/**
 * A phone number ringing an extension of someone the actor may not manage; with a change, also
 * one it would ring after it. Unknown numbers pass (404 later).
 */
export async function assertMayManagePhoneNumber(
  db: OfficeDb,
  actor: AdminActor,
  id: string,
  change?: { routeType?: NumberRouteType; routeTarget?: string },
): Promise<void> {
  if (actor.role === 'superadmin') return;
  const row = await db
    .selectFrom('phone_numbers')
    .select(['route_type', 'route_target'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return;
  if (isPersonal(row.route_type)) await assertMayManageExtension(db, actor, row.route_target);
  if (change) {
    const routeType = change.routeType ?? row.route_type;
    await assertMayRouteTo(db, actor, routeType, change.routeTarget ?? row.route_target);
  }
}

/** Extensions a ring group would ring (members, overflow): none may be an administrator's for an admin. */
export async function assertMayRing(
  db: OfficeDb,
  actor: AdminActor,
  body: { members?: string[]; overflowTarget?: string | null },
): Promise<void> {
  for (const member of body.members ?? []) await assertMayManageExtension(db, actor, member, 'body.members');
  await assertMayManageExtension(db, actor, body.overflowTarget ?? null, 'body.overflowTarget');
}

/** A ring group that rings an administrator's extension. */
export async function assertMayManageRingGroup(
  db: OfficeDb,
  actor: AdminActor,
  groupId: string,
): Promise<void> {
  if (actor.role === 'superadmin') return;
  const group = await getRingGroup(db, groupId);
  await assertMayRing(db, actor, {
    members: group.members.map((member) => member.extension),
    overflowTarget: group.overflowTarget,
  });
}

/** A user group with an administrator among its members. */
export async function assertMayManageGroup(db: OfficeDb, actor: AdminActor, groupId: string): Promise<void> {
  if (actor.role === 'superadmin') return;
  const administrator = await db
    .selectFrom('users')
    .select('id')
    .where('user_group_id', '=', groupId)
    .where('role', '!=', 'user')
    .executeTakeFirst();
  if (administrator) throw forbiddenFor('a user group that holds administrators');
}

/** A settings template applied by a user group the actor may not manage. */
export async function assertMayManageTemplate(
  db: OfficeDb,
  actor: AdminActor,
  templateId: string,
): Promise<void> {
  if (actor.role === 'superadmin') return;
  const administrator = await db
    .selectFrom('user_groups')
    .innerJoin('users', 'users.user_group_id', 'user_groups.id')
    .select('users.id')
    .where('user_groups.settings_template_id', '=', templateId)
    .where('users.role', '!=', 'user')
    .executeTakeFirst();
  if (administrator) throw forbiddenFor('a settings template of a user group that holds administrators');
}
