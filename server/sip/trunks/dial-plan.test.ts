import { describe, expect, it } from 'vitest';
import { carrierNumber, readDialled } from './dial-plan';

describe('the dial plan', () => {
  it('reads national, international and 00 numbers in the company’s country', () => {
    expect(readDialled('912 34 56 78', 'ES')).toEqual({ kind: 'national', e164: '+34912345678' });
    expect(readDialled('+33123456789', 'ES')).toEqual({ kind: 'international', e164: '+33123456789' });
    expect(readDialled('0033123456789', 'ES')).toEqual({ kind: 'international', e164: '+33123456789' });
    expect(readDialled('01 23 45 67 89', 'FR')).toEqual({ kind: 'national', e164: '+33123456789' });
  });

  it('knows 112 everywhere and each country’s own emergency numbers', () => {
    expect(readDialled('112', 'ES')).toEqual({ kind: 'emergency', digits: '112' });
    expect(readDialled('112', '')).toEqual({ kind: 'emergency', digits: '112' });
    expect(readDialled('911', 'US')).toEqual({ kind: 'emergency', digits: '911' });
    expect(readDialled('999', 'GB')).toEqual({ kind: 'emergency', digits: '999' });
    expect(readDialled('15', 'FR')).toEqual({ kind: 'emergency', digits: '15' });
    expect(readDialled('091', 'ES')).toEqual({ kind: 'emergency', digits: '091' });
    // 911 is no emergency number in France: a number too short to be one.
    expect(readDialled('911', 'FR')).toEqual({ kind: 'invalid' });
  });

  it('tells premium-rate numbers apart, and refuses what is no number', () => {
    expect(readDialled('08 99 12 34 56', 'FR')).toEqual({
      kind: 'premium',
      e164: '+33899123456',
      international: false,
    });
    expect(readDialled('803 12 34 56', 'ES')).toEqual({
      kind: 'premium',
      e164: '+34803123456',
      international: false,
    });
    expect(readDialled('+44 871 234 5678', 'ES')).toEqual({
      kind: 'premium',
      e164: '+448712345678',
      international: true,
    });
    expect(readDialled('12345', 'ES')).toEqual({ kind: 'invalid' });
    expect(readDialled('sip-user', 'ES')).toBeNull();
  });

  it('writes numbers as the carrier wants them', () => {
    expect(carrierNumber('+34912345678', 'e164', 'ES')).toBe('+34912345678');
    expect(carrierNumber('+34912345678', 'national', 'ES')).toBe('912345678');
    expect(carrierNumber('+33123456789', 'national', 'FR')).toBe('0123456789');
    expect(carrierNumber('+33123456789', 'national', 'ES')).toBe('0033123456789');
    expect(carrierNumber('+33123456789', 'national', 'US')).toBe('01133123456789');
  });
});
