// The main process's services, built once with their dependencies and served over the IPC
// contract. Electron's main/index.ts and the browser host both start the app through this.
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { Value } from 'typebox/value';
import type { RunningOffice } from '../server/embedded';
import type { IpcRouter } from './ipc/router';
import { restHandlers } from './ipc/rest-handlers';
import { CredentialVault, type SecretBackend } from './services/credential-vault';
import { startEmbeddedOffice, type OfficeFlags } from './services/embedded-office';
import { PortalClient } from './services/portal-client';
import { PushChannel } from './services/push-channel';
import { SettingsStore } from './services/settings-store';
import type { PowerEvents } from './softphone/power-events';
import { SoftphoneService, type Registration } from './softphone/softphone-service';
import type { SoftphoneConfig } from '../common/api/me';
import { CallLoggedEvent } from '../common/api/push';
import { IpcFailure } from './ipc/failure';
import { parseDialLink, type DialLink } from './links/dial-link';
import { PendingDial } from './links/pending-dial';
import { checkOffice } from './services/office-check';
import { OfflineVoicemail } from './voicemail/offline-voicemail';
import { MediaBridge } from './softphone/media-bridge';

const NOT_REGISTERED: Registration = { state: 'unregistered', reason: null, retryInSeconds: null };

export interface AppServicesOptions {
  /** The app's data folder: settings file, and the embedded office under `office/`. */
  dataDir: string;
  host: 'electron' | 'browser';
  version: string;
  /** An office to use instead of the settings' one (`--server`); neither: the embedded office. */
  serverUrl: string | null;
  officeFlags: OfficeFlags;
  /** Where secrets may be kept, best first. */
  secretBackends: readonly SecretBackend[];
  /** When the softphone must register afresh (sleep, unlock, network change). */
  power: PowerEvents;
  logger: FastifyBaseLogger;
}

/** Stands in when no keyring works: every use fails with the reason, never stores anything. */
function unavailableBackend(reason: string): SecretBackend {
  const refuse = () => Promise.reject(new Error(reason));
  return { name: 'keyring', get: refuse, set: refuse, delete: refuse };
}

export class AppServices {
  private softphone: SoftphoneService | null = null;
  /** Whose extension the running softphone registers: `user id extension`. */
  private softphoneOwner: string | null = null;
  /** Made when the contract is served: the calls' audio is done by a page over it. */
  private media: MediaBridge | null = null;
  /** Softphone starts and stops one after the other, in session order. */
  private softphoneQueue: Promise<void> = Promise.resolve();
  private router: IpcRouter | null = null;
  /** Links wait here until the softphone is registered; then they dial like the window's dial pad. */
  private readonly links = new PendingDial((target) => void this.dialLink(target));

  private constructor(
    private readonly options: AppServicesOptions,
    readonly settings: SettingsStore,
    readonly portal: PortalClient,
    private readonly push: PushChannel,
    readonly office: RunningOffice | null,
    readonly voicemail: OfflineVoicemail,
  ) {}

  static async start(options: AppServicesOptions): Promise<AppServices> {
    const { logger } = options;
    const settings = await SettingsStore.open(options.dataDir);
    if (settings.recovered)
      logger.warn(
        settings.recovered,
        'The settings file was unreadable; it was kept aside and defaults are used',
      );
    let vault: CredentialVault;
    try {
      vault = await CredentialVault.open(options.secretBackends);
    } catch (error) {
      // The app still works; staying signed in does not, and says why when asked.
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ reason }, 'No usable keyring');
      vault = new CredentialVault(unavailableBackend(reason));
    }
    const serverUrl = options.serverUrl ?? settings.get().serverUrl;
    const office =
      serverUrl === null ? await startEmbeddedOffice(options.dataDir, options.officeFlags, logger) : null;
    const portal = new PortalClient(office?.url ?? (serverUrl as string), vault);
    const push = PushChannel.following(portal);
    const voicemail = new OfflineVoicemail({
      root: path.join(options.dataDir, 'voicemail'),
      vault,
      portal,
      settings,
      logger,
      push,
    });
    return new AppServices(options, settings, portal, push, office, voicemail);
  }

  /** Serves every channel these services answer; the softphone's come with the SoftphoneService. */
  serve(router: IpcRouter): void {
    this.router = router;
    const { portal, settings, voicemail } = this;
    portal.on('session', (session) => {
      router.publish('auth', 'sessionChanged', session);
      this.restartSoftphone(router);
      void voicemail.sessionChanged(session, (cache) => {
        cache.on('state', (state) => router.publish('voicemail', 'syncStateChanged', state));
        cache.on('received', (message) => router.publish('voicemail', 'received', message));
      });
    });
    portal.on('endedByOffice', () => router.publish('auth', 'endedByOffice', {}));
    this.push.on('event', ({ data }) => {
      if (Value.Check(CallLoggedEvent, data)) router.publish('portal', 'callLogged', data.call);
    });
    portal.on('connection', (state) => router.publish('app', 'connectionChanged', { state }));

    const forwarded = restHandlers('auth', portal);
    router.serve('auth', {
      ...forwarded,
      changePassword: async (request, sender) => {
        await forwarded.changePassword(request, sender);
        portal.passwordChanged();
        return null;
      },
      signIn: async (request) => {
        const session = await portal.signIn(request);
        settings.update({ lastLogin: request.login });
        return session;
      },
      resume: async () => {
        const { lastLogin } = settings.get();
        return lastLogin === null ? null : portal.resume(lastLogin);
      },
      session: async () => portal.session,
      signOut: async () => {
        // The copies go first, while it is known whose they are; signing out happens regardless.
        try {
          await voicemail.signOut();
        } finally {
          await portal.signOut();
        }
        return null;
      },
    });
    router.serve('registration', {
      state: async () => this.softphone?.state ?? NOT_REGISTERED,
      retry: async () => {
        if (!this.softphone) throw new IpcFailure('not_signed_in', 'Sign in first');
        this.softphone.reconnectNow();
        return null;
      },
    });
    this.serveCalls(router);
    router.serve('portal', restHandlers('portal', portal));
    router.serve('admin', restHandlers('admin', portal));
    router.serve('voicemail', voicemail.handlers());

    router.serve('settings', {
      get: async () => settings.get(),
      update: async (patch) => {
        const updated = settings.update(patch);
        router.publish('settings', 'changed', updated);
        if (patch.audio) router.publish('audio', 'devicesChanged', updated.audio);
        return updated;
      },
    });
    router.serve('audio', {
      devices: async () => settings.get().audio,
      chooseDevices: async (choice) => {
        const updated = settings.update({ audio: { ...settings.get().audio, ...choice } });
        router.publish('audio', 'devicesChanged', updated.audio);
        router.publish('settings', 'changed', updated);
        return updated.audio;
      },
    });
    const info = () => ({
      version: this.options.version,
      host: this.options.host,
      office: {
        mode: this.portal.baseUrl === this.office?.url ? ('embedded' as const) : ('remote' as const),
        url: this.portal.baseUrl,
      },
    });
    router.serve('app', {
      info: async () => info(),
      firstRunAdmin: async () => this.office?.firstAdmin ?? null,
      useOffice: async ({ url }) => {
        if (portal.session) throw new IpcFailure('conflict', 'Sign out before changing the office server');
        if (url === null && !this.office)
          throw new IpcFailure('unavailable', 'No office runs on this computer in this launch');
        if (url !== null) await checkOffice(url);
        portal.useOffice(url ?? (this.office as RunningOffice).url);
        router.publish('settings', 'changed', settings.update({ serverUrl: url }));
        return info();
      },
    });
  }

  private serveCalls(router: IpcRouter): void {
    const media = new MediaBridge(router, this.options.logger);
    this.media = media;
    media.on('lost', (reason) => void this.softphone?.calls.endAll(`the call’s audio stopped: ${reason}`));
    const calls = () => {
      if (!this.softphone) throw new IpcFailure('not_signed_in', 'Sign in first');
      return this.softphone.calls;
    };
    router.serve('calls', {
      list: async () => this.softphone?.calls.list() ?? [],
      dial: async ({ target }) => {
        const softphone = calls();
        if (this.softphone?.state.state !== 'registered')
          throw new IpcFailure('not_registered', 'The softphone is not registered; calls cannot be made now');
        if (!media.available)
          throw new IpcFailure('no_media', 'No page of the app is open to do the call’s audio');
        return softphone.dial(target);
      },
      answer: async ({ callId }) => (await calls().answer(callId), null),
      decline: async ({ callId }) => (await calls().decline(callId), null),
      hangUp: async ({ callId }) => (await calls().hangUp(callId), null),
      hold: async ({ callId }) => (await calls().hold(callId), null),
      resume: async ({ callId }) => (await calls().resume(callId), null),
      mute: async ({ callId, muted }) => (await calls().mute(callId, muted), null),
      sendDtmf: async ({ callId, tones }) => (await calls().sendDtmf(callId, tones), null),
      transfer: async ({ callId, target }) => (await calls().transfer(callId, target), null),
      completeTransfer: async ({ callId, consultationCallId }) => (
        await calls().completeTransfer(callId, consultationCallId),
        null
      ),
    });
    router.serve('media', {
      announce: async (_request, sender) => (media.announce(sender.connection), null),
      done: async (answer, sender) => (media.done(answer, sender.connection), null),
      stats: async ({ callId }) => {
        if (
          !calls()
            .list()
            .some((call) => call.id === callId)
        )
          throw new IpcFailure('not_found', 'No such call', 'request.callId');
        return media.stats(callId);
      },
    });
  }

  /**
   * Stops the softphone and starts it again for the session now signed in, if it may have one.
   * The same person signing in again (an administrator's password asked again after the idle
   * limit) keeps the running softphone, and so their calls.
   */
  private restartSoftphone(router: IpcRouter): void {
    const session = this.portal.session;
    const owner = session?.user.extension ? `${session.user.id} ${session.user.extension}` : null;
    this.softphoneQueue = this.softphoneQueue
      .then(async () => {
        if (this.softphone && owner === this.softphoneOwner) return;
        await this.stopSoftphone();
        // The office gives the softphone its SIP account only once the password is the person's own.
        // Nor can it register before the office is reached; going online starts it afresh.
        if (session?.user.extension && !session.mustChangePassword && !this.portal.offline)
          await this.startSoftphone(router, owner);
      })
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'The softphone did not start'));
  }

  private async startSoftphone(router: IpcRouter, owner: string | null): Promise<void> {
    let config: SoftphoneConfig;
    try {
      config = await this.portal.call<SoftphoneConfig>({ method: 'GET', path: '/me/softphone' }, {});
    } catch (error) {
      if (!(error instanceof IpcFailure) || error.code !== 'not_found') throw error;
      router.publish('registration', 'stateChanged', {
        state: 'failed',
        reason: 'no-softphone',
        retryInSeconds: null,
      });
      return;
    }
    const media = this.media;
    if (!media) throw new Error('The softphone starts only once the contract is served');
    media.useIceServers(config.iceServers);
    const softphone = new SoftphoneService(config, this.options.power, {
      logger: this.options.logger,
      media,
    });
    softphone.on('state', (state) => {
      router.publish('registration', 'stateChanged', state);
      this.links.registrationChanged(state.state);
    });
    softphone.calls.on('incoming', (call) => router.publish('calls', 'incoming', call));
    softphone.calls.on('changed', (call) => router.publish('calls', 'stateChanged', call));
    softphone.calls.on('dtmf', (pressed) => router.publish('calls', 'dtmfReceived', pressed));
    this.softphone = softphone;
    this.softphoneOwner = owner;
    await softphone.start();
  }

  private async stopSoftphone(): Promise<void> {
    const softphone = this.softphone;
    this.softphone = null;
    this.softphoneOwner = null;
    this.links.registrationChanged('unregistered');
    await softphone?.stop();
  }

  private async dialLink(target: string): Promise<void> {
    const dialled = await this.router?.invoke('calls', 'dial', { target });
    if (dialled && !dialled.ok)
      this.options.logger.warn({ code: dialled.error.code }, `A link did not dial: ${dialled.error.message}`);
  }

  /** A tel:, sip: or callto: link the OS handed over: dialled once registered, or refused with the reason. */
  openLink(link: string): DialLink {
    const read = parseDialLink(link);
    if (read.ok) this.links.request(read.target);
    else this.options.logger.warn({ refusal: read.refusal }, `Link not dialled: ${read.message}`);
    return read;
  }

  async stop(): Promise<void> {
    await this.softphoneQueue;
    await this.stopSoftphone();
    this.push.close();
    this.portal.stop();
    await this.voicemail.stop();
    await this.office?.stop();
  }
}
