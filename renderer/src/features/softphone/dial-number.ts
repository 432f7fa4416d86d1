// What a person types or pastes into the dial field, made into something the softphone can dial.
import { DialTarget } from '../../../../common/ipc/domains/calls';
import { schemaLimits } from '../../ui/field-limits';

// The contract's own limits, read from its schema so the two cannot drift (no validator in the renderer).
const { pattern = '', maxLength = 0 } = schemaLimits(DialTarget);
const DIALLABLE = new RegExp(pattern);

/** Characters people put around phone numbers for reading: "+1 (555) 010-2030", "555.010.2030". */
const PUNCTUATION = /[\s().\-\u00a0\u2010-\u2015]/g;
const LOOKS_LIKE_A_NUMBER = /^[+0-9*#\s().\-\u00a0\u2010-\u2015]+$/;

/**
 * A pasted phone number without its punctuation; anything else (a name, a sip: address) as it
 * was, trimmed, so that a pasted name still searches the directory.
 */
export function cleanPasted(text: string): string {
  const trimmed = text.trim();
  return LOOKS_LIKE_A_NUMBER.test(trimmed) ? trimmed.replace(PUNCTUATION, '') : trimmed;
}

/** The typed text as a dial target, or null when it cannot be dialled (a name, empty). */
export function dialTarget(text: string): string | null {
  const target = cleanPasted(text);
  if (!/^[+0-9*#]|^sip:/i.test(target)) return null;
  return target.length <= maxLength && DIALLABLE.test(target) ? target : null;
}

/** The letters on a telephone keypad's keys. */
export const KEYPAD: readonly { digit: string; letters: string }[] = [
  { digit: '1', letters: '' },
  { digit: '2', letters: 'ABC' },
  { digit: '3', letters: 'DEF' },
  { digit: '4', letters: 'GHI' },
  { digit: '5', letters: 'JKL' },
  { digit: '6', letters: 'MNO' },
  { digit: '7', letters: 'PQRS' },
  { digit: '8', letters: 'TUV' },
  { digit: '9', letters: 'WXYZ' },
  { digit: '*', letters: '' },
  { digit: '0', letters: '+' },
  { digit: '#', letters: '' },
];
