// Files that are either wholly the old version or wholly the new one, whatever stops the
// process: write a temporary file, flush it to disk, rename it over the old, flush the folder.
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Temporary files end so; whatever a killed process left behind is removed on the next open. */
export const TEMP_SUFFIX = '.tmp';

export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const temp = `${file}.${randomUUID()}${TEMP_SUFFIX}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
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
