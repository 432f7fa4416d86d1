// The password rules that need no dictionary: pure, so the app can check as the user types.
// The server adds the check against common passwords (server/accounts/password-policy.ts).

export const MAX_PASSWORD_LENGTH = 128;
/**
 * Parts of a name, email or extension shorter than this are not looked for: a two-letter name
 * ("Li", "Al") would forbid countless passwords while telling a guesser almost nothing.
 */
export const MIN_PERSONAL_PART_LENGTH = 3;

/** Whose password it is: a password must not contain these. */
export interface PasswordOwner {
  name: string;
  email: string;
  extension: string | null;
}

export type PasswordRuleBroken =
  | { rule: 'too_short'; minLength: number }
  | { rule: 'too_long'; maxLength: number }
  | { rule: 'letters_and_digits' }
  | { rule: 'personal'; part: string };

/** The owner's email local part (whole and in pieces), name words and extension, lower case. */
export function personalParts(owner: PasswordOwner): string[] {
  const local = owner.email.toLowerCase().split('@')[0] ?? '';
  const pieces = [
    local,
    ...local.split(/[^\p{L}\p{N}]+/u),
    ...owner.name.toLowerCase().split(/[^\p{L}\p{N}]+/u),
    owner.extension ?? '',
  ];
  return [...new Set(pieces)].filter((part) => part.length >= MIN_PERSONAL_PART_LENGTH);
}

/** Every rule the password breaks, in the order they are explained; empty when it meets them all. */
export function brokenPasswordRules(
  password: string,
  minLength: number,
  owner: PasswordOwner,
): PasswordRuleBroken[] {
  const broken: PasswordRuleBroken[] = [];
  if (password.length < minLength) broken.push({ rule: 'too_short', minLength });
  if (password.length > MAX_PASSWORD_LENGTH)
    broken.push({ rule: 'too_long', maxLength: MAX_PASSWORD_LENGTH });
  if (!/\p{L}/u.test(password) || !/[0-9]/.test(password)) broken.push({ rule: 'letters_and_digits' });
  const lower = password.toLowerCase();
  const part = personalParts(owner).find((p) => lower.includes(p));
  if (part !== undefined) broken.push({ rule: 'personal', part });
  return broken;
}

/** The first rule the password breaks, or null. */
export function brokenPasswordRule(
  password: string,
  minLength: number,
  owner: PasswordOwner,
): PasswordRuleBroken | null {
  return brokenPasswordRules(password, minLength, owner)[0] ?? null;
}
