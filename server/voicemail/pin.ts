import { easyPin, type EasyPin } from '../../common/api/voicemail';
import type { OfficeDb } from '../db/database';
import type { CompanySettings } from '../directory/company-settings';
import type { LoginThrottle } from '../accounts/login-throttle';
import { OfficeError } from '../errors';
import { hashPassword, verifyPassword, decoyPasswordHash } from '../accounts/passwords';
import { ownBox } from '../directory/voicemail';
import { NO_PIN, setPinHash } from '../directory/voicemail-boxes';
import { extensionNumberOf } from '../directory/extensions';

/** What the PIN is set and checked with: the box, the company's lockout rule, the sign-in throttle. */
export interface PinServices {
  db: OfficeDb;
  company: CompanySettings;
  loginThrottle: LoginThrottle;
}

/** The PIN's own key in the sign-in throttle's per-login counter (no login looks like this). */
const throttleKey = (userId: string) => `voicemail-pin:${userId}`;

/** Why the office refuses an easy PIN, in the API's words (the app says it in the person's language). */
const EASY_PIN_MESSAGES: Record<EasyPin, string> = {
  'repeated-digit': 'A PIN of one repeated digit is too easy to guess',
  consecutive: 'A PIN of consecutive digits is too easy to guess',
  'repeated-pair': 'A PIN of a repeated pair of digits is too easy to guess',
  extension: 'The PIN may not be your extension number',
};

/** Sets the user's voicemail PIN (stored hashed, never readable) and forgets earlier wrong guesses. */
export async function setVoicemailPin(
  services: Pick<PinServices, 'db' | 'loginThrottle'>,
  userId: string,
  pin: string,
): Promise<void> {
  const box = await ownBox(services.db, userId);
  const easy = easyPin(pin, await extensionNumberOf(services.db, box.extension_id));
  if (easy) throw new OfficeError(400, 'invalid_field', EASY_PIN_MESSAGES[easy], 'body.pin');
  await setPinHash(services.db, box.id, await hashPassword(pin));
  services.loginThrottle.clearLogins(throttleKey(userId));
}

export type PinCheck = 'ok' | 'wrong' | 'locked';

/**
 * For the media agent when someone calls a voicemail box and types its PIN. Counted like a
 * sign-in before the PIN is checked: per source address, and per box with the company's lockout
 * threshold and time, so a caller cannot try PINs faster than passwords.
 */
export async function checkVoicemailPin(
  services: PinServices,
  userId: string,
  pin: string,
  sourceAddress: string,
): Promise<PinCheck> {
  const opened = await throttledPinCheck(services, throttleKey(userId), sourceAddress, async () => {
    const box = await ownBox(services.db, userId).catch(() => null);
    // The same work whether or not the box exists or has a PIN: the time taken tells nothing.
    const stored = box && box.pin_hash !== NO_PIN ? box.pin_hash : await decoyPasswordHash();
    const matches = await verifyPassword(pin, stored);
    return box && matches ? 'ok' : null;
  });
  return opened ?? 'wrong';
}

/**
 * A PIN typed on a phone, throttled like a sign-in: one attempt is taken from the source address
 * and from `key` (with the company's lockout threshold and time) before `check` runs; a PIN that
 * opens (check answers non-null) gives them back. Null when it was wrong.
 */
export async function throttledPinCheck<T>(
  services: Pick<PinServices, 'company' | 'loginThrottle'>,
  key: string,
  sourceAddress: string,
  check: () => Promise<T | null>,
): Promise<T | 'locked' | null> {
  const { loginThrottle } = services;
  const company = await services.company.get();
  if (!loginThrottle.takeAddressAttempt(sourceAddress)) return 'locked';
  if (!loginThrottle.takeLoginAttempt(key, company.lockout_threshold, company.lockout_minutes)) {
    loginThrottle.giveBackAddressAttempt(sourceAddress);
    return 'locked';
  }
  const opened = await check();
  if (opened === null) return null;
  loginThrottle.giveBackAddressAttempt(sourceAddress);
  loginThrottle.clearLogins(key);
  return opened;
}
