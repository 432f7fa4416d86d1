// What a phone number can ring, one lookup per kind of target: extensions, ring groups,
// receptionists, conference bridges, and voicemail boxes (a call straight to the box). A new kind
// adds its lookup here, and the pickers and the checks follow.
import type { NumberRouteType, RouteTarget, RouteType } from '../../common/api/directory';
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
          selectFrom('receptionists')
            .select('receptionists.id')
            .whereRef('receptionists.extension_id', '=', 'extensions.id'),
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

/** Receptionists, each by its extension's number and its name. */
function selectReceptionistTargets(db: OfficeDb) {
  return db
    .selectFrom('receptionists')
    .innerJoin('extensions', 'extensions.id', 'receptionists.extension_id')
    .select(['extensions.number', 'receptionists.name']);
}

/** Conference bridges, each by its extension's number and the bridge's name. */
function selectConferenceTargets(db: OfficeDb) {
  return db
    .selectFrom('conferences')
    .innerJoin('extensions', 'extensions.id', 'conferences.extension_id')
    .select(['extensions.number', 'conferences.name']);
}

/**
 * Voicemail boxes, each by its extension's number and whose it is: a person's, or a ring group's
 * shared box (the group's extension, its name).
 */
function selectVoicemailTargets(db: OfficeDb) {
  return db
    .selectFrom('voicemail_boxes')
    .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
    .leftJoin('users', 'users.id', 'extensions.user_id')
    .leftJoin('ring_groups', 'ring_groups.extension_id', 'extensions.id')
    .select((eb) => [
      'extensions.number',
      eb.fn.coalesce('users.name', 'ring_groups.name', 'extensions.caller_id_name').as('name'),
    ]);
}

const targetOf =
  (kind: NumberRouteType) =>
  (row: { number: string; name: string }): RouteTarget => ({ kind, number: row.number, name: row.name });
const extensionTarget = targetOf('extension');
const ringGroupTarget = targetOf('ring-group');
const receptionistTarget = targetOf('receptionist');
const conferenceTarget = targetOf('conference');
const voicemailTarget = targetOf('voicemail');

const KINDS: Record<NumberRouteType, TargetKind> = {
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
  receptionist: {
    list: async (db) =>
      (await selectReceptionistTargets(db).orderBy('extensions.number').execute()).map(receptionistTarget),
    find: async (db, number) => {
      const row = await selectReceptionistTargets(db)
        .where('extensions.number', '=', number)
        .executeTakeFirst();
      return row && receptionistTarget(row);
    },
  },
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
  voicemail: {
    list: async (db) =>
      (await selectVoicemailTargets(db).orderBy('extensions.number').execute()).map(voicemailTarget),
    find: async (db, number) => {
      const row = await selectVoicemailTargets(db).where('extensions.number', '=', number).executeTakeFirst();
      return row && voicemailTarget(row);
    },
  },
};

/**
 * The office's services: every kind but a person's extension and a voicemail box (a box shares its
 * extension's number, so it is no number of its own to forward or dial to).
 */
const SERVICE_KINDS = (Object.keys(KINDS) as NumberRouteType[]).filter(
  (kind) => kind !== 'extension' && kind !== 'voicemail',
);

/**
 * Where a person may send their calls (forwarding): active colleagues' extensions, by name, and
 * every service of the office. A suspended colleague takes no calls, so is not offered.
 */
export async function listDestinations(db: OfficeDb): Promise<RouteTarget[]> {
  const colleagues = await db
    .selectFrom('users')
    .innerJoin('extensions', 'extensions.user_id', 'users.id')
    .select(['extensions.number', 'users.name'])
    .where('users.status', '=', 'active')
    .orderBy('extensions.number')
    .execute();
  const serviceTargets = await Promise.all(SERVICE_KINDS.map((kind) => KINDS[kind].list(db)));
  return [...colleagues.map(extensionTarget), ...serviceTargets.flat()];
}

/** Everything a number can ring, kind by kind, each by number. */
export async function listRouteTargets(db: OfficeDb): Promise<RouteTarget[]> {
  const kinds = Object.values(KINDS);
  return (await Promise.all(kinds.map((kind) => kind.list(db)))).flat();
}

/** Every extension of the office, of each kind (a voicemail box is not one: it is its extension's). */
export async function listExtensionTargets(db: OfficeDb): Promise<(RouteTarget & { kind: RouteType })[]> {
  return (await listRouteTargets(db)).filter(
    (target): target is RouteTarget & { kind: RouteType } => target.kind !== 'voicemail',
  );
}

const KIND_WORDS: Record<NumberRouteType, string> = {
  extension: 'extension',
  'ring-group': 'ring group',
  receptionist: 'receptionist',
  conference: 'conference bridge',
  voicemail: 'voicemail box',
};

/** A target in words, for the office's messages: "voicemail box 101". */
export const routeInWords = (kind: NumberRouteType, number: string) => `${KIND_WORDS[kind]} ${number}`;

/** The target of this kind and number, or undefined when the office has none. */
export function findRouteTarget(
  db: OfficeDb,
  kind: NumberRouteType,
  number: string,
): Promise<RouteTarget | undefined> {
  return KINDS[kind].find(db, number);
}

/**
 * The service (a ring group, a receptionist, a conference bridge: any kind but a person's
 * extension) with this number, if there is one.
 */
export async function findServiceTarget(db: OfficeDb, number: string): Promise<RouteTarget | undefined> {
  const found = await Promise.all(SERVICE_KINDS.map((kind) => KINDS[kind].find(db, number)));
  return found.find((target) => target !== undefined);
}
