// The music-on-hold files on disk: music/<id>.wav in the data folder, each mono 16-bit PCM at
// 8 kHz (what G.711 carries: the agent sends it as it is, or encodes it to Opus for a
// softphone). Music is no one's voice, so it is kept private to the office but not sealed.
// Each write replaces a file whole (a temporary file renamed over it), so a failed upload
// leaves the music that was there.
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readWav } from '../media/wav';
import { TEMP_SUFFIX, makePrivateFolder, writePrivateFile } from '../private-files';

/** The rate music is kept and sent at. */
export const MUSIC_SAMPLE_RATE = 8000;
/** Decoded music held ready for calls: the most files played at once without reading them again. */
const CACHED_FILES = 4;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class MusicFolder {
  private readonly cache = new Map<string, Int16Array>();

  private constructor(readonly dir: string) {}

  /** Makes the folder (0700) and removes the temporary files a killed process left. */
  static async open(dir: string): Promise<MusicFolder> {
    await makePrivateFolder(dir);
    for (const name of await readdir(dir))
      if (name.endsWith(TEMP_SUFFIX)) await rm(path.join(dir, name), { force: true });
    return new MusicFolder(dir);
  }

  async write(id: string, wav: Buffer): Promise<void> {
    await writePrivateFile(this.pathOf(id), [wav]);
    this.cache.delete(id);
  }

  /** The file as stored (a WAV), for the console's preview. */
  read(id: string): Promise<Buffer> {
    return readFile(this.pathOf(id));
  }

  /** The music's 8 kHz samples, kept for the next call that plays them. */
  async samples(id: string): Promise<Int16Array> {
    const cached = this.cache.get(id);
    if (cached) {
      // Most recently used last: the first is the one to drop.
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const audio = readWav(await this.read(id));
    if (audio.sampleRate !== MUSIC_SAMPLE_RATE)
      throw new Error(`music ${id} is at ${audio.sampleRate} Hz, not ${MUSIC_SAMPLE_RATE}`);
    this.cache.set(id, audio.samples);
    if (this.cache.size > CACHED_FILES) this.cache.delete(this.cache.keys().next().value!);
    return audio.samples;
  }

  async remove(id: string): Promise<void> {
    this.cache.delete(id);
    await rm(this.pathOf(id), { force: true });
  }

  private pathOf(id: string): string {
    if (!ID.test(id)) throw new Error(`not a music id: ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.wav`);
  }
}
