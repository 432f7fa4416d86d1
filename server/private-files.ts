// The office's data folder belongs to the account the office runs as, and to nobody else on
// the machine: folders 0700, files 0600, whatever the process's umask. A mode given to mkdir
// or open passes through the umask, and the umask is one setting for the whole process (no
// server changes it around a call without racing its other work), so every folder and file
// made here gets its mode set explicitly once made, and a folder made by an older office is
// put right at start. Windows has no such modes (a folder's ACL, inherited from the user's
// profile, does that job there): it is left as it is.
import { randomUUID } from 'node:crypto';
import { closeSync, fchmodSync, openSync } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Temporary files end so; whatever a killed process left behind is removed at the next start. */
export const TEMP_SUFFIX = '.tmp';
const HAS_MODES = process.platform !== 'win32';

/** Makes `folder` (and any missing parent) 0700. */
export async function makePrivateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (HAS_MODES) await chmod(folder, PRIVATE_FOLDER_MODE);
}

/** Makes `file` 0600, empty if it was missing (for a program that then opens it itself). */
export function makePrivateFileSync(file: string): void {
  const descriptor = openSync(file, 'a', PRIVATE_FILE_MODE);
  try {
    if (HAS_MODES) fchmodSync(descriptor, PRIVATE_FILE_MODE);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Makes `root` if missing and sets it 0700, then sets each of `entries` in it that exists, and
 * everything under it, 0700 for a folder and 0600 for a file. Only the entries named: the folder
 * may have been given by hand, and what else is in it is not the office's to change. Links
 * are neither followed nor changed (a link's own mode means nothing on Linux). Returns how
 * many modes it changed.
 */
export async function makePrivate(root: string, entries: readonly string[]): Promise<number> {
  await makePrivateFolder(root);
  if (!HAS_MODES) return 0;
  let changed = 0;
  const visit = async (full: string) => {
    const stats = await lstat(full).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!stats || (!stats.isDirectory() && !stats.isFile())) return;
    const mode = stats.isDirectory() ? PRIVATE_FOLDER_MODE : PRIVATE_FILE_MODE;
    if ((stats.mode & 0o7777) !== mode) {
      await chmod(full, mode);
      changed++;
    }
    if (stats.isDirectory()) for (const name of await readdir(full)) await visit(path.join(full, name));
  };
  for (const entry of entries) await visit(path.join(root, entry));
  return changed;
}

/**
 * Writes a file 0600 that is either wholly the old version or wholly the new one, whatever
 * stops the process: a temporary file, flushed to disk, renamed over the old, the folder
 * flushed. `modifiedMs` keeps a time the file had before (a cache's ETag may name it).
 */
export async function writePrivateFile(
  file: string,
  pieces: Iterable<Uint8Array>,
  modifiedMs?: number,
): Promise<void> {
  const temporary = `${file}.${randomUUID()}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temporary, 'wx', PRIVATE_FILE_MODE);
    try {
      if (HAS_MODES) await handle.chmod(PRIVATE_FILE_MODE);
      for (const piece of pieces)
        for (let at = 0; at < piece.length;) at += (await handle.write(piece, at)).bytesWritten;
      if (modifiedMs !== undefined) await handle.utimes(modifiedMs / 1000, modifiedMs / 1000);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/** Makes a rename in `folder` durable. Windows cannot open a folder for this; its renames are durable already. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
