// Recordings and greetings on disk: messages at the top of the voicemail folder, greetings in
// its greetings/ folder, each sealed under the office key (secrets/sealed-file), so a copied
// disk or a backup of the folder holds no voice anyone can play. Every read and write of
// voicemail audio goes through here.
import { constants } from 'node:fs';
import { open, readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import { MARK_BYTES, SealedFile, isSealedFile, sealFile } from '../secrets/sealed-file';
import { TEMP_SUFFIX, makePrivateFolder, writePrivateFile } from '../private-files';

const GREETINGS = 'greetings';
/** A message's file name, or a greeting's under greetings/: never a path out of the folder. */
const FILE_NAME = /^(?:greetings\/)?[A-Za-z0-9][A-Za-z0-9_-]*\.[A-Za-z0-9]+$/;

/** Names are written with `/`; an office on Windows once stored greetings' with `\\`. */
const normalName = (name: string) => name.replaceAll('\\', '/');

/** Where a box's own greeting lives, relative to the voicemail folder. */
export const greetingFileOf = (boxId: string) => `${GREETINGS}/${boxId}.wav`;

export class VoicemailFiles {
  private constructor(
    readonly dir: string,
    private readonly secrets: SecretBox,
  ) {}

  /**
   * Makes the folders (0700), removes the temporary files a killed process left, and seals
   * every recording and greeting still plain (from before recordings were sealed). Each is
   * sealed beside itself and renamed over the plain one, so a start stopped halfway leaves
   * each file either plain or sealed, and the next start goes on where this one stopped.
   */
  static async openFolder(dir: string, secrets: SecretBox, logger: Logger): Promise<VoicemailFiles> {
    const files = new VoicemailFiles(dir, secrets);
    await makePrivateFolder(dir);
    await makePrivateFolder(path.join(dir, GREETINGS));
    let sealed = 0;
    for (const folder of ['', GREETINGS]) {
      for (const entry of await readdir(path.join(dir, folder), { withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const name = folder ? `${folder}/${entry.name}` : entry.name;
        if (entry.name.endsWith(TEMP_SUFFIX)) await rm(path.join(dir, name), { force: true });
        else if (await files.sealIfPlain(name)) sealed++;
      }
    }
    if (sealed > 0) logger.info({ sealed }, 'plain voicemail recordings and greetings sealed at rest');
    return files;
  }

  /** Stores `audio` as `name`, sealed, replacing any file of that name whole. */
  async write(name: string, audio: Buffer): Promise<void> {
    const file = this.pathOf(name);
    await makePrivateFolder(path.dirname(file));
    await writePrivateFile(file, sealFile(this.secrets, normalName(name), audio));
  }

  /** The file open for reading in parts; null when there is none of that name. */
  async open(name: string): Promise<SealedFile | null> {
    const handle = await open(this.pathOf(name), constants.O_RDONLY | constants.O_NOFOLLOW).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      },
    );
    return handle && SealedFile.open(handle, this.secrets, normalName(name));
  }

  /** The whole audio; throws when the file is missing or does not open. */
  async read(name: string): Promise<Buffer> {
    const file = await this.open(name);
    if (!file) throw new Error(`no voicemail file ${name}`);
    try {
      return await file.readAll();
    } finally {
      await file.close();
    }
  }

  /** Removes the file; one already gone is fine. */
  async remove(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  /** The files of a box that is gone (its rows are deleted): one left behind is logged, never thrown. */
  async removeLeftovers(names: string[], logger: Logger): Promise<void> {
    await Promise.all(
      names.map((file) =>
        this.remove(file).catch((error: unknown) =>
          logger.warn({ file, error: String(error) }, 'could not remove a voicemail file'),
        ),
      ),
    );
  }

  private pathOf(name: string): string {
    if (!FILE_NAME.test(normalName(name)))
      throw new Error(`not a voicemail file name: ${JSON.stringify(name)}`);
    return path.join(this.dir, normalName(name));
  }

  /** Seals the file in place if it is plain; whether it was. */
  private async sealIfPlain(name: string): Promise<boolean> {
    const file = path.join(this.dir, name);
    const handle = await open(file, 'r');
    try {
      const start = Buffer.alloc(MARK_BYTES);
      await handle.read(start, 0, MARK_BYTES, 0);
      if (isSealedFile(start)) return false;
    } finally {
      await handle.close();
    }
    const [plain, { mtimeMs }] = await Promise.all([readFile(file), stat(file)]);
    // The time is kept: a greeting's ETag names it, and apps that cached it need not fetch it again.
    await writePrivateFile(file, sealFile(this.secrets, name, plain), mtimeMs);
    return true;
  }
}
