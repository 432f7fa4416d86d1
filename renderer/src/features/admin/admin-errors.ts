import type { IpcError } from '../../../../common/ipc/result';
import { errorMessageKey } from '../../ui/error-message';

/** The admin console's refusals in words; anything else as the app says it everywhere. */
const KEYS: Partial<Record<IpcError['code'], string>> = {
  email_taken: 'admin.errors.emailTaken',
  extension_taken: 'admin.errors.extensionTaken',
  extension_invalid: 'admin.errors.extensionInvalid',
  mac_taken: 'admin.errors.macTaken',
  number_taken: 'admin.errors.numberTaken',
  name_taken: 'admin.errors.nameTaken',
  in_use: 'admin.errors.inUse',
  numbering_conflict: 'admin.errors.numberingConflict',
  cannot_delete_self: 'admin.errors.cannotDeleteSelf',
  forbidden: 'admin.errors.forbidden',
  not_found: 'admin.errors.notFound',
  password_policy: 'admin.errors.passwordPolicy',
  password_common: 'admin.errors.passwordCommon',
  password_personal: 'admin.errors.passwordPersonal',
  password_mismatch: 'admin.errors.passwordMismatch',
  invalid_field: 'admin.errors.invalidField',
  invalid_request: 'admin.errors.invalidField',
  session_expired: 'admin.errors.sessionEnded',
  unauthenticated: 'admin.errors.sessionEnded',
  not_signed_in: 'admin.errors.sessionEnded',
};

export function adminErrorKey(error: IpcError): string {
  return KEYS[error.code] ?? errorMessageKey(error);
}
