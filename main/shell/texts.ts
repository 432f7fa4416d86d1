// The desktop shell's own words (tray, system notifications), in the languages the app speaks.
// The window's strings live with the renderer; these are shown by the OS, outside any page.
import { pickLanguage, type Language } from '../../common/i18n/languages';
import type { Settings } from '../../common/ipc/domains/settings';

export interface ShellTexts {
  registered: string;
  registering: string;
  notRegistered: string;
  reasons: Record<'no-network' | 'wrong-password' | 'server-unreachable' | 'no-softphone', string>;
  retryingIn: (seconds: number) => string;
  open: string;
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

export const SHELL_TEXTS: Record<Language, ShellTexts> = {
  en: {
    registered: 'Registered',
    registering: 'Registering…',
    notRegistered: 'Not registered',
    reasons: {
      'no-network': 'No network',
      'wrong-password': 'Wrong password',
      'server-unreachable': 'Server unreachable',
      'no-softphone': 'No softphone on this extension',
    },
    retryingIn: (seconds) => `retrying in ${seconds} s`,
    open: 'Open Switchboard',
    retryNow: 'Register now',
    quit: 'Quit',
    incomingCall: 'Incoming call',
    answer: 'Answer',
    decline: 'Decline',
    newVoicemail: 'New voice message',
    voicemailFrom: (caller, seconds) => `From ${caller} (${duration(seconds)})`,
    unknownCaller: 'Unknown caller',
    missedCall: 'Missed call',
  },
  es: {
    registered: 'Registrado',
    registering: 'Registrando…',
    notRegistered: 'No registrado',
    reasons: {
      'no-network': 'Sin red',
      'wrong-password': 'Contraseña incorrecta',
      'server-unreachable': 'Servidor inaccesible',
      'no-softphone': 'Esta extensión no tiene softphone',
    },
    retryingIn: (seconds) => `reintentando en ${seconds} s`,
    open: 'Abrir Switchboard',
    retryNow: 'Registrar ahora',
    quit: 'Salir',
    incomingCall: 'Llamada entrante',
    answer: 'Contestar',
    decline: 'Rechazar',
    newVoicemail: 'Nuevo mensaje de voz',
    voicemailFrom: (caller, seconds) => `De ${caller} (${duration(seconds)})`,
    unknownCaller: 'Llamante desconocido',
    missedCall: 'Llamada perdida',
  },
  fr: {
    registered: 'Enregistré',
    registering: 'Enregistrement…',
    notRegistered: 'Non enregistré',
    reasons: {
      'no-network': 'Pas de réseau',
      'wrong-password': 'Mot de passe incorrect',
      'server-unreachable': 'Serveur injoignable',
      'no-softphone': 'Pas de softphone sur cette extension',
    },
    retryingIn: (seconds) => `nouvel essai dans ${seconds} s`,
    open: 'Ouvrir Switchboard',
    retryNow: 'S’enregistrer maintenant',
    quit: 'Quitter',
    incomingCall: 'Appel entrant',
    answer: 'Répondre',
    decline: 'Refuser',
    newVoicemail: 'Nouveau message vocal',
    voicemailFrom: (caller, seconds) => `De ${caller} (${duration(seconds)})`,
    unknownCaller: 'Appelant inconnu',
    missedCall: 'Appel manqué',
  },
};

/** The language setting, with `system` read from the OS's locale; English when the app does not speak it. */
export const shellLanguage = (setting: Settings['language'], systemLocale: string): Language =>
  pickLanguage([systemLocale], setting === 'system' ? null : setting);
