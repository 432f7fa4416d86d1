// The PIN rules the office and the app share: the app says why before the office refuses.
import { describe, expect, it } from 'vitest';
import { easyPin } from './voicemail';

describe('easyPin', () => {
  it.each([
    ['0000', null, 'repeated-digit'],
    ['1234', null, 'consecutive'],
    ['98765', null, 'consecutive'],
    ['1212', null, 'repeated-pair'],
    ['101010', null, 'repeated-pair'],
    ['4104', '4104', 'extension'],
    ['4014', '4104', 'extension'],
  ] as const)('%s (extension %s) is %s', (pin, extension, why) => {
    expect(easyPin(pin, extension)).toBe(why);
  });

  it.each(['2580', '7391', '1235', '1049'])('lets %s pass', (pin) => {
    expect(easyPin(pin, '104')).toBeNull();
  });
});
