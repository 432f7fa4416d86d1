import { useTranslation } from 'react-i18next';
import type { OutboxMail } from '../../../../../common/api/company';
import { formatDateTime } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { useAdminApi } from '../admin-api';
import { usePages } from '../use-pages';
import { LogPanel } from './LogPanel';

const STATUS_KEYS: Record<OutboxMail['status'], string> = {
  queued: 'admin.logs.queued',
  sent: 'admin.logs.sent',
  failed: 'admin.logs.failedMail',
};

/** The office's mail: queued, sent and failed, with secrets shown as •••. */
export function OutboxPanel() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const admin = useAdminApi();
  const pages = usePages(
    (before?: string) => admin.outbox({ query: { limit: 50, ...(before && { before }) } }),
    'outbox',
  );

  return (
    <LogPanel title={t('admin.sections.outbox')} pages={pages} empty={t('admin.logs.outboxEmpty')}>
      {(mails) => (
        <ul className="admin-mails">
          {mails.map((mail) => (
            <li key={mail.id}>
              <details>
                <summary>
                  <span className={`admin-mail-status ${mail.status}`}>{t(STATUS_KEYS[mail.status])}</span>{' '}
                  <strong>{mail.subject}</strong> <span className="admin-muted">→ {mail.to}</span>{' '}
                  <span className="admin-muted">{formatDateTime(language, new Date(mail.createdAt))}</span>
                </summary>
                {mail.error && <p className="admin-bad">{mail.error}</p>}
                <pre>{mail.body}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </LogPanel>
  );
}
