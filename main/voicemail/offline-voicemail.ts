// The signed-in person's voicemail copies: their VoicemailCache, which is
// opened at sign-in, kept current by the app's push channel and wiped at sign-out.
import type { Static } from 'typebox';
import type { Session } from '../../common/ipc/domains/auth';
import type { Logger } from '../logger';
import { IpcFailure } from '../ipc/failure';
import type { CredentialVault } from '../services/credential-vault';
import type { PortalClient } from '../services/portal-client';
import type { PushChannel, PushFrame } from '../services/push-channel';
import type { SettingsStore } from '../services/settings-store';
import { VoicemailCache } from './voicemail-cache';

export interface OfflineVoicemailOptions {
  /** `<user data>/voicemail`: one folder per account below it. */
  root: string;
  vault: CredentialVault;
  portal: PortalClient;
  settings: SettingsStore;
  logger: Logger;
  /** The app's channel of the office's events, which the app opens for each session. */
  push: PushChannel;
}

/** Push events after which the voicemail box is worth reading again. */
const isVoicemailPush = (frame: PushFrame) => /^(voicemail|message-waiting)/.test(frame.type);

export class OfflineVoicemail {
  private opened: VoicemailCache | null = null;
  private account: string | null = null;
  /** Opening and closing caches happen one after the other, in session order. */
  private changes: Promise<void> = Promise.resolve();

  constructor(private readonly options: OfflineVoicemailOptions) {
    // The stream open (again): whatever came while it was closed is worth reading.
    options.push.on('open', () => this.syncOwnCache());
    options.push.on('event', (frame) => {
      if (isVoicemailPush(frame)) this.syncOwnCache();
    });
  }

  /** The signed-in person's copies; null without a session, or without a usable keyring. */
  get cache(): VoicemailCache | null {
    return this.opened;
  }

  private accountOf(session: Static<typeof Session> | null): string | null {
    return session?.scope === 'user' && session.user.extension
      ? VoicemailCache.account(this.options.portal, session.user.id)
      : null;
  }

  /** Syncs the cache open now if it is the signed-in person's (never a previous one's, closing). */
  private syncOwnCache(): void {
    const cache = this.opened;
    if (cache && this.account === this.accountOf(this.options.portal.session)) this.sync(cache);
  }

  /**
   * The cache of the session now signed in (a person's own box), or none. The same person again
   * (an offline session gone online) keeps theirs open; a session that ended (signed out, or
   * refused by the office) takes its copies with it.
   */
  sessionChanged(
    session: Static<typeof Session> | null,
    listen: (cache: VoicemailCache) => void,
  ): Promise<void> {
    this.changes = this.changes
      .then(async () => {
        const account = this.accountOf(session);
        if (account !== null && account === this.account) return;
        const previous = this.account;
        await this.close();
        if (session === null && previous !== null)
          await VoicemailCache.wipe({ ...this.options, account: previous });
        if (account !== null) await this.open(account, listen);
      })
      .catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'The offline voicemail did not open'),
      );
    return this.changes;
  }

  /** Sign-out: the account's copies, queued actions and key go before the session does. */
  async signOut(): Promise<void> {
    await this.changes;
    const account = this.account;
    await this.close();
    if (account !== null) await VoicemailCache.wipe({ ...this.options, account });
  }

  async stop(): Promise<void> {
    await this.changes;
    await this.close();
  }

  /** A recording of the signed-in person's box: for the `voicemail:audio` channel and Electron's protocol. */
  audio(id: string): Promise<{ audio: Buffer; audioType: string }> {
    if (!this.opened) return Promise.reject(this.noCache());
    return this.opened.audio(id);
  }

  private noCache(): IpcFailure {
    return this.options.portal.session
      ? new IpcFailure(
          'keyring_unavailable',
          'Voicemail cannot be kept on this computer without a usable keyring',
        )
      : new IpcFailure('not_signed_in', 'Sign in first');
  }

  private async open(account: string, listen: (cache: VoicemailCache) => void): Promise<void> {
    const { settings } = this.options;
    const cache = await VoicemailCache.open({
      ...this.options,
      account,
      retention: () => settings.get().voicemailRetention,
    });
    this.opened = cache;
    this.account = account;
    listen(cache);
    // A stream opened before the cache was ready has had its `open`: the sign-in copy is due now.
    if (this.options.push.isOpen) this.sync(cache);
  }

  private sync(cache: VoicemailCache): void {
    cache.sync().catch((error: unknown) => {
      if (!(error instanceof IpcFailure && error.code === 'offline'))
        this.options.logger.warn({ err: error }, 'Voicemail did not sync');
    });
  }

  private async close(): Promise<void> {
    const cache = this.opened;
    this.opened = null;
    this.account = null;
    if (cache) {
      cache.removeAllListeners();
      await cache.close();
    }
  }
}
