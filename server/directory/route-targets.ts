// What a phone number can ring, one lookup per kind of target. The office has extensions, ring
// groups and conference bridges so far; the receptionist adds its lookup here when it arrives,
// and the picker and the checks follow.
import type { RouteTarget, RouteType } from '../../common/api/directory';
import type { OfficeDb } from '../db/database';

interface TargetKind {
  /** Every target of this kind, by number. */
  list: (db: OfficeDb) => Promise<RouteTarget[]>;
  /** The target with this number, if there is one. */
  find: (db: OfficeDb, number: string) => Promise<RouteTarget | undefined>;
}

/**
 * Extensions, each called by its owner's name (an unowned one by its caller-ID name). A ring
 * group's own extension is a ring-group target, not an extension one.
 */
function selectExtensionTargets(db: OfficeDb) {
  return db
    .selectFrom('extensions')
    .leftJoin('users', 'users.id', 'extensions.user_id')
    .select((eb) => [
      'extensions.number',
      eb.fn.coalesce('users.name', 'extensions.caller_id_name').as('name'),
    ])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ring_groups')
            .select('ring_groups.id')
            .whereRef('ring_groups.extension_id', '=', 'extensions.id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('conferences')
            .select('conferences.id')
            .whereRef('conferences.extension_id', '=', 'extensions.id'),
        ),
      ),
    );
}

/** Ring groups, each by its extension's number and the group's name. */
function selectRingGroupTargets(db: OfficeDb) {
  return db
    .selectFrom('ring_groups')
    .innerJoin('extensions', 'extensions.id', 'ring_groups.extension_id')
    .select(['extensions.number', 'ring_groups.name']);
}

/** Conference bridges, each by its extension's number and the bridge's name. */
function selectConferenceTargets(db: OfficeDb) {
  return db
    .selectFrom('conferences')
    .innerJoin('extensions', 'extensions.id', 'conferences.extension_id')
    .select(['extensions.number', 'conferences.name']);
}

const targetOf =
  (kind: RouteType) =>
  (row: { number: string; name: string }): RouteTarget => ({ kind, number: row.number, name: row.name });
const extensionTarget = targetOf('extension');
const ringGroupTarget = targetOf('ring-group');
const conferenceTarget = targetOf('conference');

/** A kind the office has no targets of yet: nothing to list, nothing found. */
const NOT_YET: TargetKind = { list: async () => [], find: async () => undefined };

const KINDS: Record<RouteType, TargetKind> = {
  extension: {
    list: async (db) =>
      (await selectExtensionTargets(db).orderBy('extensions.number').execute()).map(extensionTarget),
    find: async (db, number) => {
      const row = await selectExtensionTargets(db).where('extensions.number', '=', number).executeTakeFirst();
      return row && extensionTarget(row);
    },
  },
  'ring-group': {
    list: async (db) =>
      (await selectRingGroupTargets(db).orderBy('extensions.number').execute()).map(ringGroupTarget),
    find: async (db, number) => {
      const row = await selectRingGroupTargets(db).where('extensions.number', '=', number).executeTakeFirst();
      return row && ringGroupTarget(row);
    },
  },
  receptionist: NOT_YET,
  conference: {
    list: async (db) =>
      (await selectConferenceTargets(db).orderBy('extensions.number').execute()).map(conferenceTarget),
    find: async (db, number) => {
      const row = await selectConferenceTargets(db)
        .where('extensions.number', '=', number)
        .executeTakeFirst();
      return row && conferenceTarget(row);
    },
  },
};

/** Everything a number can ring, kind by kind, each by number. */
export async function listRouteTargets(db: OfficeDb): Promise<RouteTarget[]> {
  const kinds = Object.values(KINDS);
  return (await Promise.all(kinds.map((kind) => kind.list(db)))).flat();
}

/** The target of this kind and number, or undefined when the office has none. */
export function findRouteTarget(
  db: OfficeDb,
  kind: RouteType,
  number: string,
): Promise<RouteTarget | undefined> {
  return KINDS[kind].find(db, number);
}
