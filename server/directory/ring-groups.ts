// Ring groups and their members. A group owns an extension row with no user (its number, the
// name its calls show, its voicemail box); deleting the group deletes that row, and the
// database cascades to the group, its members and its box.
import { randomUUID } from 'node:crypto';
import type {
  CreateRingGroup,
  MyRingGroup,
  OverflowType,
  RingGroup,
  RingStrategy,
  UpdateRingGroup,
} from '../../common/api/ring-groups';
import type { CallerHears } from '../../common/api/music';
import type { OfficeDb } from '../db/database';
import type { Selectable, Updateable } from 'kysely';
import type { RingGroupTable } from '../db/schema';
import { OfficeError, notFound } from '../errors';
import { checkedMusic } from '../music/music-library';
import { isoAt } from '../time';
import { checkFreeExtension, insertExtension, nextFreeExtension, updateExtension } from './extensions';
import { assertNumberUnused } from './number-uses';
import { findRouteTarget } from './route-targets';
import { insertVoicemailBox } from './voicemail-boxes';
import { audioFilesOf } from './voicemail';

const DEFAULT_MEMBER_RING_SECONDS = 20;
const DEFAULT_GROUP_RING_SECONDS = 60;

function groupsQuery(db: OfficeDb) {
  return db
    .selectFrom('ring_groups')
    .innerJoin('extensions', 'extensions.id', 'ring_groups.extension_id')
    .leftJoin('extensions as overflow', 'overflow.id', 'ring_groups.overflow_extension_id')
    .selectAll('ring_groups')
    .select(['extensions.number as extension', 'overflow.number as overflow_target']);
}
type GroupRow = Selectable<RingGroupTable> & { extension: string; overflow_target: string | null };

async function membersOf(db: OfficeDb, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('ring_group_members')
    .innerJoin('extensions', 'extensions.id', 'ring_group_members.extension_id')
    .select([
      'ring_group_members.ring_group_id',
      'ring_group_members.logged_in',
      'extensions.number',
      'extensions.caller_id_name',
    ])
    .where('ring_group_members.ring_group_id', 'in', groupIds)
    .orderBy('ring_group_members.position')
    .execute();
}

/** The group's own settings, as the API and call control both see them. */
function settingsOf(row: GroupRow) {
  return {
    id: row.id,
    name: row.name,
    extension: row.extension,
    strategy: row.strategy,
    memberRingSeconds: row.member_ring_seconds,
    groupRingSeconds: row.group_ring_seconds,
    skipBusy: row.skip_busy === 1,
    overflowType: row.overflow_type,
    // A deleted overflow extension leaves the group overflowing to its own voicemail.
    overflowTarget: row.overflow_type === 'voicemail' ? null : row.overflow_target,
    callerHears: row.caller_hears,
    musicId: row.music_id,
  };
}

async function toGroups(db: OfficeDb, rows: GroupRow[]): Promise<RingGroup[]> {
  const members = await membersOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    ...settingsOf(row),
    members: members
      .filter((member) => member.ring_group_id === row.id)
      .map((member) => ({
        extension: member.number,
        name: member.caller_id_name,
        loggedIn: member.logged_in === 1,
      })),
    createdAt: row.created_at,
  }));
}

export async function listRingGroups(db: OfficeDb): Promise<RingGroup[]> {
  return toGroups(db, await groupsQuery(db).orderBy('extensions.number').execute());
}

export async function getRingGroup(db: OfficeDb, id: string): Promise<RingGroup> {
  const row = await groupsQuery(db).where('ring_groups.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Ring group');
  return (await toGroups(db, [row]))[0]!;
}

/** The extension rows of the given numbers that belong to users (members and overflow targets). */
async function userExtensionIds(
  db: OfficeDb,
  numbers: string[],
  field: string,
): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .selectFrom('extensions')
    .select(['id', 'number'])
    .where('number', 'in', numbers)
    .where('user_id', 'is not', null)
    .execute();
  const ids = new Map(rows.map((row) => [row.number, row.id]));
  const missing = numbers.filter((number) => !ids.has(number));
  if (missing.length > 0)
    throw new OfficeError(400, 'invalid_field', `No user has extension ${missing.join(', ')}`, field);
  return ids;
}

/**
 * The extension row an overflow goes to, checked against its type (the route targets': a
 * colleague, another group, a receptionist…); null for voicemail.
 */
async function overflowExtensionId(
  db: OfficeDb,
  type: OverflowType,
  target: string | null | undefined,
  ownGroupId: string | null,
): Promise<string | null> {
  if (type === 'voicemail') return null;
  const field = 'body.overflowTarget';
  if (!target) throw new OfficeError(400, 'missing_field', `Overflow to ${type} needs its extension`, field);
  if (!(await findRouteTarget(db, type, target)))
    throw new OfficeError(400, 'invalid_field', `There is no ${type} ${target}`, field);
  const row = await db
    .selectFrom('extensions')
    .leftJoin('ring_groups', 'ring_groups.extension_id', 'extensions.id')
    .select(['extensions.id', 'ring_groups.id as group_id'])
    .where('extensions.number', '=', target)
    .executeTakeFirstOrThrow();
  if (row.group_id !== null && row.group_id === ownGroupId)
    throw new OfficeError(400, 'invalid_field', 'A ring group cannot overflow to itself', field);
  return row.id;
}

/** Replaces the member list, in order; members who stay keep their logged-in state. */
async function setMembers(db: OfficeDb, groupId: string, extensions: string[]): Promise<void> {
  const ids = await userExtensionIds(db, extensions, 'body.members');
  const before = await db
    .selectFrom('ring_group_members')
    .select(['extension_id', 'logged_in'])
    .where('ring_group_id', '=', groupId)
    .execute();
  const loggedIn = new Map(before.map((row) => [row.extension_id, row.logged_in]));
  await db.deleteFrom('ring_group_members').where('ring_group_id', '=', groupId).execute();
  if (extensions.length === 0) return;
  await db
    .insertInto('ring_group_members')
    .values(
      extensions.map((number, position) => {
        const extensionId = ids.get(number)!;
        return {
          ring_group_id: groupId,
          extension_id: extensionId,
          position,
          logged_in: loggedIn.get(extensionId) ?? 1,
        };
      }),
    )
    .execute();
}

export async function insertRingGroup(db: OfficeDb, body: CreateRingGroup, now: number): Promise<string> {
  if (body.extension) await checkFreeExtension(db, 'ring-group', body.extension);
  const extensionId = randomUUID();
  const number = body.extension ?? (await nextFreeExtension(db, 'ring-group'));
  await insertExtension(db, { id: extensionId, number, callerIdName: body.name, userId: null }, now);
  // The group's own box: the default overflow. Nobody is mailed about its messages.
  await insertVoicemailBox(db, extensionId, '', now);
  const id = randomUUID();
  const overflowType = body.overflowType ?? 'voicemail';
  await db
    .insertInto('ring_groups')
    .values({
      id,
      extension_id: extensionId,
      name: body.name,
      strategy: body.strategy,
      member_ring_seconds: body.memberRingSeconds ?? DEFAULT_MEMBER_RING_SECONDS,
      group_ring_seconds: body.groupRingSeconds ?? DEFAULT_GROUP_RING_SECONDS,
      skip_busy: body.skipBusy === false ? 0 : 1,
      overflow_type: overflowType,
      overflow_extension_id: await overflowExtensionId(db, overflowType, body.overflowTarget, id),
      last_answered_extension_id: null,
      created_at: isoAt(now),
      caller_hears: body.callerHears ?? 'ringing',
      music_id: await checkedMusic(db, body.musicId ?? null),
    })
    .execute();
  await setMembers(db, id, body.members);
  return id;
}

export async function patchRingGroup(db: OfficeDb, id: string, body: UpdateRingGroup): Promise<void> {
  const current = await getRingGroup(db, id);
  const row = await db
    .selectFrom('ring_groups')
    .select('extension_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (body.extension !== undefined && body.extension !== current.extension)
    await checkFreeExtension(db, 'ring-group', body.extension);
  if (body.extension !== undefined || body.name !== undefined)
    await updateExtension(db, row.extension_id, { number: body.extension, callerIdName: body.name });
  const overflowType = body.overflowType ?? current.overflowType;
  const overflowChanged = body.overflowType !== undefined || body.overflowTarget !== undefined;
  const changes: Updateable<RingGroupTable> = {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.strategy !== undefined && { strategy: body.strategy }),
    ...(body.memberRingSeconds !== undefined && { member_ring_seconds: body.memberRingSeconds }),
    ...(body.groupRingSeconds !== undefined && { group_ring_seconds: body.groupRingSeconds }),
    ...(body.skipBusy !== undefined && { skip_busy: body.skipBusy ? (1 as const) : (0 as const) }),
    ...(body.callerHears !== undefined && { caller_hears: body.callerHears }),
    ...(body.musicId !== undefined && { music_id: await checkedMusic(db, body.musicId) }),
    ...(overflowChanged && {
      overflow_type: overflowType,
      overflow_extension_id: await overflowExtensionId(
        db,
        overflowType,
        body.overflowTarget === undefined ? current.overflowTarget : body.overflowTarget,
        id,
      ),
    }),
  };
  // A patch of the extension or the members alone leaves the group's own row as it is (an
  // UPDATE setting nothing is not SQL).
  if (Object.keys(changes).length > 0)
    await db.updateTable('ring_groups').set(changes).where('id', '=', id).execute();
  if (body.members !== undefined) await setMembers(db, id, body.members);
}

/**
 * Refused while a phone number, another group or a user's forwarding still sends calls to the
 * group (number-uses.ts). Answers the audio files of the group's box, to remove once the
 * deletion is committed.
 */
export async function removeRingGroup(db: OfficeDb, id: string): Promise<string[]> {
  const group = await getRingGroup(db, id);
  await assertNumberUnused(db, group.extension, 'ring group');
  const row = await db
    .selectFrom('ring_groups')
    .select('extension_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const audioFiles = await audioFilesOf(db, row.extension_id);
  await db.deleteFrom('extensions').where('id', '=', row.extension_id).execute();
  return audioFiles;
}

/** The groups the user's extension belongs to. */
export async function listMyRingGroups(db: OfficeDb, userId: string): Promise<MyRingGroup[]> {
  const rows = await db
    .selectFrom('ring_group_members')
    .innerJoin('extensions as mine', 'mine.id', 'ring_group_members.extension_id')
    .innerJoin('ring_groups', 'ring_groups.id', 'ring_group_members.ring_group_id')
    .innerJoin('extensions as group', 'group.id', 'ring_groups.extension_id')
    .select(['ring_groups.id', 'ring_groups.name', 'group.number', 'ring_group_members.logged_in'])
    .where('mine.user_id', '=', userId)
    .orderBy('group.number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    extension: row.number,
    loggedIn: row.logged_in === 1,
  }));
}

/** Logs the user in or out of a group they belong to; 404 for a group they are not in. */
export async function setMyRingGroupMembership(
  db: OfficeDb,
  userId: string,
  groupId: string,
  loggedIn: boolean,
): Promise<MyRingGroup> {
  const mine = await db
    .selectFrom('extensions')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const result = mine
    ? await db
        .updateTable('ring_group_members')
        .set({ logged_in: loggedIn ? 1 : 0 })
        .where('ring_group_id', '=', groupId)
        .where('extension_id', '=', mine.id)
        .executeTakeFirst()
    : null;
  if (!result || Number(result.numUpdatedRows) !== 1) throw notFound('Ring group');
  return (await listMyRingGroups(db, userId)).find((group) => group.id === groupId)!;
}

/**
 * Logs a member in or out of a group, both by extension (a feature code dialled from the
 * member's phone): the group's name, or null when the group has no such member.
 */
export async function setMembershipByExtension(
  db: OfficeDb,
  memberExtension: string,
  groupExtension: string,
  loggedIn: boolean,
): Promise<string | null> {
  const membership = await db
    .selectFrom('ring_group_members')
    .innerJoin('extensions as member', 'member.id', 'ring_group_members.extension_id')
    .innerJoin('ring_groups', 'ring_groups.id', 'ring_group_members.ring_group_id')
    .innerJoin('extensions as group', 'group.id', 'ring_groups.extension_id')
    .select(['ring_group_members.ring_group_id', 'ring_group_members.extension_id', 'ring_groups.name'])
    .where('member.number', '=', memberExtension)
    .where('group.number', '=', groupExtension)
    .executeTakeFirst();
  if (!membership) return null;
  await db
    .updateTable('ring_group_members')
    .set({ logged_in: loggedIn ? 1 : 0 })
    .where('ring_group_id', '=', membership.ring_group_id)
    .where('extension_id', '=', membership.extension_id)
    .execute();
  return membership.name;
}

/** What call control needs to ring a group. */
export interface RingGroupPlan {
  id: string;
  name: string;
  extension: string;
  strategy: RingStrategy;
  memberRingSeconds: number;
  groupRingSeconds: number;
  skipBusy: boolean;
  overflowType: OverflowType;
  /** Logged-in members in ringing order, with whether each is in do-not-disturb. */
  members: { extension: string; name: string; userId: string | null; doNotDisturb: boolean }[];
  /** The member extension that answered the group's last answered call. */
  lastAnswered: string | null;
  /** Where a call nobody answered goes: null for the group's own voicemail. */
  overflowTarget: string | null;
  /** Whether the caller hears ringing or music while members ring. */
  callerHears: CallerHears;
  /** The group's own music; null for the company's default. */
  musicId: string | null;
}

/** The group behind a dialled extension, or null when it is not a group's. */
export async function findRingGroupPlan(db: OfficeDb, number: string): Promise<RingGroupPlan | null> {
  const row = await groupsQuery(db)
    .leftJoin('extensions as last', 'last.id', 'ring_groups.last_answered_extension_id')
    .select('last.number as last_answered')
    .where('extensions.number', '=', number)
    .executeTakeFirst();
  if (!row) return null;
  const members = await db
    .selectFrom('ring_group_members')
    .innerJoin('extensions', 'extensions.id', 'ring_group_members.extension_id')
    .leftJoin('preferences', 'preferences.user_id', 'extensions.user_id')
    .select([
      'extensions.number',
      'extensions.caller_id_name',
      'extensions.user_id',
      'preferences.do_not_disturb',
    ])
    .where('ring_group_members.ring_group_id', '=', row.id)
    .where('ring_group_members.logged_in', '=', 1)
    .orderBy('ring_group_members.position')
    .execute();
  return {
    ...settingsOf(row),
    members: members.map((member) => ({
      extension: member.number,
      name: member.caller_id_name,
      userId: member.user_id,
      doNotDisturb: member.do_not_disturb === 1,
    })),
    lastAnswered: row.last_answered,
  };
}

/** Round robin's position: the next call starts after this member. */
export async function recordRingGroupAnswer(db: OfficeDb, groupId: string, memberExtension: string) {
  const member = await db
    .selectFrom('extensions')
    .select('id')
    .where('number', '=', memberExtension)
    .executeTakeFirst();
  if (!member) return;
  await db
    .updateTable('ring_groups')
    .set({ last_answered_extension_id: member.id })
    .where('id', '=', groupId)
    .execute();
}
