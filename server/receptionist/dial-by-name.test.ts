import { describe, expect, it } from 'vitest';
import { lastNameKeys, matchingColleagues } from './dial-by-name';

describe('dial by name', () => {
  it('spells the last word of a name on the keypad, accents and hyphens dropped', () => {
    expect(lastNameKeys('Ana García-Pérez')).toBe('42724273739');
    expect(lastNameKeys('  Élodie   Lefèvre ')).toBe('5333873');
    expect(lastNameKeys('Zoë')).toBe('963');
  });

  it('finds colleagues whose last name starts with the keys, by name, and nobody for other keys', () => {
    const colleagues = [
      { name: 'Ben Okafor', extension: '102' },
      { name: 'Ana Garcia', extension: '101' },
      { name: 'Hugo Garnier', extension: '103' },
    ];
    expect(matchingColleagues(colleagues, '427').map((c) => c.extension)).toEqual(['101', '103']);
    expect(matchingColleagues(colleagues, '4272').map((c) => c.extension)).toEqual(['101']);
    expect(matchingColleagues(colleagues, '')).toEqual([]);
    expect(matchingColleagues(colleagues, '1')).toEqual([]);
    expect(matchingColleagues(colleagues, '42*')).toEqual([]);
  });
});
