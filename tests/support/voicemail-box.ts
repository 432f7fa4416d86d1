// Voicemail boxes for media tests and the voicemail benchmark: find one, give it a greeting as
// the voicemail API stores an upload (mono 16-bit PCM WAV at 48 kHz, made here by sox).
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Office } from '../../server/office';

/** A 48 kHz mono 16-bit WAV holding a sine tone (sox). */
export function writeToneWav(file: string, seconds: number, hz: number, volume = 0.5): void {
  const format = ['-r', '48000', '-c', '1', '-b', '16'];
  execFileSync('sox', [
    '-n',
    ...format,
    file,
    'synth',
    String(seconds),
    'sine',
    String(hz),
    'vol',
    String(volume),
  ]);
}

/** The box of an extension and its owner. */
export async function boxOf(office: Office, extension: string): Promise<{ id: string; userId: string }> {
  const box = await office.db
    .selectFrom('voicemail_boxes')
    .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
    .select(['voicemail_boxes.id', 'extensions.user_id'])
    .where('extensions.number', '=', extension)
    .executeTakeFirstOrThrow();
  return { id: box.id, userId: box.user_id! };
}

/** Gives the box an uploaded greeting: a tone of `seconds` at `hz`. */
export async function uploadToneGreeting(office: Office, boxId: string, seconds: number, hz: number) {
  const dir = path.join(office.voicemailDir, 'greetings');
  await mkdir(dir, { recursive: true });
  const file = `${boxId}.wav`;
  writeToneWav(path.join(dir, file), seconds, hz);
  await office.db
    .updateTable('voicemail_boxes')
    .set({ greeting_file: file })
    .where('id', '=', boxId)
    .execute();
}

/** A stored message's row and audio file. */
export async function storedMessage(office: Office, messageId: string) {
  const row = await office.db
    .selectFrom('voicemail_messages')
    .selectAll()
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow();
  return { row, file: path.join(office.voicemailDir, row.audio_file) };
}
