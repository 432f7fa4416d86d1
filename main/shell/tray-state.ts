// What the tray shows for the softphone's registration and do-not-disturb: which icon, the
// tooltip, the menu. Plain data from the state, so the Electron side only draws it.
import type { Static } from 'typebox';
import type { RegistrationState } from '../../common/ipc/domains/registration';
import type { Language } from '../../common/i18n/languages';
import { SHELL_TEXTS } from './texts';

export type Registration = Static<typeof RegistrationState>;
export type TrayIcon = 'registered' | 'do-not-disturb' | 'registering' | 'not-registered';
export type TrayAction = 'open' | 'do-not-disturb' | 'retry' | 'quit';

export interface TrayMenuItem {
  action: TrayAction;
  label: string;
  enabled: boolean;
  /** Set on an item that is a tick box: whether it is ticked. */
  checked?: boolean;
}

export interface TrayState {
  icon: TrayIcon;
  tooltip: string;
  menu: TrayMenuItem[];
}

/** `doNotDisturb` is null while the office's answer is not known (signed out, still asking). */
export function trayState(
  registration: Registration,
  language: Language,
  doNotDisturb: boolean | null = null,
): TrayState {
  const texts = SHELL_TEXTS[language];
  const registrationIcon: TrayIcon =
    registration.state === 'registered'
      ? 'registered'
      : registration.state === 'registering'
        ? 'registering'
        : 'not-registered';
  const status = {
    registered: texts.registered,
    registering: texts.registering,
    'not-registered': texts.notRegistered,
  }[registrationIcon];
  const details = [
    registration.reason && texts.reasons[registration.reason],
    registration.retryInSeconds !== null && texts.retryingIn(registration.retryInSeconds),
  ].filter((part): part is string => typeof part === 'string');
  // A phone that is ready but will not ring looks different from one that will.
  const icon = registrationIcon === 'registered' && doNotDisturb ? 'do-not-disturb' : registrationIcon;
  const quiet = doNotDisturb ? ` · ${texts.doNotDisturb}` : '';
  return {
    icon,
    tooltip: `Switchboard: ${status}${details.length ? ` (${details.join(', ')})` : ''}${quiet}`,
    menu: [
      { action: 'open', label: texts.open, enabled: true },
      {
        action: 'do-not-disturb',
        label: texts.doNotDisturb,
        enabled: doNotDisturb !== null,
        checked: doNotDisturb === true,
      },
      // Only a failed or waiting registration can be hurried; 'unregistered' means signed out.
      { action: 'retry', label: texts.retryNow, enabled: registration.state === 'failed' },
      { action: 'quit', label: texts.quit, enabled: true },
    ],
  };
}
