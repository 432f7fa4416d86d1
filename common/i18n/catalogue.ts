// The app's words, one catalogue per language, read by every part that speaks to people: the
// window (through i18next), the desktop shell's tray and notifications, and the office's mail.
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import type { Language } from './languages';
import type { Messages } from './messages';

export const MESSAGES: Record<Language, Messages> = { en, es, fr };

/** A message's dotted key (`softphone.incoming.answer`). */
type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];
export type MessageKey = Paths<Messages>;

function lookup(messages: Messages, key: MessageKey): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`${key} is not a message`);
  return node;
}

/**
 * A message in `language` with its `{{name}}` placeholders filled from `values`, as i18next fills
 * them in the window; a placeholder without a value stays as written (a mail template's, filled
 * later).
 */
export function translate(
  language: Language,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return lookup(MESSAGES[language], key).replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}
