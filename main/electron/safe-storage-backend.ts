// Where the OS keyring cannot be reached, Electron's safeStorage (the OS's own encryption of
// a per-user key) keeps secrets in a file of ciphertext. Refused when safeStorage would only
// obfuscate (Linux without a secret service falls back to a fixed key: "basic_text").
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { SecretBackend } from '../services/credential-vault';

export function safeStorageBackend(userDataDir: string): SecretBackend {
  const file = path.join(userDataDir, 'secrets.enc.json');
  const load = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  };
  const usable = () => {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('safeStorage cannot encrypt here');
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      throw new Error('safeStorage has no OS key on this desktop, only a fixed one');
  };
  return {
    name: 'Electron safeStorage',
    async get(key) {
      usable();
      const stored = (await load())[key];
      return stored === undefined ? null : safeStorage.decryptString(Buffer.from(stored, 'base64'));
    },
    async set(key, secret) {
      usable();
      const all = await load();
      all[key] = safeStorage.encryptString(secret).toString('base64');
      await writeFile(file, JSON.stringify(all), { mode: 0o600 });
    },
    async delete(key) {
      const all = await load();
      if (!(key in all)) return false;
      delete all[key];
      await writeFile(file, JSON.stringify(all), { mode: 0o600 });
      return true;
    },
  };
}
