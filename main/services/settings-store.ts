// The app's settings file, `config.json` in the app's data folder, checked against the
// contract's settings schema. The browser host keeps it with `conf`; the Electron build with
// `electron-store` (main/electron/settings-file.ts), which is conf underneath: the same file in
// the same format, so either opens what the other wrote.
import { rename } from 'node:fs/promises';
import path from 'node:path';
import Conf, { type Schema } from 'conf';
import { DEFAULT_SETTINGS, Settings } from '../../common/ipc/domains/settings';

/** The file's name without its extension, as conf and electron-store both take it. */
export const SETTINGS_NAME = 'config';
export const SETTINGS_FILE = `${SETTINGS_NAME}.json`;

/** What the settings are kept in: a conf or an electron-store (both are these). */
export interface SettingsFile {
  readonly path: string;
  readonly store: Settings;
  set(settings: Settings): void;
}

/** How both open it: the folder, the schema with its defaults, the file's mode. */
export interface SettingsFileOptions {
  cwd: string;
  schema: Schema<Settings>;
  /** Only this process writes it, and only whole settings; 0600 like every per-user file. */
  configFileMode: number;
}

/** Opens the file; throws when it is not JSON or breaks the schema. */
export type OpenSettingsFile = (options: SettingsFileOptions) => SettingsFile;

export const openConfSettingsFile: OpenSettingsFile = (options) =>
  new Conf<Settings>({ ...options, configName: SETTINGS_NAME, projectName: 'switchboard' });

function fileOptions(cwd: string): SettingsFileOptions {
  const keys = Object.keys(Settings.properties) as (keyof Settings)[];
  // TypeBox's schemas are JSON Schema, what conf's Schema describes, but not typed as its types.
  const schema = Object.fromEntries(
    keys.map((key) => [key, { ...Settings.properties[key], default: DEFAULT_SETTINGS[key] }]),
  ) as unknown as Schema<Settings>;
  return { cwd, schema, configFileMode: 0o600 };
}

/** A settings file that could not be read as it was; kept aside under `movedTo`, never deleted. */
export interface SettingsRecovery {
  movedTo: string;
  reason: string;
}

export class SettingsStore {
  private constructor(
    private readonly file: SettingsFile,
    /** Set when this start found an unreadable file and began from defaults. */
    readonly recovered: SettingsRecovery | null,
  ) {}

  /**
   * Opens the settings in `dir`. A file that is not JSON or breaks the schema is moved aside
   * (`config.json.unreadable-<time>`) and the app starts from defaults, saying so.
   */
  static async open(
    dir: string,
    { open = openConfSettingsFile, now = new Date() }: { open?: OpenSettingsFile; now?: Date } = {},
  ): Promise<SettingsStore> {
    try {
      return new SettingsStore(open(fileOptions(dir)), null);
    } catch (error) {
      const movedTo = `${path.join(dir, SETTINGS_FILE)}.unreadable-${now.toISOString().replaceAll(':', '-')}`;
      await rename(path.join(dir, SETTINGS_FILE), movedTo);
      const reason = error instanceof Error ? error.message : String(error);
      return new SettingsStore(open(fileOptions(dir)), { movedTo, reason });
    }
  }

  get path(): string {
    return this.file.path;
  }

  get(): Settings {
    return { ...DEFAULT_SETTINGS, ...this.file.store };
  }

  /** Applies a validated patch and returns the whole settings; the file checks the schema again. */
  update(patch: Partial<Settings>): Settings {
    this.file.set({ ...this.get(), ...patch });
    return this.get();
  }
}
