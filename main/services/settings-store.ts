// The app's settings file: `conf` with the contract's settings schema, the same file and
// format electron-store writes (it is conf underneath), in the app's data folder.
import { rename } from 'node:fs/promises';
import path from 'node:path';
import Conf from 'conf';
import { DEFAULT_SETTINGS, Settings } from '../../common/ipc/domains/settings';

export const SETTINGS_FILE = 'config.json';

/** A settings file that could not be read as it was; kept aside under `movedTo`, never deleted. */
export interface SettingsRecovery {
  movedTo: string;
  reason: string;
}

type Store = Conf<Settings>;

function openStore(cwd: string): Store {
  const schema = Object.fromEntries(
    Object.entries(Settings.properties).map(([key, schema]) => [
      key,
      { ...schema, default: DEFAULT_SETTINGS[key as keyof Settings] },
    ]),
  );
  return new Conf<Settings>({
    cwd,
    configName: 'config',
    projectName: 'switchboard',
    schema: schema as never,
    // Only this process writes it, and only whole settings; 0600 like every per-user file.
    configFileMode: 0o600,
  });
}

export class SettingsStore {
  private constructor(
    private readonly store: Store,
    /** Set when this start found an unreadable file and began from defaults. */
    readonly recovered: SettingsRecovery | null,
  ) {}

  /**
   * Opens the settings in `dir`. A file that is not JSON or breaks the schema is moved aside
   * (`config.json.unreadable-<time>`) and the app starts from defaults, saying so.
   */
  static async open(dir: string, now = new Date()): Promise<SettingsStore> {
    try {
      return new SettingsStore(openStore(dir), null);
    } catch (error) {
      const movedTo = `${path.join(dir, SETTINGS_FILE)}.unreadable-${now.toISOString().replaceAll(':', '-')}`;
      await rename(path.join(dir, SETTINGS_FILE), movedTo);
      const reason = error instanceof Error ? error.message : String(error);
      return new SettingsStore(openStore(dir), { movedTo, reason });
    }
  }

  get path(): string {
    return this.store.path;
  }

  get(): Settings {
    return { ...DEFAULT_SETTINGS, ...this.store.store };
  }

  /** Applies a validated patch and returns the whole settings; conf checks the schema again. */
  update(patch: Partial<Settings>): Settings {
    this.store.set({ ...this.get(), ...patch });
    return this.get();
  }
}
