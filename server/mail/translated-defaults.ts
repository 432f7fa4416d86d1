import type { EmailTemplateKind } from '../../common/api/directory';
import { translate, type MessageKey } from '../../common/i18n/catalogue';
import { LANGUAGES, type Language } from '../../common/i18n/languages';
import type { MailText } from './mailer';

/** Where each mail's subject and body are in the app's catalogues (common/i18n). */
const TEMPLATE_KEYS: Record<EmailTemplateKind, { subject: MessageKey; body: MessageKey }> = {
  welcome: { subject: 'mail.welcome.subject', body: 'mail.welcome.body' },
  'password-reset': { subject: 'mail.passwordReset.subject', body: 'mail.passwordReset.body' },
  'password-recovery': { subject: 'mail.passwordRecovery.subject', body: 'mail.passwordRecovery.body' },
};

/** A mail's text in `language`, its placeholders left for the template to fill. */
const mailText = (language: Language, keys: { subject: MessageKey; body: MessageKey }): MailText => ({
  subject: translate(language, keys.subject),
  body: translate(language, keys.body),
});

const inEveryLanguage = <T>(text: (language: Language) => T) =>
  Object.fromEntries(LANGUAGES.map((language) => [language, text(language)])) as Record<Language, T>;

/**
 * The default templates in every language. The English ones are the rows in email_templates
 * (DEFAULT_EMAIL_TEMPLATES); while an admin has not changed a default, a user whose language is
 * another gets it in theirs. Same placeholders in every language.
 */
export const DEFAULT_MAIL = inEveryLanguage(
  (language) =>
    Object.fromEntries(
      Object.entries(TEMPLATE_KEYS).map(([kind, keys]) => [kind, mailText(language, keys)]),
    ) as Record<EmailTemplateKind, MailText>,
);

/** The notice of a new voicemail message (built in: admins do not edit it). */
export const VOICEMAIL_NOTICE = inEveryLanguage((language) =>
  mailText(language, { subject: 'mail.voicemailNotice.subject', body: 'mail.voicemailNotice.body' }),
);
