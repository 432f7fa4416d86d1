import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { useAdminApi } from '../admin-api';
import { DataTable } from '../DataTable';
import { usePages } from '../use-pages';
import { LogPanel } from './LogPanel';
import { auditActionKey } from './audit-action-key';

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
    <LogPanel title={t('admin.sections.auditLog')} pages={pages} empty={t('admin.logs.auditEmpty')}>
      {(entries) => (
        <DataTable
          rows={entries}
          columns={[
            { header: t('admin.logs.when'), cell: (entry) => formatDateTime(language, new Date(entry.at)) },
            // The office itself (the first start, a recovery) has no account: said in words.
            {
              header: t('admin.logs.who'),
              cell: (entry) => (entry.actorId ? entry.actorName : t('admin.logs.system')),
            },
            {
              header: t('admin.logs.action'),
              cell: (entry) => {
                const key = auditActionKey(entry.action);
                return key ? t(key) : <code>{entry.action}</code>;
              },
            },
            {
              header: t('admin.logs.target'),
              cell: (entry) =>
                entry.targetName ? (
                  <span title={entry.targetId ?? undefined}>{entry.targetName}</span>
                ) : (
                  <span className="admin-muted">{entry.targetId ?? '—'}</span>
                ),
            },
          ]}
        />
      )}
    </LogPanel>
  );
}
