import type { OfficeDb } from '../db/database';
import type { EmailTemplateKind, MailKind } from '../../common/api/directory';
import type { Language } from '../../common/api/preferences';
import { renderTemplate, type TemplateValues } from '../../common/mail/placeholders';
import { translate } from '../../common/i18n/catalogue';
import { DEFAULT_MAIL } from './translated-defaults';
import { OfficeError } from '../errors';
import { findTemplateOfKind } from '../directory/email-templates';
import type { OutgoingMail } from './mailer';

/** Placeholders whose values are secrets: never stored readable, shown to admins as REDACTED. */
export const SECRET_PLACEHOLDERS = ['temporaryPassword', 'code', 'link'] as const;
export const REDACTED = '•••';

/** Who a mail is for: their address and, when they have an account, its id. */
export interface Recipient {
  email: string;
  userId: string | null;
}

/**
 * A template filled in for one recipient: subject and body get the same values. The mail also
 * carries the text admins may see, with every secret value redacted.
 */
export function renderMail(
  template: { kind: MailKind; subject: string; body: string },
  recipient: Recipient,
  values: TemplateValues,
): OutgoingMail {
  const redacted: TemplateValues = { ...values };
  for (const key of SECRET_PLACEHOLDERS) if (Object.hasOwn(values, key)) redacted[key] = REDACTED;
  return {
    to: recipient.email,
    userId: recipient.userId,
    kind: template.kind,
    subject: renderTemplate(template.subject, values),
    body: renderTemplate(template.body, values),
    shown: {
      subject: renderTemplate(template.subject, redacted),
      body: renderTemplate(template.body, redacted),
    },
  };
}

/**
 * The default template of each kind, in English (its translations, and its name's, are in
 * common/i18n: the admin console shows them in the admin's language while they are unchanged).
 */
export const DEFAULT_EMAIL_TEMPLATES: {
  kind: EmailTemplateKind;
  name: string;
  subject: string;
  body: string;
}[] = [
  { kind: 'welcome', name: translate('en', 'admin.emails.standard.welcome'), ...DEFAULT_MAIL.en.welcome },
  {
    kind: 'password-reset',
    name: translate('en', 'admin.emails.standard.passwordReset'),
    ...DEFAULT_MAIL.en['password-reset'],
  },
  {
    kind: 'password-recovery',
    name: translate('en', 'admin.emails.standard.passwordRecovery'),
    ...DEFAULT_MAIL.en['password-recovery'],
  },
];

/** The text to send in `language`: a default nobody changed is sent translated, any other as written. */
function inLanguage<T extends { kind: EmailTemplateKind; subject: string; body: string }>(
  template: T,
  language: Language,
): T {
  if (language === 'en') return template;
  const english = DEFAULT_EMAIL_TEMPLATES.find((d) => d.kind === template.kind);
  const unchanged = english?.subject === template.subject && english.body === template.body;
  return unchanged ? { ...template, ...DEFAULT_MAIL[language][template.kind] } : template;
}

/**
 * The chosen template, or the default of its kind, in the recipient's language; a chosen one
 * of another kind is refused.
 */
export async function pickTemplate(
  db: OfficeDb,
  kind: EmailTemplateKind,
  language: Language,
  chosenId?: string,
) {
  const template = await findTemplateOfKind(db, kind, chosenId);
  if (template) return inLanguage(template, language);
  if (chosenId) {
    throw new OfficeError(
      400,
      'invalid_field',
      `No ${kind} email template has that id`,
      'body.welcomeEmailTemplateId',
    );
  }
  // Defaults cannot be deleted or unmarked, so this is a broken database, not a bad request.
  throw new Error(`There is no default ${kind} email template`);
}
