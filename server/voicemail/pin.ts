import { easyPin, type EasyPin } from '../../common/api/voicemail';
import type { OfficeDb } from '../db/database';
import type { VoicemailBoxTable } from '../db/schema';
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
/** A box nobody owns has its own key (a box id never looks like a user id's key). */
const boxThrottleKey = (boxId: string) => `voicemail-pin:box:${boxId}`;

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
  await setPinOf(services, await ownBox(services.db, userId), throttleKey(userId), pin);
}

/** Sets the PIN of a box nobody owns (a ring group's, set by an admin), hashed like a user's. */
export async function setBoxPin(
  services: Pick<PinServices, 'db' | 'loginThrottle'>,
  box: VoicemailBoxTable,
  pin: string,
): Promise<void> {
  await setPinOf(services, box, boxThrottleKey(box.id), pin);
}

async function setPinOf(
  services: Pick<PinServices, 'db' | 'loginThrottle'>,
  box: VoicemailBoxTable,
  key: string,
  pin: string,
): Promise<void> {
  const easy = easyPin(pin, await extensionNumberOf(services.db, box.extension_id));
  if (easy) throw new OfficeError(400, 'invalid_field', EASY_PIN_MESSAGES[easy], 'body.pin');
  await setPinHash(services.db, box.id, await hashPassword(pin));
  services.loginThrottle.clearLogins(key);
}

export type PinCheck = 'ok' | 'wrong' | 'locked';

/**
 * For the media agent when someone calls a user's voicemail box and types its PIN. Counted like
 * a sign-in before the PIN is checked: per source address, and per box with the company's
 * lockout threshold and time, so a caller cannot try PINs faster than passwords.
 */
export function checkVoicemailPin(
  services: PinServices,
  userId: string,
  pin: string,
  sourceAddress: string,
): Promise<PinCheck> {
  return checkPinOf(services, throttleKey(userId), () => ownBox(services.db, userId), pin, sourceAddress);
}

/** The same for a box nobody owns (a ring group's), found by its id. */
export function checkBoxPin(
  services: PinServices,
  boxId: string,
  pin: string,
  sourceAddress: string,
): Promise<PinCheck> {
  return checkPinOf(services, boxThrottleKey(boxId), () => boxById(services.db, boxId), pin, sourceAddress);
}

async function checkPinOf(
  services: PinServices,
  key: string,
  findBox: () => Promise<VoicemailBoxTable | undefined>,
  pin: string,
  sourceAddress: string,
): Promise<PinCheck> {
  const opened = await throttledPinCheck(services, key, sourceAddress, async () => {
    const box = await findBox().catch(() => undefined);
    // The same work whether or not the box exists or has a PIN: the time taken tells nothing.
    const stored = box && box.pin_hash !== NO_PIN ? box.pin_hash : await decoyPasswordHash();
    const matches = await verifyPassword(pin, stored);
    return box && matches ? ('ok' as const) : null;
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

function boxById(db: OfficeDb, boxId: string): Promise<VoicemailBoxTable | undefined> {
  return db.selectFrom('voicemail_boxes').selectAll().where('id', '=', boxId).executeTakeFirst();
}
