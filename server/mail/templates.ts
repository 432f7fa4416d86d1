import { randomBytes } from 'node:crypto';
import type { OfficeDb } from '../db/database';
import type { EmailTemplateKind, MailKind } from '../../common/api/directory';
import type { Language } from '../../common/api/preferences';
import { renderTemplate } from '../../common/mail/placeholders';
import { translate } from '../../common/i18n/catalogue';
import { DEFAULT_MAIL } from './translated-defaults';
import { OfficeError } from '../errors';
import { findTemplateOfKind } from '../directory/email-templates';
import type { OutgoingMail } from './mailer';
import { officeLinksOnly } from './office-links';

/** Placeholders whose values are secrets: never stored readable, shown to admins as REDACTED. */
export const SECRET_PLACEHOLDERS = ['temporaryPassword', 'code', 'link'] as const;
export const REDACTED = '•••';

/** Who a mail is for: their address and, when they have an account, its id. */
export interface Recipient {
  email: string;
  userId: string | null;
}

/** What a mail is filled with: always the office's own address, which its links must lead to. */
export type MailValues = Partial<Record<string, string>> & { portalUrl: string };

/**
 * A template filled in for one recipient: subject and body get the same values, and any link in
 * them that does not lead to the office becomes the office's address (office-links.ts). Secrets
 * go in last, into slots only the office's own links keep: a secret is never itself rewritten (a
 * manual password may look like a host name) and never lands inside a link elsewhere. The mail
 * also carries the text admins may see, with every secret redacted.
 */
export function renderMail(
  template: { kind: MailKind; subject: string; body: string },
  recipient: Recipient,
  values: MailValues,
): OutgoingMail {
  // A random mark per mail: no value typed by anyone can hold it.
  const mark = `\uE000${randomBytes(6).toString('hex')}`;
  const secrets = SECRET_PLACEHOLDERS.filter((key) => Object.hasOwn(values, key));
  const withSlots: MailValues = { ...values };
  for (const key of secrets) withSlots[key] = `${mark}${key}\uE000`;
  const fill = (text: string) => officeLinksOnly(renderTemplate(text, withSlots), values.portalUrl);
  const open = (text: string, secret: (key: (typeof secrets)[number]) => string) =>
    secrets.reduce((filled, key) => filled.replaceAll(`${mark}${key}\uE000`, secret(key)), text);
  const subject = fill(template.subject);
  const body = fill(template.body);
  return {
    to: recipient.email,
    userId: recipient.userId,
    kind: template.kind,
    subject: open(subject, (key) => values[key] ?? ''),
    body: open(body, (key) => values[key] ?? ''),
    shown: { subject: open(subject, () => REDACTED), body: open(body, () => REDACTED) },
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
