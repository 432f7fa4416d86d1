// Conference bridges. A bridge owns an extension row with no user (its number, the name its
// calls show); deleting the bridge deletes that row and the database cascades to the bridge.
// PINs are hashed like passwords: the API says only whether one is set.
import { randomUUID } from 'node:crypto';
import type { Conference, CreateConference, UpdateConference } from '../../common/api/conferences';
import type { OfficeDb } from '../db/database';
import type { ConferenceTable } from '../db/schema';
import { OfficeError, notFound } from '../errors';
import { isoAt } from '../time';
import { hashPassword, verifyPassword } from '../accounts/passwords';
import { checkFreeExtension, insertExtension, nextFreeExtension, updateExtension } from './extensions';
import { assertNumberUnused } from './number-uses';

const DEFAULT_MAX_PARTICIPANTS = 20;

function bridgesQuery(db: OfficeDb) {
  return db
    .selectFrom('conferences')
    .innerJoin('extensions', 'extensions.id', 'conferences.extension_id')
    .selectAll('conferences')
    .select('extensions.number as extension');
}
type BridgeRow = ConferenceTable & { extension: string };

const conferenceOf = (row: BridgeRow): Conference => ({
  id: row.id,
  name: row.name,
  extension: row.extension,
  hasPin: row.pin_hash !== null,
  hasModeratorPin: row.moderator_pin_hash !== null,
  endWithModerator: row.end_with_moderator === 1,
  maxParticipants: row.max_participants,
  createdAt: row.created_at,
});

export async function listConferences(db: OfficeDb): Promise<Conference[]> {
  return (await bridgesQuery(db).orderBy('extensions.number').execute()).map(conferenceOf);
}

export async function getConference(db: OfficeDb, id: string): Promise<Conference> {
  const row = await bridgesQuery(db).where('conferences.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Conference');
  return conferenceOf(row);
}

/**
 * The two PINs must differ, or a moderator could not be told from a participant. The stored
 * one is a hash: a new PIN is compared by verifying it against the other's hash.
 */
async function checkPinsDiffer(pin: string | null, otherPin: string | null, otherHash: string | null) {
  const same =
    pin !== null &&
    (otherPin !== null ? pin === otherPin : otherHash !== null && (await verifyPassword(pin, otherHash)));
  if (same)
    throw new OfficeError(
      400,
      'invalid_field',
      'The moderator PIN must differ from the PIN',
      'body.moderatorPin',
    );
}

const hashOf = (pin: string | null | undefined) => (pin ? hashPassword(pin) : Promise.resolve(null));

export async function insertConference(db: OfficeDb, body: CreateConference, now: number): Promise<string> {
  await checkPinsDiffer(body.pin ?? null, body.moderatorPin ?? null, null);
  if (body.extension) await checkFreeExtension(db, 'conference', body.extension);
  const extensionId = randomUUID();
  const number = body.extension ?? (await nextFreeExtension(db, 'conference'));
  await insertExtension(db, { id: extensionId, number, callerIdName: body.name, userId: null }, now);
  const id = randomUUID();
  await db
    .insertInto('conferences')
    .values({
      id,
      extension_id: extensionId,
      name: body.name,
      pin_hash: await hashOf(body.pin),
      moderator_pin_hash: await hashOf(body.moderatorPin),
      end_with_moderator: body.endWithModerator ? 1 : 0,
      max_participants: body.maxParticipants ?? DEFAULT_MAX_PARTICIPANTS,
      created_at: isoAt(now),
    })
    .execute();
  return id;
}

async function rowOf(db: OfficeDb, id: string): Promise<BridgeRow> {
  const row = await bridgesQuery(db).where('conferences.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Conference');
  return row;
}

export async function patchConference(db: OfficeDb, id: string, body: UpdateConference): Promise<void> {
  const row = await rowOf(db, id);
  if (body.pin) await checkPinsDiffer(body.pin, body.moderatorPin ?? null, row.moderator_pin_hash);
  else if (body.moderatorPin) await checkPinsDiffer(body.moderatorPin, null, row.pin_hash);
  if (body.extension !== undefined && body.extension !== row.extension)
    await checkFreeExtension(db, 'conference', body.extension);
  if (body.extension !== undefined || body.name !== undefined)
    await updateExtension(db, row.extension_id, { number: body.extension, callerIdName: body.name });
  await db
    .updateTable('conferences')
    .set({
      ...(body.name !== undefined && { name: body.name }),
      ...(body.pin !== undefined && { pin_hash: await hashOf(body.pin) }),
      ...(body.moderatorPin !== undefined && { moderator_pin_hash: await hashOf(body.moderatorPin) }),
      ...(body.endWithModerator !== undefined && { end_with_moderator: body.endWithModerator ? 1 : 0 }),
      ...(body.maxParticipants !== undefined && { max_participants: body.maxParticipants }),
    })
    .where('id', '=', id)
    .execute();
}

/** Refused while anything (a phone number, a menu, a forwarding…) still sends its calls to the bridge. */
export async function removeConference(db: OfficeDb, id: string): Promise<void> {
  const row = await rowOf(db, id);
  await assertNumberUnused(db, row.extension, 'conference');
  await db.deleteFrom('extensions').where('id', '=', row.extension_id).execute();
}

/** What the media agent needs to run a bridge's calls: its settings and PIN hashes. */
export interface ConferencePlan {
  id: string;
  name: string;
  extension: string;
  pinHash: string | null;
  moderatorPinHash: string | null;
  endWithModerator: boolean;
  maxParticipants: number;
}

/** The bridge behind a dialled extension, or null when it is not a bridge's. */
export async function findConferencePlan(db: OfficeDb, number: string): Promise<ConferencePlan | null> {
  const row = await bridgesQuery(db).where('extensions.number', '=', number).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    extension: row.extension,
    pinHash: row.pin_hash,
    moderatorPinHash: row.moderator_pin_hash,
    endWithModerator: row.end_with_moderator === 1,
    maxParticipants: row.max_participants,
  };
}
