// What the receptionist itself says besides its menus' greetings, in each language the office
// speaks (Spanish with usted, French with vous). Spoken by espeak-ng once and kept (speech.ts).
import type { PromptLanguage } from '../media/prompts';

export const PHRASE_NAMES = [
  'wrong-key',
  'directory',
  'no-match',
  'call-or-next',
  'unavailable',
  'goodbye',
] as const;
export type PhraseName = (typeof PHRASE_NAMES)[number];

const PHRASES: Record<PromptLanguage, Record<PhraseName, string> & { extension: string }> = {
  en: {
    'wrong-key': 'Sorry, that is not one of the choices.',
    directory:
      'Please enter the first letters of the last name of the person you are calling, then press hash.',
    'no-match': 'Nobody else matches those letters.',
    'call-or-next': 'To call, press 1. For the next name, press 2.',
    unavailable: 'Nobody is answering.',
    goodbye: 'Goodbye.',
    extension: 'extension',
  },
  es: {
    'wrong-key': 'Lo sentimos, esa opción no existe.',
    directory: 'Marque las primeras letras del apellido de la persona que busca y pulse almohadilla.',
    'no-match': 'No hay más personas con esas letras.',
    'call-or-next': 'Para llamar, pulse 1. Para el siguiente nombre, pulse 2.',
    unavailable: 'Nadie contesta.',
    goodbye: 'Adiós.',
    extension: 'extensión',
  },
  fr: {
    'wrong-key': "Désolé, ce choix n'existe pas.",
    directory:
      'Composez les premières lettres du nom de famille de la personne que vous appelez, puis appuyez sur dièse.',
    'no-match': "Personne d'autre ne correspond à ces lettres.",
    'call-or-next': 'Pour appeler, appuyez sur 1. Pour le nom suivant, appuyez sur 2.',
    unavailable: 'Personne ne répond.',
    goodbye: 'Au revoir.',
    extension: 'poste',
  },
};

export const phraseText = (language: PromptLanguage, name: PhraseName) => PHRASES[language][name];

/** "Ana García, extension 1 0 1." — the extension read digit by digit. */
export const colleagueText = (language: PromptLanguage, name: string, extension: string) =>
  `${name}, ${PHRASES[language].extension} ${[...extension].join(' ')}.`;
