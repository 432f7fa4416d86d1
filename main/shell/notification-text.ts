// The text of the system notifications: an incoming call (with Answer and Decline), a missed
// call and a new voice message, in the app's language.
import type { Static } from 'typebox';
import type { Call } from '../../common/ipc/domains/calls';
import type { CallLogEntry } from '../../common/api/call-log';
import type { VoicemailMessage } from '../../common/api/voicemail';
import type { Language } from '../../common/i18n/languages';
import { SHELL_TEXTS } from './texts';

export interface NotificationText {
  title: string;
  body: string;
}

export interface CallNotificationText extends NotificationText {
  /** In this order: what the notification's buttons say. */
  actions: { action: 'answer' | 'decline'; label: string }[];
}

/** "Ana Ruiz (104)", or the number alone, or the words for an unknown caller. */
function who(name: string | null, number: string, language: Language): string {
  if (name && number) return `${name} (${number})`;
  return name || number || SHELL_TEXTS[language].unknownCaller;
}

export function incomingCallText(call: Static<typeof Call>, language: Language): CallNotificationText {
  const texts = SHELL_TEXTS[language];
  return {
    title: texts.incomingCall,
    body: who(call.remoteName, call.remoteNumber, language),
    actions: [
      { action: 'answer', label: texts.answer },
      { action: 'decline', label: texts.decline },
    ],
  };
}

export function voicemailText(message: VoicemailMessage, language: Language): NotificationText {
  const texts = SHELL_TEXTS[language];
  return {
    title: texts.newVoicemail,
    body: texts.voicemailFrom(
      who(message.callerName, message.callerNumber, language),
      message.durationSeconds,
    ),
  };
}

export function missedCallText(entry: CallLogEntry, language: Language): NotificationText {
  return { title: SHELL_TEXTS[language].missedCall, body: who(entry.otherName, entry.otherNumber, language) };
}
