// What a number a person dials means when it is not an extension: an emergency number (which
// always goes out), a number of the company's own country, an international one, or a
// premium-rate one; and how a carrier wants it written. People dial as at home: nationally,
// with `+`, or with the international prefix `00`.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { NumberFormat } from '../../../common/api/trunks';
import type { OutboundCalls } from '../../../common/api/preferences';
import { digitsOf } from './outside-numbers';

/**
 * Emergency numbers beside 112 (everywhere in the EU, and answered by most GSM networks), by
 * country: what people there dial. A number here never waits behind a limit or a permission.
 */
const EMERGENCY: Record<string, readonly string[]> = {
  US: ['911'],
  CA: ['911'],
  MX: ['911'],
  GB: ['999'],
  IE: ['999'],
  FR: ['15', '17', '18', '114', '115', '119', '196', '197'],
  ES: ['091', '092', '061', '062', '080', '085', '088'],
  DE: ['110'],
  AT: ['122', '133', '144'],
  CH: ['117', '118', '144'],
  BE: ['100', '101'],
  IT: ['113', '115', '118'],
  PT: ['115', '117'],
  NL: ['911'],
  AU: ['000', '106'],
  NZ: ['111'],
  JP: ['110', '118', '119'],
  IN: ['100', '101', '102', '108'],
  BR: ['190', '192', '193'],
  AR: ['911', '100', '101', '107'],
};

export const isEmergency = (digits: string, country: string): boolean =>
  digits === '112' || (EMERGENCY[country]?.includes(digits) ?? false);

export type Dialled =
  /** Sent as dialled, on any trunk that is up, with the company's main number. */
  | { kind: 'emergency'; digits: string }
  | { kind: 'national' | 'international'; e164: string }
  /** Needs the company's leave, and the permission its country needs. */
  | { kind: 'premium'; e164: string; international: boolean }
  /** Looks like a phone number but is none (too short, no such range). */
  | { kind: 'invalid' };

/** What an outside number dialled means; null when it is no phone number at all. */
export function readDialled(text: string, country: string): Dialled | null {
  const digits = digitsOf(text);
  if (!digits) return null;
  if (isEmergency(digits, country)) return { kind: 'emergency', digits };
  const written = digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
  const parsed = parsePhoneNumberFromString(written, (country || undefined) as CountryCode | undefined);
  if (!parsed?.isValid()) return { kind: 'invalid' };
  const international = parsed.country !== country;
  if (parsed.getType() === 'PREMIUM_RATE') return { kind: 'premium', e164: parsed.number, international };
  return { kind: international ? 'international' : 'national', e164: parsed.number };
}

/**
 * A number as a carrier wants it: E.164, or as dialled from the company's country (nationally
 * for its own numbers, with the country's international prefix for others).
 */
export function carrierNumber(e164: string, format: NumberFormat, country: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (format === 'e164' || !parsed || !country) return e164;
  const written =
    parsed.country === country
      ? parsed.formatNational()
      : parsed.format('IDD', { fromCountry: country as CountryCode });
  return written.replace(/[^0-9+]/g, '') || e164;
}

const REACH: Record<OutboundCalls, readonly ('national' | 'international')[]> = {
  internal: [],
  national: ['national'],
  international: ['national', 'international'],
};

/**
 * Whether a person with `permission` may call the number (emergency numbers always; premium-rate
 * ones as their country says, the company's leave being checked apart).
 */
export function mayCall(permission: OutboundCalls, dialled: Dialled): boolean {
  if (dialled.kind === 'emergency') return true;
  if (dialled.kind === 'invalid') return false;
  const reach =
    dialled.kind === 'premium' ? (dialled.international ? 'international' : 'national') : dialled.kind;
  return REACH[permission].includes(reach);
}
