import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { useAdminApi } from '../admin-api';
import { ListStates } from '../PanelStatus';
import { usePages } from '../use-pages';
import { LoadMore } from './LoadMore';

/** Who changed what in the office, newest first. */
export function AuditLogPanel() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const admin = useAdminApi();
  const pages = usePages(
    (before?: string) => admin.auditLog({ query: { limit: 100, ...(before && { before }) } }),
    'audit',
  );

  return (
    <div className="stack">
      <header className="admin-panel-head">
        <h1>{t('admin.sections.auditLog')}</h1>
        <button className="button" type="button" onClick={pages.reload}>
          {t('admin.logs.refresh')}
        </button>
      </header>
      <ListStates state={pages.first} onRetry={pages.reload} empty={<p>{t('admin.logs.auditEmpty')}</p>}>
        {() => (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.logs.when')}</th>
                  <th scope="col">{t('admin.logs.who')}</th>
                  <th scope="col">{t('admin.logs.action')}</th>
                  <th scope="col">{t('admin.logs.target')}</th>
                </tr>
              </thead>
              <tbody>
                {pages.items.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label={t('admin.logs.when')}>{formatDateTime(language, new Date(entry.at))}</td>
                    <td data-label={t('admin.logs.who')}>{entry.actorName || t('admin.logs.system')}</td>
                    <td data-label={t('admin.logs.action')}>
                      <code>{entry.action}</code>
                    </td>
                    <td data-label={t('admin.logs.target')}>
                      {entry.targetType}
                      {entry.targetId && <span className="admin-muted"> {entry.targetId}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
