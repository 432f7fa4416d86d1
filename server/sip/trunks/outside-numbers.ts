// Outside numbers as carriers write them and as people read them. A carrier may write the office's
// number (DID) as E.164 (`+34910000001`), without the plus (`34910000001`), with the international
// prefix (`0034…`), or nationally (`910000001`): each is read into the E.164 forms it can mean,
// which is what the office keeps its numbers as. A caller's number is shown the way people of the
// company's country write it: nationally when it is of that country, internationally otherwise.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** What a SIP URI's user part may be to be taken as a number at all (visual separators allowed). */
const DIALLABLE = /^\+?[0-9(). -]{1,32}$/;

const countryOf = (country: string): CountryCode | undefined =>
  (country || undefined) as CountryCode | undefined;

/** The digits of a diallable text, without visual separators; null when it is no number. */
export function digitsOf(text: string): string | null {
  if (!DIALLABLE.test(text)) return null;
  const digits = text.replace(/[(). -]/g, '');
  return /^\+?[0-9]{1,20}$/.test(digits) ? digits : null;
}

/**
 * The E.164 numbers a carrier's user part can mean, most likely first; empty when it is no
 * number. Both readings of plain digits are given (national, and E.164 without its plus), since
 * only the office's own numbers can say which one the carrier meant.
 */
export function didCandidates(user: string, country: string): string[] {
  const digits = digitsOf(user);
  if (!digits) return [];
  if (digits.startsWith('+')) return [digits];
  if (digits.startsWith('00')) return [`+${digits.slice(2)}`];
  const candidates: string[] = [];
  const national = parsePhoneNumberFromString(digits, countryOf(country));
  if (national?.isPossible()) candidates.push(national.number);
  candidates.push(`+${digits}`);
  return [...new Set(candidates)];
}

/** A caller's number in E.164 when it reads as a valid one (nationally in `country`, or with a prefix). */
export function callerE164(user: string, country: string): string | null {
  const digits = digitsOf(user);
  if (!digits) return null;
  const text = digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
  const parsed = parsePhoneNumberFromString(text, countryOf(country));
  if (parsed?.isValid()) return parsed.number;
  // A carrier that writes E.164 without its plus.
  const international = parsePhoneNumberFromString(`+${digits}`);
  return international?.isValid() ? international.number : null;
}

/** `+34910000001` as a person in Spain reads it (`910 00 00 01`), `+33 1 23 45 67 89` elsewhere. */
export function displayNumber(e164: string, country: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}
