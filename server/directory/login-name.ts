// What a person types to sign in, read: an email, an extension, or a phone number (E.164, or as
// dialled in a country they picked). The key a phone number is counted and looked up by is its
// E.164 form, however it was typed: `+34 912 34 56 78` and `912345678` with Spain are one login.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { OfficeError } from '../errors';
import { isCountryCode } from '../../common/api/locale';

export type LoginName =
  | { kind: 'email'; key: string }
  /** Digits that may be an extension; `phone` when they are also a valid number in the country. */
  | { kind: 'extension'; key: string; phone: string | null }
  | { kind: 'phone'; key: string }
  /** Nothing any account could have: looked up as nothing, answered as a wrong password. */
  | { kind: 'unknown'; key: string };

const EXTENSION = /^[0-9]{2,8}$/;

/** The E.164 form of a valid phone number, or null. */
function phoneNumber(text: string, country: string | undefined): string | null {
  const parsed = parsePhoneNumberFromString(text, (country || undefined) as never);
  return parsed?.isValid() ? parsed.number : null;
}

/** Reads a login; a `country` that is no ISO 3166-1 code is refused, naming the field. */
export function readLoginName(login: string, country?: string): LoginName {
  if (country !== undefined && (country === '' || !isCountryCode(country)))
    throw new OfficeError(400, 'invalid_field', 'This is not an ISO 3166-1 country code', 'body.country');
  const text = login.trim();
  if (text.includes('@')) return { kind: 'email', key: text.toLowerCase() };
  // Only a national number needs the country: a login with `+` is read as written.
  const phone = text.startsWith('+') || country ? phoneNumber(text, country) : null;
  if (EXTENSION.test(text)) return { kind: 'extension', key: text, phone };
  if (phone) return { kind: 'phone', key: phone };
  return { kind: 'unknown', key: text.toLowerCase() };
}
