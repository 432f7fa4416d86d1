// Secrets the app keeps between launches (the refresh token and the SIP password of each
// account) live only in the OS keyring: never in the settings file, never in a log.
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { IpcFailure } from '../ipc/failure';

/** Where secrets are kept: the OS keyring (keytar), or in Electron, safeStorage. */
export interface SecretBackend {
  readonly name: string;
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export const KEYRING_SERVICE = 'Switchboard';

export const keytarBackend: SecretBackend = {
  name: 'OS keyring',
  get: (key) => keytar.getPassword(KEYRING_SERVICE, key),
  set: (key, secret) => keytar.setPassword(KEYRING_SERVICE, key, secret),
  delete: (key) => keytar.deletePassword(KEYRING_SERVICE, key),
};

/**
 * `voicemail-key`: the key the account's offline voicemail copies are encrypted with.
 * `session-summary`: who the remembered session is (no token), so the app opens offline as them;
 * kept here rather than in a plain file because it names the person.
 * `device-token`: what the office gave this computer when the account signed in here, so that
 * wrong passwords from elsewhere do not lock the person out of it (kept under each login).
 */
export type SecretKind =
  'refresh-token' | 'sip-password' | 'voicemail-key' | 'session-summary' | 'device-token';
/**
 * What sign-out wipes: everything of the session. The device token stays: it lets nobody in
 * without the password, and it is what lets the person back in here while strangers' wrong
 * passwords keep the account locked.
 */
const SESSION_KINDS: readonly SecretKind[] = [
  'refresh-token',
  'sip-password',
  'voicemail-key',
  'session-summary',
];

const PROBE_PREFIX = 'switchboard-keyring-probe';

export class CredentialVault {
  constructor(
    private readonly backend: SecretBackend,
    /** False when no keyring worked at launch: nothing is kept, and every use fails with the reason. */
    readonly usable = true,
  ) {}

  /** Stands in when no keyring works: the app still runs; staying signed in does not. */
  static unusable(reason: string): CredentialVault {
    const refuse = () => Promise.reject(new Error(reason));
    return new CredentialVault({ name: 'keyring', get: refuse, set: refuse, delete: refuse }, false);
  }

  /** The first backend that can store and read back a secret; a clear error when none can. */
  static async open(backends: readonly SecretBackend[]): Promise<CredentialVault> {
    const reasons: string[] = [];
    for (const backend of backends) {
      try {
        // A key and value of its own: two processes opening the same keyring at once (the app
        // and its tests) must not read or delete each other's probe.
        const probe = randomUUID();
        const probeKey = `${PROBE_PREFIX} ${probe}`;
        await backend.set(probeKey, probe);
        const read = await backend.get(probeKey);
        await backend.delete(probeKey);
        if (read === probe) return new CredentialVault(backend);
        reasons.push(`${backend.name}: a stored secret did not read back`);
      } catch (error) {
        reasons.push(`${backend.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new IpcFailure(
      'keyring_unavailable',
      `No usable keyring to keep your sign-in safely (${reasons.join('; ')}). ` +
        'Start the system keyring (e.g. gnome-keyring or KWallet) and try again.',
    );
  }

  get backendName(): string {
    return this.backend.name;
  }

  save(account: string, kind: SecretKind, secret: string): Promise<void> {
    return this.guard(() => this.backend.set(key(account, kind), secret));
  }

  read(account: string, kind: SecretKind): Promise<string | null> {
    return this.guard(() => this.backend.get(key(account, kind)));
  }

  forget(account: string, kind: SecretKind): Promise<void> {
    return this.guard(async () => void (await this.backend.delete(key(account, kind))));
  }

  /** Sign-out: every secret of the account's session goes. */
  async wipe(account: string): Promise<void> {
    for (const kind of SESSION_KINDS) await this.forget(account, kind);
  }

  /** A keyring that stops answering (locked, daemon gone) is an error the UI can show, not a crash. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new IpcFailure(
        'keyring_unavailable',
        `The ${this.backend.name} did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** One keyring entry per account and kind; the account names the office too (`origin user-id`). */
const key = (account: string, kind: SecretKind) => `${account} ${kind}`;
