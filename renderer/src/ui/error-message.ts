import { createContext, useContext } from 'react';
import type { IpcError } from '../../../common/ipc/result';

/**
 * The message key for an error a screen shows: stable codes map to a translated sentence that
 * says what happened and what to try; anything else gets the general one (never a raw code).
 */
const KEYS: Partial<Record<IpcError['code'], string>> = {
  invalid_credentials: 'errors.invalidCredentials',
  account_locked: 'errors.accountLocked',
  account_suspended: 'errors.accountSuspended',
  portal_access_disabled: 'errors.portalAccessDisabled',
  scope_not_allowed: 'errors.scopeNotAllowed',
  offline: 'errors.offline',
  too_many_requests: 'errors.tooManyRequests',
  keyring_unavailable: 'errors.keyringUnavailable',
  unknown_extension: 'preferences.errors.targetUnknown',
  outbound_not_allowed: 'preferences.errors.targetNotAllowed',
};

export function errorMessageKey(error: IpcError): string {
  return KEYS[error.code] ?? 'errors.unexpected';
}

/**
 * How an area of the app words the refusals its forms and dialogs show: the admin console knows
 * more codes (a taken email, a device in use) than the rest of the app.
 */
export const ErrorWordsContext = createContext<(error: IpcError) => string>(errorMessageKey);

export const useErrorKey = () => useContext(ErrorWordsContext);
