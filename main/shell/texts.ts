// The desktop shell's words (tray, system notifications), from the app's catalogues
// (common/i18n): the same translations the window shows, read without i18next.
import { translate, type MessageKey } from '../../common/i18n/catalogue';
import { LANGUAGES, pickLanguage, type Language } from '../../common/i18n/languages';
import type { Settings } from '../../common/ipc/domains/settings';

export interface ShellTexts {
  registered: string;
  registering: string;
  notRegistered: string;
  reasons: Record<'no-network' | 'wrong-password' | 'server-unreachable' | 'no-softphone', string>;
  retryingIn: (seconds: number) => string;
  open: string;
  doNotDisturb: string;
  retryNow: string;
  quit: string;
  incomingCall: string;
  answer: string;
  decline: string;
  newVoicemail: string;
  voicemailFrom: (caller: string, seconds: number) => string;
  unknownCaller: string;
  missedCall: string;
}

const duration = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

function shellTexts(language: Language): ShellTexts {
  const text = (key: MessageKey, values?: Record<string, string | number>) =>
    translate(language, key, values);
  return {
    registered: text('desktop.registered'),
    registering: text('desktop.registering'),
    notRegistered: text('desktop.notRegistered'),
    // The window's words where the tray has room for them; shorter ones where the window's are sentences.
    reasons: {
      'no-network': text('softphone.reason.noNetwork'),
      'wrong-password': text('desktop.wrongPassword'),
      'server-unreachable': text('softphone.reason.serverUnreachable'),
      'no-softphone': text('desktop.noSoftphone'),
    },
    retryingIn: (seconds) => text('desktop.retryingIn', { seconds }),
    open: text('desktop.open'),
    doNotDisturb: text('preferences.doNotDisturb'),
    retryNow: text('desktop.retryNow'),
    quit: text('desktop.quit'),
    incomingCall: text('softphone.incoming.title'),
    answer: text('softphone.incoming.answer'),
    decline: text('softphone.incoming.decline'),
    newVoicemail: text('desktop.newVoicemail'),
    voicemailFrom: (caller, seconds) =>
      text('desktop.voicemailFrom', { caller, duration: duration(seconds) }),
    unknownCaller: text('desktop.unknownCaller'),
    missedCall: text('desktop.missedCall'),
  };
}

export const SHELL_TEXTS = Object.fromEntries(
  LANGUAGES.map((language) => [language, shellTexts(language)]),
) as Record<Language, ShellTexts>;

/** The language setting, with `system` read from the OS's locale; English when the app does not speak it. */
export const shellLanguage = (setting: Settings['language'], systemLocale: string): Language =>
  pickLanguage([systemLocale], setting === 'system' ? null : setting);
