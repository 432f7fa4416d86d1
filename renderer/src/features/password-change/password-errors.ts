import type { IpcError } from '../../../../common/ipc/result';
import { errorMessageKey } from '../../ui/error-message';

/**
 * What the office said about a new password, in words: the checks only it can make (common
 * passwords, the previous one, a wrong current password or code) and the general ones.
 */
const KEYS: Partial<Record<IpcError['code'], string>> = {
  password_common: 'passwordChange.errors.common',
  password_personal: 'passwordChange.errors.personal',
  password_policy: 'passwordChange.errors.policy',
  password_reused: 'passwordChange.errors.reused',
  invalid_credentials: 'passwordChange.errors.wrongCurrent',
  invalid_code: 'passwordChange.errors.invalidCode',
};

export const passwordErrorKey = (error: IpcError) => KEYS[error.code] ?? errorMessageKey(error);

/** Whether the error is about the new password (its field is marked), not the rest of the form. */
export const isAboutNewPassword = (error: IpcError | null) =>
  error !== null &&
  ['password_common', 'password_personal', 'password_policy', 'password_reused'].includes(error.code);
