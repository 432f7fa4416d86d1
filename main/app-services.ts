// The main process's services, built once with their dependencies and stopped together.
// Electron's main/index.ts and the browser host both build them here, then serve them over the
// IPC contract (main/ipc/serve-contract.ts).
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { RunningOffice } from '../server/embedded';
import { CredentialVault, type SecretBackend } from './services/credential-vault';
import { startEmbeddedOffice, type OfficeFlags } from './services/embedded-office';
import { PortalClient } from './services/portal-client';
import { PushChannel } from './services/push-channel';
import { SettingsStore, type OpenSettingsFile } from './services/settings-store';
import { OfflineVoicemail } from './voicemail/offline-voicemail';

export interface AppServicesOptions {
  /** The app's data folder: settings file, and the embedded office under `office/`. */
  dataDir: string;
  /** An office to use instead of the settings' one (`--server`); neither: the embedded office. */
  serverUrl: string | null;
  officeFlags: OfficeFlags;
  /** Where secrets may be kept, best first. */
  secretBackends: readonly SecretBackend[];
  /** What keeps the settings file: conf, or electron-store in the Electron build. */
  settingsFile: OpenSettingsFile;
  logger: FastifyBaseLogger;
}

async function openVault(options: AppServicesOptions): Promise<CredentialVault> {
  try {
    return await CredentialVault.open(options.secretBackends);
  } catch (error) {
    // The app still works; staying signed in does not, and says why when asked.
    const reason = error instanceof Error ? error.message : String(error);
    options.logger.warn({ reason }, 'No usable keyring');
    return CredentialVault.unusable(reason);
  }
}

/** The office at `serverUrl`, or with none, the one this launch starts on this computer. */
async function officeToUse(
  serverUrl: string | null,
  options: AppServicesOptions,
): Promise<{ url: string; embedded: RunningOffice | null }> {
  if (serverUrl !== null) return { url: serverUrl, embedded: null };
  const embedded = await startEmbeddedOffice(options.dataDir, options.officeFlags, options.logger);
  return { url: embedded.url, embedded };
}

export class AppServices {
  private constructor(
    readonly settings: SettingsStore,
    readonly portal: PortalClient,
    readonly push: PushChannel,
    /** The office this launch started on this computer, if it started one. */
    readonly office: RunningOffice | null,
    readonly voicemail: OfflineVoicemail,
  ) {}

  static async start(options: AppServicesOptions): Promise<AppServices> {
    const { logger } = options;
    const settings = await SettingsStore.open(options.dataDir, { open: options.settingsFile });
    if (settings.recovered)
      logger.warn(
        settings.recovered,
        'The settings file was unreadable; it was kept aside and defaults are used',
      );
    const vault = await openVault(options);
    const office = await officeToUse(options.serverUrl ?? settings.get().serverUrl, options);
    const portal = new PortalClient(office.url, vault);
    const push = PushChannel.following(portal);
    const voicemail = new OfflineVoicemail({
      root: path.join(options.dataDir, 'voicemail'),
      vault,
      portal,
      settings,
      logger,
      push,
    });
    return new AppServices(settings, portal, push, office.embedded, voicemail);
  }

  async stop(): Promise<void> {
    this.push.close();
    this.portal.stop();
    await this.voicemail.stop();
    await this.office?.stop();
  }
}
