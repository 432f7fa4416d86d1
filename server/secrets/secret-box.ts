import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The environment variable that carries the key where several office processes share a database. */
export const SECRET_KEY_ENV = 'SWITCHBOARD_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'sb1:';

export class SecretBoxError extends Error {}

/**
 * Encrypts secrets the server must be able to read back (SIP passwords for digest, mail awaiting
 * retry) with AES-256-GCM under a key kept outside the database, so a copied database alone
 * yields nothing readable.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== KEY_BYTES) throw new SecretBoxError(`the secret key must be ${KEY_BYTES} bytes`);
    return new SecretBox(key);
  }

  /**
   * The key from SWITCHBOARD_SECRET_KEY (base64url, 32 bytes) when set, else from `secret.key` in
   * the data folder, made on first start with mode 0600.
   */
  static async forDataDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<SecretBox> {
    const fromEnv = env[SECRET_KEY_ENV];
    if (fromEnv !== undefined && fromEnv !== '') return SecretBox.fromKey(decodeKey(fromEnv, SECRET_KEY_ENV));
    const file = path.join(dataDir, SECRET_KEY_FILE);
    try {
      const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      const key = randomBytes(KEY_BYTES);
      try {
        await handle.writeFile(`${key.toString('base64url')}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return new SecretBox(key);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return SecretBox.fromKey(decodeKey((await readFile(file, 'utf8')).trim(), file));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  unseal(sealed: string): string {
    if (!SecretBox.isSealed(sealed)) throw new SecretBoxError('not a sealed secret');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('sealed secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretBoxError('sealed secret does not open with this key (wrong key or tampered)');
    }
  }

  /**
   * A key of its own for one use (HKDF-SHA256 over the office key with `salt` and `info`): bulk
   * data such as recordings is sealed under derived keys, never under the office key itself.
   */
  deriveKey(salt: Buffer, info: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, salt, info, KEY_BYTES));
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }
}

function decodeKey(text: string, source: string): Buffer {
  const key = Buffer.from(text, 'base64url');
  if (key.length !== KEY_BYTES)
    throw new SecretBoxError(`${source} must hold a ${KEY_BYTES}-byte key in base64url`);
  return key;
}
