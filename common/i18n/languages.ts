// The languages the app speaks, shared by the renderer, the desktop shell (tray, notifications)
// and the office's mail.
export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first of the person's preferred languages (the OS's, or the browser's) that the app
 * speaks, matched on the primary subtag (es-MX → es); English when none matches.
 */
export function pickLanguage(preferred: readonly string[], override?: string | null): Language {
  if (override && isLanguage(override)) return override;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}
