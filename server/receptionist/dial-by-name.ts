// Dial by name: a caller spells the first letters of a colleague's last name on the keypad
// (2 = ABC … 9 = WXYZ, ITU E.161), and hears the colleagues whose last name starts that way.

const KEYPAD: Record<string, string> = {
  2: 'abc',
  3: 'def',
  4: 'ghi',
  5: 'jkl',
  6: 'mno',
  7: 'pqrs',
  8: 'tuv',
  9: 'wxyz',
};
const DIGIT_OF = new Map(
  Object.entries(KEYPAD).flatMap(([digit, letters]) => [...letters].map((l) => [l, digit])),
);

export interface Colleague {
  name: string;
  extension: string;
}

/** The keys of a name's last word: accents dropped, anything not a letter skipped (García-Pérez → 42742737). */
export function lastNameKeys(name: string): string {
  const words = name.trim().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return [...last.normalize('NFD').toLowerCase()].flatMap((c) => DIGIT_OF.get(c) ?? []).join('');
}

/** The colleagues whose last name starts with the keys, by name. */
export function matchingColleagues(colleagues: Colleague[], keys: string): Colleague[] {
  if (!/^[2-9]+$/.test(keys)) return [];
  return colleagues
    .filter((colleague) => lastNameKeys(colleague.name).startsWith(keys))
    .sort((a, b) => a.name.localeCompare(b.name));
}
