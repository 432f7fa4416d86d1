// The chunked sealed-file format: every size round-trips, a range opens only what it covers and
// returns exactly those bytes, and a file altered, cut, renamed or opened with another key is
// refused (before anything is sent when the damage is at its end, mid-stream otherwise).
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  SealedFile,
  SealedFileError,
  isSealedFile,
  sealFile,
} from '../../server/secrets/sealed-file';
import { SecretBox } from '../../server/secrets/secret-box';

const box = SecretBox.fromKey(randomBytes(32));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sealed-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function sealTo(name: string, plain: Buffer, secrets = box): Promise<string> {
  const file = path.join(dir, name.replaceAll('/', '_'));
  await writeFile(file, Buffer.concat([...sealFile(secrets, name, plain)]));
  return file;
}

const openSealed = async (file: string, name: string, secrets = box) =>
  SealedFile.open(await open(file, 'r'), secrets, name);

/** Bytes with no repeat within a chunk, so a slice from the wrong place cannot pass. */
const patterned = (length: number) => randomBytes(length);

async function streamed(file: SealedFile, range: { start: number; end: number } | null): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of file.stream(range)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('a sealed file', () => {
  it.each([0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 17])(
    'of %i bytes opens to the same bytes, and holds none of them in the clear',
    async (size) => {
      const plain = patterned(size);
      const file = await sealTo(`size-${size}.ogg`, plain);
      const sealed = await readFile(file);
      expect(isSealedFile(sealed)).toBe(true);
      if (size >= 64) expect(sealed.includes(plain.subarray(0, 64))).toBe(false);
      const opened = await openSealed(file, `size-${size}.ogg`);
      expect(opened.size).toBe(size);
      expect((await opened.readAll()).equals(plain)).toBe(true);
      expect((await streamed(opened, null)).equals(plain)).toBe(true);
    },
  );

  it('serves any range by opening the chunks it covers, exactly those bytes', async () => {
    const plain = patterned(3 * CHUNK_BYTES + 17);
    const file = await sealTo('ranges.ogg', plain);
    const ranges = [
      [0, 0],
      [0, 9],
      [CHUNK_BYTES - 3, CHUNK_BYTES + 2],
      [CHUNK_BYTES, 2 * CHUNK_BYTES - 1],
      [10, 3 * CHUNK_BYTES + 16],
      [3 * CHUNK_BYTES, 3 * CHUNK_BYTES + 16],
    ] as const;
    for (const [start, end] of ranges) {
      const opened = await openSealed(file, 'ranges.ogg');
      const part = await streamed(opened, { start, end });
      expect({ start, end, equal: part.equals(plain.subarray(start, end + 1)) }).toEqual({
        start,
        end,
        equal: true,
      });
    }
  });

  it('is refused with another key, under another name, or with its header changed', async () => {
    const file = await sealTo('mine.ogg', patterned(1000));
    await expect(openSealed(file, 'mine.ogg', SecretBox.fromKey(randomBytes(32)))).rejects.toThrow(
      SealedFileError,
    );
    await expect(openSealed(file, 'theirs.ogg')).rejects.toThrow(/does not open/);
    const bytes = await readFile(file);
    bytes[7] = 2;
    await writeFile(file, bytes);
    await expect(openSealed(file, 'mine.ogg')).rejects.toThrow(/format 2/);
    await writeFile(file, Buffer.from('OggS plain audio, not sealed'));
    await expect(openSealed(file, 'mine.ogg')).rejects.toThrow(/not a sealed file/);
  });

  it('is refused when cut short, even exactly at a chunk’s edge', async () => {
    const plain = patterned(2 * CHUNK_BYTES + 100);
    const file = await sealTo('cut.ogg', plain);
    const header = 40;
    for (const length of [header + CHUNK_BYTES + 16, header + 2 * (CHUNK_BYTES + 16), header + 5, 10]) {
      await writeFile(file, Buffer.concat([...sealFile(box, 'cut.ogg', plain)]));
      await truncate(file, length);
      await expect(openSealed(file, 'cut.ogg'), `cut at ${length}`).rejects.toThrow(SealedFileError);
    }
  });

  it('ends the stream with an error at an altered chunk, having sent only chunks that opened', async () => {
    const plain = patterned(3 * CHUNK_BYTES);
    const file = await sealTo('altered.ogg', plain);
    const bytes = await readFile(file);
    // A byte in the second chunk: the file opens (its last chunk is sound), the stream stops there.
    bytes[40 + CHUNK_BYTES + 16 + 100]! ^= 1;
    await writeFile(file, bytes);
    const opened = await openSealed(file, 'altered.ogg');
    const parts: Buffer[] = [];
    await expect(
      (async () => {
        for await (const part of opened.stream(null)) parts.push(part as Buffer);
      })(),
    ).rejects.toThrow(/does not open/);
    expect(Buffer.concat(parts).equals(plain.subarray(0, CHUNK_BYTES))).toBe(true);
  });

  it('closes its file when the stream ends, is destroyed, or is never asked for', async () => {
    const file = await sealTo('closing.ogg', Buffer.from('hello '.repeat(20_000)));
    const whole = await openSealed(file, 'closing.ogg');
    expect(await text(whole.stream({ start: 0, end: 4 }))).toBe('hello');
    await expect(whole.chunk(0)).rejects.toThrow(/closed/);

    const destroyed = await openSealed(file, 'closing.ogg');
    destroyed.stream(null).destroy();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(destroyed.chunk(0)).rejects.toThrow(/closed/);

    const unused = await openSealed(file, 'closing.ogg');
    await unused.close();
    await unused.close();
    await expect(unused.chunk(0)).rejects.toThrow(/closed/);
  });
});
