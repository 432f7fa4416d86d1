import { useTranslation } from 'react-i18next';
import type { OutboxMail } from '../../../../../common/api/company';
import { formatDateTime } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { useAdminApi } from '../admin-api';
import { ListStates } from '../PanelStatus';
import { usePages } from '../use-pages';
import { LoadMore } from './LoadMore';

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
    <div className="stack">
      <header className="admin-panel-head">
        <h1>{t('admin.sections.outbox')}</h1>
        <button className="button" type="button" onClick={pages.reload}>
          {t('admin.logs.refresh')}
        </button>
      </header>
      <ListStates state={pages.first} onRetry={pages.reload} empty={<p>{t('admin.logs.outboxEmpty')}</p>}>
        {() => (
          <ul className="admin-mails">
            {pages.items.map((mail) => (
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
      </ListStates>
      <LoadMore
        nextCursor={pages.nextCursor}
        loading={pages.loadingMore}
        error={pages.moreError}
        onLoad={() => void pages.loadMore()}
      />
    </div>
  );
}
