// The office's own email templates are rows written in English (the mail itself goes out in each
// recipient's language while nobody changed them). The console shows them in the admin's language:
// the standard name while it is the office's, the standard subject and body while they are.
import { useTranslation } from 'react-i18next';
import type { EmailTemplate, EmailTemplateKind } from '../../../../../common/api/directory';
import { translate, type MessageKey } from '../../../../../common/i18n/catalogue';
import { pickLanguage } from '../../../i18n/languages';

const STANDARD: Record<EmailTemplateKind, { name: MessageKey; subject: MessageKey; body: MessageKey }> = {
  welcome: {
    name: 'admin.emails.standard.welcome',
    subject: 'mail.welcome.subject',
    body: 'mail.welcome.body',
  },
  'password-reset': {
    name: 'admin.emails.standard.passwordReset',
    subject: 'mail.passwordReset.subject',
    body: 'mail.passwordReset.body',
  },
  'password-recovery': {
    name: 'admin.emails.standard.passwordRecovery',
    subject: 'mail.passwordRecovery.subject',
    body: 'mail.passwordRecovery.body',
  },
};

export type ShownTemplate = Pick<EmailTemplate, 'kind' | 'name' | 'subject' | 'body'>;

/** A template as the admin reads it: the office's own words in their language, anyone else's as written. */
export function useShownTemplate(): <T extends ShownTemplate>(template: T) => T {
  const { i18n } = useTranslation();
  // The catalogue's text keeps its {{placeholders}} for the mail to fill.
  const language = pickLanguage([i18n.language]);
  return (template) => {
    const keys = STANDARD[template.kind];
    const english = (key: MessageKey) => translate('en', key);
    const standardText = template.subject === english(keys.subject) && template.body === english(keys.body);
    return {
      ...template,
      name: template.name === english(keys.name) ? translate(language, keys.name) : template.name,
      ...(standardText && {
        subject: translate(language, keys.subject),
        body: translate(language, keys.body),
      }),
    };
  };
}
