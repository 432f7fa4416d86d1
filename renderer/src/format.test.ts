import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatLanguageName, formatNumber, formatRelative } from './format';
import { pickLanguage } from './i18n/languages';

const now = new Date('2026-11-27T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('formatRelative', () => {
  it('speaks each language', () => {
    expect(formatRelative('en', ago(180), now)).toBe('3 minutes ago');
    expect(formatRelative('es', ago(180), now)).toBe('hace 3 minutos');
    expect(formatRelative('fr', ago(180), now)).toBe('il y a 3 minutes');
  });

  it('says yesterday, and moves to larger units', () => {
    expect(formatRelative('en', ago(86_400), now)).toBe('yesterday');
    expect(formatRelative('es', ago(86_400), now)).toBe('ayer');
    expect(formatRelative('fr', ago(3 * 86_400), now)).toBe('il y a 3 jours');
    expect(formatRelative('en', ago(400 * 86_400), now)).toBe('last year');
  });
});

describe('durations', () => {
  it('shows a call clock', () => {
    expect(formatClock(7)).toBe('0:07');
    expect(formatClock(245)).toBe('4:05');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(-3)).toBe('0:00');
  });

  it('writes durations in words per language, as Chromium’s Intl.DurationFormat does', () => {
    // French puts no-break spaces between number and unit.
    const words = (language: 'en' | 'es' | 'fr', seconds: number) =>
      formatDuration(language, seconds).replace(/\s/g, ' ');
    expect(words('en', 3900)).toBe('1 hr, 5 min');
    expect(words('en', 62)).toBe('1 min, 2 sec');
    expect(words('es', 62)).toBe('1 min y 2 s');
    expect(words('fr', 65)).toBe('1 min et 5 s');
    expect(words('fr', 7384)).toBe('2 h, 3 min et 4 s');
    expect(words('es', 0)).toBe('0 s');
    // A talk time of 62 seconds is never "1,03 minutes".
    expect(words('es', 61.8)).toBe('1 min y 2 s');
  });

  it('groups numbers per language', () => {
    expect(formatNumber('en', 12345.5)).toBe('12,345.5');
    expect(formatNumber('es', 12345.5)).toBe('12.345,5');
    expect(formatNumber('fr', 12345.5).replace(/\s/g, ' ')).toBe('12 345,5');
  });
});

describe('formatLanguageName', () => {
  it('names a language as a sentence in each language says it', () => {
    expect(formatLanguageName('en', 'es')).toBe('Spanish');
    expect(formatLanguageName('es', 'en')).toBe('inglés');
    expect(formatLanguageName('es', 'fr')).toBe('francés');
    expect(formatLanguageName('fr', 'es')).toBe('espagnol');
  });
});

describe('pickLanguage', () => {
  it('matches the primary subtag, honours an override, falls back to English', () => {
    expect(pickLanguage(['es-MX', 'en-US'])).toBe('es');
    expect(pickLanguage(['de-DE', 'fr-CA'])).toBe('fr');
    expect(pickLanguage(['de-DE'])).toBe('en');
    expect(pickLanguage(['es-ES'], 'fr')).toBe('fr');
    expect(pickLanguage(['es-ES'], 'xx')).toBe('es');
  });
});
