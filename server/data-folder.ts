// What the office keeps in its data folder, and keeping it the office's own.
import path from 'node:path';
import type { Logger } from './logger';
import { makePrivate } from './private-files';
import { SECRET_KEY_FILE } from './secrets/secret-box';

const SQLITE_FILE = 'office.sqlite';
const VOICEMAIL_FOLDER = 'voicemail';
const MUSIC_FOLDER = 'music';
/** Beside the database, SQLite's own files (the journal is there only while a write runs, outside WAL mode). */
const SQLITE_FILES = ['', '-wal', '-shm', '-journal'].map((suffix) => SQLITE_FILE + suffix);

export const sqliteFileIn = (dataDir: string) => path.join(dataDir, SQLITE_FILE);
export const voicemailFolderIn = (dataDir: string) => path.join(dataDir, VOICEMAIL_FOLDER);
export const musicFolderIn = (dataDir: string) => path.join(dataDir, MUSIC_FOLDER);

/**
 * Makes the data folder if missing, and sets it and everything the office keeps in it private
 * (folders 0700, files 0600): a folder an older office left readable to others is put right.
 */
export async function keepDataFolderPrivate(dataDir: string, logger: Logger): Promise<void> {
  const changed = await makePrivate(dataDir, [
    SECRET_KEY_FILE,
    ...SQLITE_FILES,
    VOICEMAIL_FOLDER,
    MUSIC_FOLDER,
  ]);
  if (changed > 0)
    logger.info({ changed }, 'data folder made private to the office (folders 0700, files 0600)');
}
