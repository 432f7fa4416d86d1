// Where an office is: its country and time zone, as the company settings keep them. Names are
// never stored: each screen shows them with Intl in its reader's language.
import { Type } from 'typebox';

/** The 249 country codes of ISO 3166-1 alpha-2. */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
  'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
  'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
  'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
  'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
  'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** A country, by its ISO 3166-1 alpha-2 code (`ES`); empty where nobody said (offices from before). */
export const CountryCode = Type.Union([
  Type.String({ pattern: '^[A-Z]{2}$', maxLength: 2 }),
  Type.Literal(''),
]);

/** An IANA time zone name (`Europe/Madrid`, `UTC`); `isTimeZone` says whether it names a known one. */
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+/-]*$' });

export function isCountryCode(code: string): boolean {
  return code === '' || COUNTRY_CODES.includes(code);
}

/**
 * The canonical name of an IANA time zone as this JavaScript engine's time zone database knows it
 * (`europe/paris` is `Europe/Paris`), or null for a name it does not know.
 */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether this JavaScript engine's time zone database knows `name`. */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}
