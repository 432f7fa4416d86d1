// The desktop around the window: the tray follows the registration and do-not-disturb (which its
// menu turns on and off, through the portal channels as the window does); incoming calls, missed calls
// and new voice messages become system notifications (Answer and Decline act through the calls
// channels, as the window's buttons do; a missed call or a message opens the call log or the
// voicemail, and is noticed only when the window is not in front of the person, who would see
// it there already); "launch at login" follows the settings. Electron's tray, notifications and
// login items sit behind the small interfaces below (main/electron/).
import type { Static } from 'typebox';
import type { Settings } from '../../common/ipc/domains/settings';
import type { Call } from '../../common/ipc/domains/calls';
import type { ShowScreen } from '../../common/ipc/domains/app';
import type { Language } from '../../common/i18n/languages';
import type { IpcRouter } from '../ipc/router';
import type { Logger } from '../logger';
import {
  incomingCallText,
  missedCallText,
  voicemailText,
  type CallNotificationText,
  type NotificationText,
} from './notification-text';
import { shellLanguage } from './texts';
import { trayState, type Registration, type TrayAction, type TrayState } from './tray-state';

export interface TrayView {
  show(state: TrayState, onAction: (action: TrayAction) => void): void;
}

export interface ShownNotification {
  close(): void;
}

export interface SystemNotifier {
  /** `answer`/`decline` from its buttons; `open` when the notification itself is clicked. */
  incomingCall(
    text: CallNotificationText,
    onAction: (action: 'answer' | 'decline' | 'open') => void,
  ): ShownNotification;
  /** A notice that does `onClick` when clicked: a missed call, a new voice message. */
  notice(text: NotificationText, onClick: () => void): void;
}

export interface LoginItem {
  set(openAtLogin: boolean): void;
}

export interface DesktopShellOptions {
  router: IpcRouter;
  settings: Settings;
  /** The OS's locale (`app.getLocale()`), for the `system` language. */
  systemLocale: string;
  tray: TrayView;
  notifier: SystemNotifier;
  loginItem: LoginItem;
  showWindow(): void;
  /** Whether the window has the focus: the person is looking at the app. */
  windowFocused(): boolean;
  quit(): void;
  logger: Logger;
}

const NOT_REGISTERED: Registration = { state: 'unregistered', reason: null, retryInSeconds: null };

export class DesktopShell {
  private registration = NOT_REGISTERED;
  /** The person's do-not-disturb as the office last said; null while signed out or not yet known. */
  private doNotDisturb: boolean | null = null;
  /** Counts sign-ins and sign-outs, so an answer about an earlier session is dropped. */
  private sessionRound = 0;
  private language: Language;
  private openAtLogin: boolean;
  /** The notification of each call still ringing, closed once it is answered or gone. */
  private readonly ringing = new Map<string, ShownNotification>();
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly options: DesktopShellOptions) {
    const { router, settings } = options;
    this.language = shellLanguage(settings.language, options.systemLocale);
    this.openAtLogin = settings.launchAtLogin;
    options.loginItem.set(this.openAtLogin);
    this.unsubscribe = [
      router.listen('registration', 'stateChanged', (state) => {
        this.registration = state;
        this.drawTray();
      }),
      router.listen('settings', 'changed', (changed) => this.settingsChanged(changed)),
      router.listen('auth', 'sessionChanged', (session) => void this.sessionChanged(session !== null)),
      router.listen('portal', 'preferencesChanged', (preferences) =>
        this.showDoNotDisturb(preferences.doNotDisturb),
      ),
      router.listen('calls', 'incoming', (call) => this.incoming(call)),
      router.listen('calls', 'stateChanged', (call) => {
        if (call.state !== 'ringing') this.stopRinging(call.id);
      }),
      router.listen('voicemail', 'received', (message) => {
        if (!message.read) this.notice(voicemailText(message, this.language), 'voicemail');
      }),
      router.listen('portal', 'callLogged', (entry) => {
        if (entry.direction === 'incoming' && entry.result === 'missed')
          this.notice(missedCallText(entry, this.language), 'call-log');
      }),
    ];
    this.drawTray();
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const id of [...this.ringing.keys()]) this.stopRinging(id);
  }

  private settingsChanged(settings: Settings): void {
    const language = shellLanguage(settings.language, this.options.systemLocale);
    if (language !== this.language) {
      this.language = language;
      this.drawTray();
    }
    if (settings.launchAtLogin !== this.openAtLogin) {
      this.openAtLogin = settings.launchAtLogin;
      this.options.loginItem.set(this.openAtLogin);
    }
  }

  private async sessionChanged(signedIn: boolean): Promise<void> {
    const round = ++this.sessionRound;
    this.showDoNotDisturb(null);
    if (!signedIn) return;
    const preferences = await this.options.router.invoke('portal', 'preferences', {});
    if (round !== this.sessionRound) return;
    if (preferences.ok) this.showDoNotDisturb(preferences.value.doNotDisturb);
    else this.options.logger.warn({ code: preferences.error.code }, preferences.error.message);
  }

  private showDoNotDisturb(doNotDisturb: boolean | null): void {
    if (doNotDisturb === this.doNotDisturb) return;
    this.doNotDisturb = doNotDisturb;
    this.drawTray();
  }

  private drawTray(): void {
    this.options.tray.show(trayState(this.registration, this.language, this.doNotDisturb), (action) =>
      this.trayAction(action),
    );
  }

  private trayAction(action: TrayAction): void {
    if (action === 'open') return this.options.showWindow();
    if (action === 'quit') return this.options.quit();
    if (action === 'do-not-disturb') return void this.toggleDoNotDisturb();
    void this.options.router.invoke('registration', 'retry', {}).then((result) => {
      if (!result.ok) this.options.logger.warn({ code: result.error.code }, result.error.message);
    });
  }

  /** The office pushes the change to every app of the person, this tray included. */
  private async toggleDoNotDisturb(): Promise<void> {
    if (this.doNotDisturb === null) return;
    const round = this.sessionRound;
    const result = await this.options.router.invoke('portal', 'updatePreferences', {
      body: { doNotDisturb: !this.doNotDisturb },
    });
    if (!result.ok) return this.options.logger.warn({ code: result.error.code }, result.error.message);
    if (round === this.sessionRound) this.showDoNotDisturb(result.value.doNotDisturb);
  }

  /** The window, on the screen a notification is about. */
  private notice(text: NotificationText, screen: Static<typeof ShowScreen>['screen']): void {
    if (!this.options.windowFocused()) this.options.notifier.notice(text, () => this.showScreen(screen));
  }

  private showScreen(screen: Static<typeof ShowScreen>['screen']): void {
    this.options.showWindow();
    this.options.router.publish('app', 'showScreen', { screen });
  }

  private incoming(call: Static<typeof Call>): void {
    if (call.direction !== 'incoming' || call.state !== 'ringing' || this.ringing.has(call.id)) return;
    const shown = this.options.notifier.incomingCall(incomingCallText(call, this.language), (action) => {
      this.stopRinging(call.id);
      this.options.showWindow();
      if (action === 'open') return;
      void this.options.router.invoke('calls', action, { callId: call.id }).then((result) => {
        if (!result.ok) this.options.logger.warn({ code: result.error.code }, result.error.message);
      });
    });
    this.ringing.set(call.id, shown);
  }

  private stopRinging(callId: string): void {
    this.ringing.get(callId)?.close();
    this.ringing.delete(callId);
  }
}
