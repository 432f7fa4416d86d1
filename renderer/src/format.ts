import type { Language } from './i18n/languages';

// Building an Intl formatter costs about a millisecond; a list that formats every row on each
// scroll frame cannot pay that, so each formatter is built once per language and options.
const formatters = new Map<string, unknown>();
function formatter<F>(kind: string, language: Language, options: object, build: () => F): F {
  const key = `${kind} ${language} ${JSON.stringify(options)}`;
  let found = formatters.get(key) as F | undefined;
  if (!found) formatters.set(key, (found = build()));
  return found;
}

const DIVISIONS: { amount: number; unit: Intl.RelativeTimeFormatUnit }[] = [
  { amount: 60, unit: 'second' },
  { amount: 60, unit: 'minute' },
  { amount: 24, unit: 'hour' },
  { amount: 7, unit: 'day' },
  { amount: 4.34524, unit: 'week' },
  { amount: 12, unit: 'month' },
  { amount: Number.POSITIVE_INFINITY, unit: 'year' },
];

/** "3 minutes ago", "hace 3 minutos", "il y a 3 minutes"; "yesterday" where the language has a word for it. */
export function formatRelative(language: Language, at: Date, now: Date): string {
  const options = { numeric: 'auto' } as const;
  const format = formatter(
    'relative',
    language,
    options,
    () => new Intl.RelativeTimeFormat(language, options),
  );
  let delta = (at.getTime() - now.getTime()) / 1000;
  for (const { amount, unit } of DIVISIONS) {
    if (Math.abs(delta) < amount) return format.format(Math.round(delta), unit);
    delta /= amount;
  }
  return format.format(Math.round(delta), 'year');
}

/** A call's length as a clock: 0:07, 4:05, 1:02:03. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Intl.DurationFormat (Chromium 129 and later; not in Node 20 nor in TypeScript's lib yet). */
interface DurationFormat {
  format(duration: { hours: number; minutes: number; seconds: number }): string;
}
const DurationFormatConstructor = (
  Intl as unknown as { DurationFormat?: new (language: string, options: object) => DurationFormat }
).DurationFormat;

/**
 * A duration in words in the person's language, as CLDR writes it: "1 min, 2 sec", "1 min y 2 s",
 * "1 min et 2 s" (never "1,03 minutes"). Intl.DurationFormat where the browser has it; the same
 * words from its parts (each unit, then the list) where it does not.
 */
export function formatDuration(language: Language, totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const duration = {
    hours: Math.floor(seconds / 3600),
    minutes: Math.floor((seconds % 3600) / 60),
    seconds: seconds % 60,
  };
  // Zero units are left out, except for a duration of nothing at all: "0 sec".
  if (DurationFormatConstructor && seconds > 0) {
    const options = { style: 'short' } as const;
    return formatter(
      'duration',
      language,
      options,
      () => new DurationFormatConstructor(language, options),
    ).format(duration);
  }
  const parts: string[] = [];
  const units: [number, 'hour' | 'minute' | 'second'][] = [
    [duration.hours, 'hour'],
    [duration.minutes, 'minute'],
    [duration.seconds, 'second'],
  ];
  for (const [value, unit] of units)
    if (value > 0 || (unit === 'second' && parts.length === 0))
      parts.push(formatNumberWith(language, { style: 'unit', unit, unitDisplay: 'short' }, value));
  const options = { style: 'short', type: 'unit' } as const;
  return formatter('list', language, options, () => new Intl.ListFormat(language, options)).format(parts);
}

export function formatDateTime(language: Language, at: Date): string {
  const options = { dateStyle: 'medium', timeStyle: 'short' } as const;
  return formatter('date', language, options, () => new Intl.DateTimeFormat(language, options)).format(at);
}

/** A file's size in megabytes, one decimal at most: "5 MB", "5 Mo". */
export function formatMegabytes(language: Language, bytes: number): string {
  const megabytes = Math.round((bytes / 1024 / 1024) * 10) / 10;
  return formatNumberWith(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }, megabytes);
}

export function formatNumber(language: Language, value: number): string {
  return formatNumberWith(language, {}, value);
}

function formatNumberWith(language: Language, options: Intl.NumberFormatOptions, value: number): string {
  return formatter('number', language, options, () => new Intl.NumberFormat(language, options)).format(value);
}

/**
 * A language's name as a sentence in `language` says it: "Spanish", "español", "espagnol" (a
 * picker lists each in its own tongue instead).
 */
export function formatLanguageName(language: Language, named: Language): string {
  const options = { type: 'language' } as const;
  const names = formatter('language', language, options, () => new Intl.DisplayNames(language, options));
  return names.of(named) ?? named;
}

/**
 * Builds the formatters the lists use. The browser loads its date and number data on the first
 * Intl call of a page (100 to 300 ms); called while nothing else happens, that is not paid when
 * the first list opens.
 */
export function warmFormatters(language: Language): void {
  const now = new Date();
  formatRelative(language, now, now);
  formatDateTime(language, now);
  formatDuration(language, 0);
}
