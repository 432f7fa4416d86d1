import { describe, expect, it } from 'vitest';
import { callTarget } from './call-target';

const DESTINATIONS = [
  { kind: 'extension' as const, number: '102', name: 'Lucía García-Pérez' },
  { kind: 'ring-group' as const, number: '600', name: 'Sales' },
];

describe('callTarget', () => {
  it('names an office destination by its kind and name', () => {
    expect(callTarget('600', DESTINATIONS)).toEqual({ kind: 'ring-group', number: '600', name: 'Sales' });
    expect(callTarget('102', DESTINATIONS)).toEqual({
      kind: 'extension',
      number: '102',
      name: 'Lucía García-Pérez',
    });
  });

  it('takes an extension number for an extension while the list is unknown or lacks it', () => {
    expect(callTarget('600', null)).toEqual({ kind: 'extension', number: '600', name: null });
    expect(callTarget('777', DESTINATIONS)).toEqual({ kind: 'extension', number: '777', name: null });
  });

  it('groups an outside number with its country code as it is read', () => {
    expect(callTarget('+34912345678', DESTINATIONS)).toEqual({ kind: 'outside', number: '+34 912 34 56 78' });
    expect(callTarget('+33142685300', null)).toEqual({ kind: 'outside', number: '+33 1 42 68 53 00' });
  });

  it('leaves an outside number it cannot read as it was typed', () => {
    expect(callTarget('0034912345678901', DESTINATIONS)).toEqual({
      kind: 'outside',
      number: '0034912345678901',
    });
  });
});
