// Files sealed at rest in chunks, so that any part of one is read by opening only the chunks it
// covers (a player's byte Range), and a file is sealed as it is written, a chunk at a time.
//
// Layout: a 40-byte header (`SWBSEAL`, the format's version, a random 32-byte salt), then the
// plaintext in 64 KiB chunks, each AES-256-GCM encrypted and followed by its 16-byte tag. Each
// file has a key of its own, derived from the office key, the salt, the header and the file's
// name: a file moved to another name, or to another office, does not open, and the chunk's
// index can serve as its nonce (never twice under one key). The last chunk is sealed with a
// flag saying it is the last, so a file cut at a chunk's edge does not open either.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { SecretBox } from './secret-box';

const MAGIC = Buffer.from('SWBSEAL', 'latin1');
const VERSION = 1;
const SALT_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES;
const TAG_BYTES = 16;
export const CHUNK_BYTES = 64 * 1024;
const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
/** Bytes a reader needs to tell a sealed file from any other. */
export const MARK_BYTES = MAGIC.length;
const KEY_PURPOSE = Buffer.from('switchboard sealed file\0', 'latin1');

export class SealedFileError extends Error {}

/** Whether `start`, a file's first bytes, is this format's mark (whatever its version). */
export function isSealedFile(start: Buffer): boolean {
  return start.length >= MARK_BYTES && start.subarray(0, MARK_BYTES).equals(MAGIC);
}

function fileKey(secrets: SecretBox, header: Buffer, name: string): Buffer {
  const info = Buffer.concat([KEY_PURPOSE, header.subarray(0, MAGIC.length + 1), Buffer.from(name, 'utf8')]);
  return secrets.deriveKey(header.subarray(MAGIC.length + 1, HEADER_BYTES), info);
}

function nonceOf(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

const finalFlag = (final: boolean) => Buffer.of(final ? 1 : 0);

/** How many chunks `plainBytes` take: at least one, so an empty file still has its last chunk. */
const chunkCount = (plainBytes: number) => Math.max(1, Math.ceil(plainBytes / CHUNK_BYTES));

/** The sealed file for `plain`, named `name`, piece by piece: the header, then each chunk. */
export function* sealFile(secrets: SecretBox, name: string, plain: Buffer): Generator<Buffer> {
  const header = Buffer.concat([MAGIC, Buffer.of(VERSION), randomBytes(SALT_BYTES)]);
  const key = fileKey(secrets, header, name);
  yield header;
  const chunks = chunkCount(plain.length);
  for (let index = 0; index < chunks; index++) {
    const cipher = createCipheriv('aes-256-gcm', key, nonceOf(index));
    cipher.setAAD(finalFlag(index === chunks - 1));
    const body = cipher.update(plain.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES));
    yield Buffer.concat([body, cipher.final(), cipher.getAuthTag()]);
  }
}

/** The plaintext's length, from the sealed file's; throws when no sealed file has that length. */
function plainSizeOf(sealedBytes: number): number {
  const body = sealedBytes - HEADER_BYTES;
  const chunks = Math.max(1, Math.ceil(body / SEALED_CHUNK_BYTES));
  const last = body - (chunks - 1) * SEALED_CHUNK_BYTES;
  // Only an empty file ends in an empty chunk.
  if (last < TAG_BYTES || (chunks > 1 && last === TAG_BYTES))
    throw new SealedFileError('the sealed file is cut short');
  return body - chunks * TAG_BYTES;
}

/** A byte range of the plaintext, both ends included. */
export interface PlainRange {
  start: number;
  end: number;
}

/**
 * A sealed file open for reading: its plaintext's size, and its chunks opened on demand. It
 * holds the file open, so a file replaced meanwhile (a new greeting) is still read whole.
 */
export class SealedFile {
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly handle: FileHandle,
    private readonly key: Buffer,
    private readonly chunks: number,
    readonly size: number,
    readonly modifiedMs: number,
  ) {}

  /**
   * Reads the header and opens the last chunk, so a file of another name, sealed with another
   * key, altered or cut short is refused here, before any byte of it is sent. Takes over
   * `handle`: closed when this is.
   */
  static async open(handle: FileHandle, secrets: SecretBox, name: string): Promise<SealedFile> {
    try {
      const stats = await handle.stat();
      const header = Buffer.alloc(HEADER_BYTES);
      const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
      if (bytesRead < HEADER_BYTES || !isSealedFile(header))
        throw new SealedFileError(`${name} is not a sealed file`);
      if (header[MAGIC.length] !== VERSION)
        throw new SealedFileError(`${name} is sealed in format ${header[MAGIC.length]}, not ${VERSION}`);
      const size = plainSizeOf(stats.size);
      const file = new SealedFile(
        handle,
        fileKey(secrets, header, name),
        chunkCount(size),
        size,
        stats.mtimeMs,
      );
      await file.chunk(file.chunks - 1);
      return file;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The plaintext of chunk `index`; throws when it was altered. */
  async chunk(index: number): Promise<Buffer> {
    if (!Number.isInteger(index) || index < 0 || index >= this.chunks)
      throw new RangeError(`no chunk ${index} in a file of ${this.chunks}`);
    return this.openChunk(index, await this.readSealed(index, index + 1));
  }

  /** The whole plaintext, the sealed file read in one go. */
  async readAll(): Promise<Buffer> {
    const sealed = await this.readSealed(0, this.chunks);
    const plain = [];
    for (let index = 0; index < this.chunks; index++)
      plain.push(
        this.openChunk(index, sealed.subarray(index * SEALED_CHUNK_BYTES, (index + 1) * SEALED_CHUNK_BYTES)),
      );
    return Buffer.concat(plain, this.size);
  }

  /** The sealed bytes of chunks `first` to `end` (excluded). */
  private async readSealed(first: number, end: number): Promise<Buffer> {
    const position = HEADER_BYTES + first * SEALED_CHUNK_BYTES;
    const length = this.size + this.chunks * TAG_BYTES - first * SEALED_CHUNK_BYTES;
    const sealed = Buffer.alloc(Math.min((end - first) * SEALED_CHUNK_BYTES, length));
    for (let at = 0; at < sealed.length;) {
      const { bytesRead } = await this.handle.read(sealed, at, sealed.length - at, position + at);
      if (bytesRead === 0) throw new SealedFileError('the sealed file is cut short');
      at += bytesRead;
    }
    return sealed;
  }

  private openChunk(index: number, sealed: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonceOf(index));
    decipher.setAAD(finalFlag(index === this.chunks - 1));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new SealedFileError('the sealed file does not open (another key, another name, or altered)');
    }
  }

  /**
   * The plaintext, or the part `range` asks for, opening only the chunks it covers. The stream
   * closes the file when it ends or is destroyed; a chunk found altered destroys it with the error.
   */
  stream(range: PlainRange | null): Readable {
    return new ChunkStream(this, range ?? { start: 0, end: this.size - 1 });
  }

  close(): Promise<void> {
    this.closing ??= this.handle.close();
    return this.closing;
  }
}

class ChunkStream extends Readable {
  private next: number;

  constructor(
    private readonly file: SealedFile,
    private readonly range: PlainRange,
  ) {
    super();
    this.next = Math.floor(range.start / CHUNK_BYTES);
  }

  override _read(): void {
    const index = this.next++;
    const chunkStart = index * CHUNK_BYTES;
    if (chunkStart > this.range.end) {
      this.push(null);
      return;
    }
    this.file.chunk(index).then(
      (plain) =>
        this.push(
          plain.subarray(
            Math.max(0, this.range.start - chunkStart),
            Math.min(plain.length, this.range.end - chunkStart + 1),
          ),
        ),
      (error: unknown) => this.destroy(error as Error),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.file.close().then(
      () => callback(error),
      (closeError: unknown) => callback(error ?? (closeError as Error)),
    );
  }
}
