import { randomUUID } from 'node:crypto';
import type { VoicemailList, VoicemailMessage } from '../../common/api/voicemail';
import type { OfficeDb } from '../db/database';
import type { VoicemailBoxTable, VoicemailMessageTable } from '../db/schema';
import { notFound } from '../errors';
import type { PageQuery } from '../../common/api/primitives';
import { decodeCursor, encodeCursor, pageOf, pastCursor } from './cursor';
import type { VoicemailFiles } from '../voicemail/voicemail-files';

const EXTENSION_OF_TYPE: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
};

/** A message's row, with the ring group whose shared box holds it (null for a person's box). */
export type MessageRow = VoicemailMessageTable & { ring_group_name: string | null; box_number: string };

export function toMessage(row: MessageRow): VoicemailMessage {
  return {
    id: row.id,
    callerNumber: row.caller_number,
    callerName: row.caller_name,
    receivedAt: row.received_at,
    durationSeconds: row.duration_seconds,
    read: row.read === 1,
    audioType: row.audio_type,
    ringGroup: row.ring_group_name === null ? null : { name: row.ring_group_name, extension: row.box_number },
  };
}

/** The user's own voicemail box (every user with an extension has one). */
export async function ownBox(db: OfficeDb, userId: string): Promise<VoicemailBoxTable> {
  const box = await db
    .selectFrom('voicemail_boxes')
    .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
    .selectAll('voicemail_boxes')
    .where('extensions.user_id', '=', userId)
    .executeTakeFirst();
  if (!box) throw notFound('Voicemail box');
  return box;
}

/** The extension rows of the groups the user belongs to: their boxes are shared by the members. */
function sharedBoxExtensionIds(db: OfficeDb, userId: string) {
  return db
    .selectFrom('ring_group_members')
    .innerJoin('extensions as mine', 'mine.id', 'ring_group_members.extension_id')
    .innerJoin('ring_groups', 'ring_groups.id', 'ring_group_members.ring_group_id')
    .select('ring_groups.extension_id')
    .where('mine.user_id', '=', userId);
}

/**
 * Whose messages: a user's id (their own box and the boxes of the ring groups they belong to, a
 * group's box being shared by its members), or one box opened by its PIN from a phone.
 */
export type MessageReader = string | { boxId: string };

/** Which box a message is in, as the app names it: a ring group's name and extension. */
const BOX_COLUMNS = ['ring_groups.name as ring_group_name', 'extensions.number as box_number'] as const;

/** The messages the reader may see: anyone else's message is simply not found. */
function ownMessages(db: OfficeDb, reader: MessageReader) {
  const messages = db
    .selectFrom('voicemail_messages')
    .innerJoin('voicemail_boxes', 'voicemail_boxes.id', 'voicemail_messages.box_id')
    .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
    .leftJoin('ring_groups', 'ring_groups.extension_id', 'voicemail_boxes.extension_id');
  if (typeof reader !== 'string') return messages.where('voicemail_boxes.id', '=', reader.boxId);
  return messages.where((eb) =>
    eb.or([
      eb('extensions.user_id', '=', reader),
      eb('voicemail_boxes.extension_id', 'in', sharedBoxExtensionIds(db, reader)),
    ]),
  );
}

/** Who sees a box's messages in their app: its owner, or the members of the ring group it belongs to. */
export async function readersOfBox(db: OfficeDb, boxId: string): Promise<string[]> {
  const owner = await db
    .selectFrom('voicemail_boxes')
    .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
    .select('extensions.user_id')
    .where('voicemail_boxes.id', '=', boxId)
    .executeTakeFirst();
  if (owner?.user_id) return [owner.user_id];
  const members = await db
    .selectFrom('voicemail_boxes')
    .innerJoin('ring_groups', 'ring_groups.extension_id', 'voicemail_boxes.extension_id')
    .innerJoin('ring_group_members', 'ring_group_members.ring_group_id', 'ring_groups.id')
    .innerJoin('extensions as member', 'member.id', 'ring_group_members.extension_id')
    .select('member.user_id')
    .where('voicemail_boxes.id', '=', boxId)
    .where('member.user_id', 'is not', null)
    .execute();
  return [...new Set(members.map((row) => row.user_id!))];
}

export async function unreadCount(db: OfficeDb, reader: MessageReader): Promise<number> {
  const { count } = await ownMessages(db, reader)
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('voicemail_messages.read', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** One page of the user's box, newest first, keyset-paged on (received_at, id). */
export async function listVoicemail(db: OfficeDb, userId: string, query: PageQuery): Promise<VoicemailList> {
  const limit = query.limit ?? 50;
  let select = ownMessages(db, userId).selectAll('voicemail_messages').select(BOX_COLUMNS);
  if (query.before) {
    select = select.where(
      pastCursor(
        'voicemail_messages.received_at',
        'voicemail_messages.id',
        decodeCursor(query.before),
        'desc',
      ),
    );
  }
  const rows = await select
    .orderBy('voicemail_messages.received_at', 'desc')
    .orderBy('voicemail_messages.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows.map(toMessage), limit, (message) => encodeCursor(message.receivedAt, message.id));
  return { ...page, unread: await unreadCount(db, userId) };
}

/** The user's messages as a phone plays them: new ones oldest first, then the saved ones. */
export function messagesToPlay(db: OfficeDb, reader: MessageReader, limit: number) {
  return ownMessages(db, reader)
    .select(['voicemail_messages.id', 'voicemail_messages.caller_number', 'voicemail_messages.read'])
    .orderBy('voicemail_messages.read')
    .orderBy('voicemail_messages.received_at')
    .orderBy('voicemail_messages.id')
    .limit(limit)
    .execute();
}

export async function findOwnMessage(db: OfficeDb, reader: MessageReader, id: string): Promise<MessageRow> {
  const row = await ownMessages(db, reader)
    .selectAll('voicemail_messages')
    .select(BOX_COLUMNS)
    .where('voicemail_messages.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Voicemail message');
  return row;
}

export async function markVoicemailRead(db: OfficeDb, reader: MessageReader, id: string, read: boolean) {
  await findOwnMessage(db, reader, id);
  await db
    .updateTable('voicemail_messages')
    .set({ read: read ? 1 : 0 })
    .where('id', '=', id)
    .execute();
  return toMessage(await findOwnMessage(db, reader, id));
}

export async function deleteVoicemail(
  db: OfficeDb,
  files: VoicemailFiles,
  reader: MessageReader,
  id: string,
) {
  const row = await findOwnMessage(db, reader, id);
  await db.deleteFrom('voicemail_messages').where('id', '=', id).execute();
  await files.remove(row.audio_file).catch(() => undefined);
}

/** The recordings and the uploaded greeting of an extension's box (to remove once the box is gone). */
export async function audioFilesOf(db: OfficeDb, extensionId: string): Promise<string[]> {
  const messages = await db
    .selectFrom('voicemail_messages')
    .innerJoin('voicemail_boxes', 'voicemail_boxes.id', 'voicemail_messages.box_id')
    .select('voicemail_messages.audio_file')
    .where('voicemail_boxes.extension_id', '=', extensionId)
    .execute();
  const box = await db
    .selectFrom('voicemail_boxes')
    .select('greeting_file')
    .where('extension_id', '=', extensionId)
    .executeTakeFirst();
  return [...messages.map((m) => m.audio_file), ...(box?.greeting_file ? [box.greeting_file] : [])];
}

export interface NewVoicemail {
  extension: string;
  callerNumber: string;
  callerName: string | null;
  receivedAt: string;
  durationSeconds: number;
  audio: Buffer;
  audioType: keyof typeof EXTENSION_OF_TYPE;
}

/** Stores a recorded message: the audio file first, then its row (a row never points at nothing). */
export async function storeVoicemail(
  db: OfficeDb,
  files: VoicemailFiles,
  message: NewVoicemail,
): Promise<string> {
  const box = await db
    .selectFrom('voicemail_boxes')
    .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
    .select('voicemail_boxes.id')
    .where('extensions.number', '=', message.extension)
    .executeTakeFirst();
  if (!box) throw notFound('Voicemail box');
  const id = randomUUID();
  const file = `${id}.${EXTENSION_OF_TYPE[message.audioType] ?? 'bin'}`;
  await files.write(file, message.audio);
  try {
    await db
      .insertInto('voicemail_messages')
      .values({
        id,
        box_id: box.id,
        caller_number: message.callerNumber,
        caller_name: message.callerName,
        received_at: message.receivedAt,
        duration_seconds: message.durationSeconds,
        read: 0,
        audio_file: file,
        audio_type: message.audioType,
      })
      .execute();
  } catch (error) {
    await files.remove(file).catch(() => undefined);
    throw error;
  }
  return id;
}

/** New (unread) and old (read) messages in the user's box: what message-waiting reports. */
export async function messageCounts(
  db: OfficeDb,
  reader: MessageReader,
): Promise<{ unread: number; read: number }> {
  const rows = await ownMessages(db, reader)
    .select(['voicemail_messages.read', (eb) => eb.fn.countAll<string | number>().as('count')])
    .groupBy('voicemail_messages.read')
    .execute();
  const count = (read: number) => Number(rows.find((row) => row.read === read)?.count ?? 0);
  return { unread: count(0), read: count(1) };
}
