// Voicemail boxes for media tests and the voicemail benchmark: find one, give it a greeting as
// the voicemail API stores an upload (mono 16-bit PCM WAV at 48 kHz, made here by sox), leave
// it a message as the agent records one (Ogg/Opus).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Encoder } from '@evan/opus';
import type { Office } from '../../server/office-services';
import { OggOpusWriter } from '../../server/media/ogg-opus';
import { storeVoicemail } from '../../server/directory/voicemail';
import { greetingFileOf } from '../../server/voicemail/voicemail-files';

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

/** Gives the box an uploaded greeting: a tone of `seconds` at `hz`, stored (sealed) as an upload is. */
export async function uploadToneGreeting(office: Office, boxId: string, seconds: number, hz: number) {
  const made = path.join(os.tmpdir(), `greeting-${randomUUID()}.wav`);
  writeToneWav(made, seconds, hz);
  const file = greetingFileOf(boxId);
  try {
    await office.voicemailFiles.write(file, await readFile(made));
  } finally {
    await rm(made, { force: true });
  }
  await office.db
    .updateTable('voicemail_boxes')
    .set({ greeting_file: file })
    .where('id', '=', boxId)
    .execute();
}

/** A stored message's row and its audio, unsealed. */
export async function storedMessage(office: Office, messageId: string) {
  const row = await office.db
    .selectFrom('voicemail_messages')
    .selectAll()
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow();
  return { row, audio: await office.voicemailFiles.read(row.audio_file) };
}

export interface ToneMessage {
  seconds: number;
  hz: number;
  callerNumber: string;
  receivedAt: string;
  read?: boolean;
}

/** A tone as a desk phone's call is stored: Opus at 8 kHz in Ogg. */
export function toneOggOpus(seconds: number, hz: number): Buffer {
  const rate = 8000;
  const frame = rate / 50;
  const encoder = new Encoder({ channels: 1, sample_rate: rate, application: 'voip' });
  const writer = new OggOpusWriter({ inputSampleRate: rate, preSkip: encoder.lookhead * (48_000 / rate) });
  for (let at = 0; at < seconds * rate; at += frame) {
    const samples = Int16Array.from({ length: frame }, (_, i) =>
      Math.round(12000 * Math.sin((2 * Math.PI * hz * (at + i)) / rate)),
    );
    writer.add(Buffer.from(encoder.encode(samples)));
  }
  return writer.finish();
}

/** A message in `extension`'s box holding a tone. */
export async function leaveToneMessage(
  office: Office,
  extension: string,
  message: ToneMessage,
): Promise<string> {
  const id = await storeVoicemail(office.db, office.voicemailFiles, {
    extension,
    callerNumber: message.callerNumber,
    callerName: null,
    receivedAt: message.receivedAt,
    durationSeconds: Math.round(message.seconds),
    audio: toneOggOpus(message.seconds, message.hz),
    audioType: 'audio/ogg',
  });
  if (message.read)
    await office.db.updateTable('voicemail_messages').set({ read: 1 }).where('id', '=', id).execute();
  return id;
}
