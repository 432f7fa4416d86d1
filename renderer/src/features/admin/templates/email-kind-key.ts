import type { EmailTemplateKind } from '../../../../../common/api/directory';

const KEYS: Record<EmailTemplateKind, string> = {
  welcome: 'admin.emails.kindWelcome',
  'password-reset': 'admin.emails.kindReset',
  'password-recovery': 'admin.emails.kindRecovery',
};

export const EMAIL_KINDS = Object.keys(KEYS) as EmailTemplateKind[];

/** The i18n key of a kind of mail's name. */
export const emailKindKey = (kind: EmailTemplateKind) => KEYS[kind];
