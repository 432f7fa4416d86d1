// What the tray shows for the softphone's registration: which icon, the tooltip, the menu.
// Plain data from the state, so the Electron side only draws it.
import type { Static } from 'typebox';
import type { RegistrationState } from '../../common/ipc/domains/registration';
import type { Language } from '../../common/i18n/languages';
import { SHELL_TEXTS } from './texts';

export type Registration = Static<typeof RegistrationState>;
export type TrayIcon = 'registered' | 'registering' | 'not-registered';
export type TrayAction = 'open' | 'retry' | 'quit';

export interface TrayState {
  icon: TrayIcon;
  tooltip: string;
  menu: { action: TrayAction; label: string; enabled: boolean }[];
}

export function trayState(registration: Registration, language: Language): TrayState {
  const texts = SHELL_TEXTS[language];
  const icon: TrayIcon =
    registration.state === 'registered'
      ? 'registered'
      : registration.state === 'registering'
        ? 'registering'
        : 'not-registered';
  const status = {
    registered: texts.registered,
    registering: texts.registering,
    'not-registered': texts.notRegistered,
  }[icon];
  const details = [
    registration.reason && texts.reasons[registration.reason],
    registration.retryInSeconds !== null && texts.retryingIn(registration.retryInSeconds),
  ].filter((part): part is string => typeof part === 'string');
  return {
    icon,
    tooltip: `Switchboard: ${status}${details.length ? ` (${details.join(', ')})` : ''}`,
    menu: [
      { action: 'open', label: texts.open, enabled: true },
      // Only a failed or waiting registration can be hurried; 'unregistered' means signed out.
      { action: 'retry', label: texts.retryNow, enabled: registration.state === 'failed' },
      { action: 'quit', label: texts.quit, enabled: true },
    ],
  };
}
