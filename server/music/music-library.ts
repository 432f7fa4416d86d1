// The music-on-hold files the admin manages: rows in music_files, audio in the music folder.
// Uploads are checked and re-encoded once (to 8 kHz mono PCM) before anything is stored; the
// file is written before its row (a failed write leaves no row), and replacing a file's audio
// renames the new one over the old, so a bad upload never loses the music that was there.
import { randomUUID } from 'node:crypto';
import { MAX_MUSIC_FILES, MUSIC_MAX_SECONDS, type MusicFile } from '../../common/api/music';
import type { OfficeDb } from '../db/database';
import type { Logger } from '../logger';
import type { MusicFileTable } from '../db/schema';
import type { Actor } from '../directory/audit';
import { writeAudit } from '../directory/audit';
import { OfficeError, notFound } from '../errors';
import type { Clock } from '../time';
import { isoAt } from '../time';
import { transcodeUpload } from '../voicemail/greeting-audio';
import { transcodeInTurn } from '../voicemail/greeting';
import { MUSIC_SAMPLE_RATE, type MusicFolder } from './music-folder';

const WAV_HEADER_BYTES = 44;
const AUDIT_TYPE = 'music';

export interface MusicStorage {
  db: OfficeDb;
  clock: Clock;
  music: MusicFolder;
}

const toMusic = (row: MusicFileTable): MusicFile => ({
  id: row.id,
  name: row.name,
  durationSeconds: row.duration_ms / 1000,
  isDefault: row.is_default === 1,
  createdAt: row.created_at,
});

export async function listMusic(db: OfficeDb): Promise<MusicFile[]> {
  const rows = await db.selectFrom('music_files').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toMusic);
}

export async function getMusic(db: OfficeDb, id: string): Promise<MusicFile> {
  const row = await db.selectFrom('music_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Music');
  return toMusic(row);
}

/** The upload checked and re-encoded, with how long it plays. */
async function encodeUpload(file: Buffer, mediaType: string): Promise<{ wav: Buffer; durationMs: number }> {
  const wav = await transcodeInTurn(() =>
    transcodeUpload(file, mediaType, {
      what: 'The music',
      maxSeconds: MUSIC_MAX_SECONDS,
      sampleRate: MUSIC_SAMPLE_RATE,
    }),
  );
  const durationMs = Math.round(((wav.length - WAV_HEADER_BYTES) / 2 / MUSIC_SAMPLE_RATE) * 1000);
  return { wav, durationMs };
}

/** Refused once the office keeps as many music files as it may. */
async function assertRoom(db: OfficeDb): Promise<void> {
  const { count } = await db
    .selectFrom('music_files')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_MUSIC_FILES)
    throw new OfficeError(
      409,
      'conflict',
      `The office keeps at most ${MAX_MUSIC_FILES} music files: delete one first`,
    );
}

/** A new music file; refused once the office keeps as many as it may. */
export async function addMusic(
  storage: MusicStorage,
  actor: Actor,
  name: string,
  file: Buffer,
  mediaType: string,
): Promise<MusicFile> {
  const { db, clock } = storage;
  await assertRoom(db);
  const { wav, durationMs } = await encodeUpload(file, mediaType);
  const id = randomUUID();
  await storage.music.write(id, wav);
  try {
    await db.transaction().execute(async (trx) => {
      const now = clock();
      // Again in the transaction, once it holds the company row: a write to it makes concurrent
      // uploads take turns here on either database (PostgreSQL locks the row, SQLite the file),
      // so uploads that passed the first check together cannot all count the same free room.
      await trx
        .updateTable('company')
        .set((eb) => ({ id: eb.ref('id') }))
        .execute();
      await assertRoom(trx);
      await trx
        .insertInto('music_files')
        .values({ id, name, duration_ms: durationMs, is_default: 0, created_at: isoAt(now) })
        .execute();
      await writeAudit(trx, now, actor, 'music.created', { type: AUDIT_TYPE, id }, { name, durationMs });
    });
  } catch (error) {
    await storage.music.remove(id);
    throw error;
  }
  return getMusic(db, id);
}

/** New audio for a music file: its name, its users and its place as default stay. */
export async function replaceMusicAudio(
  storage: MusicStorage,
  actor: Actor,
  id: string,
  file: Buffer,
  mediaType: string,
): Promise<MusicFile> {
  const { db, clock } = storage;
  await getMusic(db, id);
  const { wav, durationMs } = await encodeUpload(file, mediaType);
  await storage.music.write(id, wav);
  await db.transaction().execute(async (trx) => {
    const now = clock();
    await trx.updateTable('music_files').set({ duration_ms: durationMs }).where('id', '=', id).execute();
    await writeAudit(trx, now, actor, 'music.updated', { type: AUDIT_TYPE, id }, { audio: true, durationMs });
  });
  return getMusic(db, id);
}

export async function renameMusic(db: OfficeDb, now: number, actor: Actor, id: string, name: string) {
  const result = await db.updateTable('music_files').set({ name }).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw notFound('Music');
  await writeAudit(db, now, actor, 'music.updated', { type: AUDIT_TYPE, id }, { name });
}

/** The company's default music (null: none, calls on hold hear silence). */
export async function setDefaultMusic(db: OfficeDb, now: number, actor: Actor, id: string | null) {
  if (id !== null) await getMusic(db, id);
  await db.updateTable('music_files').set({ is_default: 0 }).where('is_default', '=', 1).execute();
  if (id !== null) await db.updateTable('music_files').set({ is_default: 1 }).where('id', '=', id).execute();
  await writeAudit(db, now, actor, 'music.default', { type: AUDIT_TYPE, id }, { musicId: id });
}

/** A ring group's or receptionist's own music: one of the office's files, or null for the company's default. */
export async function checkedMusic(db: OfficeDb, musicId: string | null): Promise<string | null> {
  if (musicId === null) return null;
  const row = await db.selectFrom('music_files').select('id').where('id', '=', musicId).executeTakeFirst();
  if (!row) throw new OfficeError(400, 'invalid_field', 'There is no such music file', 'body.musicId');
  return musicId;
}

/** Refused with who uses it (the company's default, ring groups, receptionists); the file goes once the row is gone. */
export async function removeMusic(db: OfficeDb, now: number, actor: Actor, id: string): Promise<void> {
  const music = await getMusic(db, id);
  const namesUsing = (table: 'ring_groups' | 'receptionists') =>
    db.selectFrom(table).select('name').where('music_id', '=', id).orderBy('name').execute();
  const [groups, receptionists] = await Promise.all([namesUsing('ring_groups'), namesUsing('receptionists')]);
  const users = [
    ...(music.isDefault ? ['the company’s default'] : []),
    ...groups.map((group) => `ring group ${group.name}`),
    ...receptionists.map((receptionist) => `receptionist ${receptionist.name}`),
  ];
  if (users.length > 0)
    throw new OfficeError(409, 'in_use', `The music is still used by ${users.join(', ')}`);
  await db.deleteFrom('music_files').where('id', '=', id).execute();
  await writeAudit(db, now, actor, 'music.deleted', { type: AUDIT_TYPE, id }, { name: music.name });
}

/**
 * The music a call hears on hold: the ring group's own when it chose one, else the own music of
 * the receptionist that put the call through, else the company's default. The group comes first
 * because it is where the caller ended up: its members chose what their callers hear, and a
 * caller sent to the group by a receptionist then hears what the group's direct callers hear.
 */
export async function musicFor(
  db: OfficeDb,
  groupId: string | null,
  receptionistId: string | null = null,
): Promise<string | null> {
  const own = async (table: 'ring_groups' | 'receptionists', id: string | null) =>
    id
      ? (await db.selectFrom(table).select('music_id').where('id', '=', id).executeTakeFirst())?.music_id
      : null;
  const chosen = (await own('ring_groups', groupId)) ?? (await own('receptionists', receptionistId));
  if (chosen) return chosen;
  const row = await db.selectFrom('music_files').select('id').where('is_default', '=', 1).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The 8 kHz samples of the music a call hears (musicFor); null when there is none. A file gone
 * from the disk costs the call its music, not the call.
 */
export async function musicSamplesFor(
  db: OfficeDb,
  folder: MusicFolder,
  logger: Logger,
  groupId: string | null,
  receptionistId: string | null = null,
): Promise<Int16Array | null> {
  const id = await musicFor(db, groupId, receptionistId);
  return id
    ? folder.samples(id).catch((error: unknown) => {
        logger.warn({ musicId: id, error: String(error) }, 'music on hold not readable');
        return null;
      })
    : null;
}
