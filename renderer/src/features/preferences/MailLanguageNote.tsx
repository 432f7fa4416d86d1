import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../common/api/preferences';
import { formatLanguageName } from '../../format';
import { errorMessageKey } from '../../ui/error-message';
import type { MailLanguage } from './use-mail-language';
import './mail-language.css';

/**
 * Under the app's language: what the office does with it. Says nothing while the office writes
 * the person's mail in the language the app shows (their own choice or the company's); otherwise
 * which language it uses, and why.
 */
export function MailLanguageNote({ mail, appLanguage }: { mail: MailLanguage; appLanguage: Language }) {
  const { t, i18n } = useTranslation();
  const name = (language: Language) => formatLanguageName(i18n.language as Language, language);

  if (mail.pending)
    return (
      <p className="mail-language" role="status">
        {t('mailLanguage.pending', { language: name(mail.pending) })}
      </p>
    );
  if (mail.error)
    return (
      <div className="mail-language" role="alert">
        <p>{t('mailLanguage.failed', { reason: t(errorMessageKey(mail.error)) })}</p>
        <button className="button" type="button" onClick={() => void mail.tell(appLanguage)}>
          {t('mailLanguage.retry')}
        </button>
      </div>
    );
  if (mail.office === undefined || mail.office.mailLanguage === appLanguage) return null;
  const language = name(mail.office.mailLanguage);
  return (
    <div className="mail-language">
      <p>
        {mail.office.language === null
          ? t('mailLanguage.company', { language })
          : t('mailLanguage.differs', { language })}
      </p>
      <button className="button" type="button" onClick={() => void mail.tell(appLanguage)}>
        {t('mailLanguage.use', { language: name(appLanguage) })}
      </button>
    </div>
  );
}
