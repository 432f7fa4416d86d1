import { describe, expect, it } from 'vitest';
import { cleanPasted, dialTarget } from './dial-number';

describe('cleanPasted', () => {
  it.each([
    ['+1 (555) 010-2030', '+15550102030'],
    [' 555.010.2030 ', '5550102030'],
    ['06 12 34 56 78', '0612345678'],
    ['+44\u00a020 7946\u20110958', '+442079460958'],
    ['*72 101#', '*72101#'],
  ])('takes the punctuation out of %j', (pasted, cleaned) => {
    expect(cleanPasted(pasted)).toBe(cleaned);
  });

  it('leaves names and addresses as they are, so they still search or dial', () => {
    expect(cleanPasted('  Ana García ')).toBe('Ana García');
    expect(cleanPasted('sip:ana@example.com')).toBe('sip:ana@example.com');
  });
});

describe('dialTarget', () => {
  it('dials numbers, extensions, codes and sip addresses', () => {
    expect(dialTarget('101')).toBe('101');
    expect(dialTarget('+1 (555) 010-2030')).toBe('+15550102030');
    expect(dialTarget('*97')).toBe('*97');
    expect(dialTarget('sip:ana@example.com')).toBe('sip:ana@example.com');
  });

  it('refuses what cannot be dialled', () => {
    expect(dialTarget('')).toBeNull();
    expect(dialTarget('Ana')).toBeNull();
    expect(dialTarget('10;1')).toBeNull();
    expect(dialTarget('1'.repeat(129))).toBeNull();
  });
});
