import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_KEY_ENV, SecretBox, SecretBoxError } from '../../server/secrets/secret-box';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-secrets-'));
  made.push(dir);
  return dir;
}

describe('SecretBox', () => {
  it('makes a 0600 key file once and reopens sealed secrets with it', async () => {
    const dir = await tempDir();
    const first = await SecretBox.forDataDir(dir, {});
    const sealed = first.seal('s3cret-pässword');
    expect(sealed).not.toContain('s3cret');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect((await stat(path.join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
    const again = await SecretBox.forDataDir(dir, {});
    expect(again.unseal(sealed)).toBe('s3cret-pässword');
  });

  it('seals the same text differently each time', async () => {
    const box = await SecretBox.forDataDir(await tempDir(), {});
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('refuses a tampered secret and a different key', async () => {
    const box = await SecretBox.forDataDir(await tempDir(), {});
    const other = await SecretBox.forDataDir(await tempDir(), {});
    const sealed = box.seal('hello');
    // The last character may carry unused bits; the one before it is all ciphertext.
    const at = sealed.length - 2;
    const flipped = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    expect(flipped).not.toBe(sealed);
    expect(() => box.unseal(flipped)).toThrow(SecretBoxError);
    expect(() => other.unseal(sealed)).toThrow(/wrong key or tampered/);
    expect(() => box.unseal('plain')).toThrow(/not a sealed secret/);
  });

  it('takes the key from the environment before the file', async () => {
    const dir = await tempDir();
    const key = Buffer.alloc(32, 7).toString('base64url');
    const box = await SecretBox.forDataDir(dir, { [SECRET_KEY_ENV]: key });
    const sealed = box.seal('env');
    expect(SecretBox.fromKey(Buffer.alloc(32, 7)).unseal(sealed)).toBe('env');
    await expect(stat(path.join(dir, 'secret.key'))).rejects.toThrow();
    await expect(SecretBox.forDataDir(dir, { [SECRET_KEY_ENV]: 'short' })).rejects.toThrow(/32-byte key/);
  });

  it('refuses a damaged key file instead of making a new key', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'secret.key'), 'not-a-key\n');
    await expect(SecretBox.forDataDir(dir, {})).rejects.toThrow(/32-byte key/);
    expect(await readFile(path.join(dir, 'secret.key'), 'utf8')).toBe('not-a-key\n');
  });
});
