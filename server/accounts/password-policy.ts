import { dictionary } from '@zxcvbn-ts/language-common';
import { brokenPasswordRule, type PasswordOwner } from '../../common/api/password-rules';
import { OfficeError } from '../errors';

/**
 * The most common passwords of public breach corpora as zxcvbn-ts ships them (about 49,000,
 * most common first), compared in lower case. Built on first use.
 */
let commonPasswords: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/**
 * The one password policy, on every path that sets a password (own change, admin reset,
 * recovery, first start, a user created with a password). Each refusal says which rule.
 * `field` names the request field the password came in, when it came in one.
 */
export function assertPasswordAllowed(
  password: string,
  minLength: number,
  owner: PasswordOwner,
  field: string | undefined,
): void {
  const broken = brokenPasswordRule(password, minLength, owner);
  const refuse = (code: 'password_policy' | 'password_personal' | 'password_common', message: string) =>
    new OfficeError(400, code, message, field);
  switch (broken?.rule) {
    case 'too_short':
      throw refuse('password_policy', `The password must be at least ${broken.minLength} characters long`);
    case 'too_long':
      throw refuse('password_policy', `The password must be at most ${broken.maxLength} characters long`);
    case 'letters_and_digits':
      throw refuse('password_policy', 'The password must contain letters and digits');
    case 'personal':
      throw refuse('password_personal', 'The password must not contain its owner’s name, email or extension');
    case undefined:
      if (isCommonPassword(password)) {
        throw refuse(
          'password_common',
          'This password is one of the most common ones, which are guessed first: choose another',
        );
      }
  }
}
