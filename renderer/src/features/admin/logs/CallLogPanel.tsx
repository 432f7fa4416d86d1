import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallResult } from '../../../../../common/api/call-log';
import type { OfficeCallQuery } from '../../../../../common/api/usage';
import type { IpcError } from '../../../../../common/ipc/result';
import { formatDateTime, formatDuration, formatNumber } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { useAdminApi } from '../admin-api';
import { FormError, ListStates } from '../PanelStatus';
import { usePages } from '../use-pages';
import { callLogCsv, download } from './call-log-csv';
import { CALL_RESULTS, callResultKey } from './call-result-key';
import { LoadMore } from './LoadMore';

const PAGE_SIZE = 100;

/** A day picked in a date field, as the instant it starts here (`to` takes the next day's start). */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const at = new Date(`${day}T00:00`);
  at.setDate(at.getDate() + plusDays);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** The office call log ("Usage"): filters, the period's totals, the calls, and a CSV of them. */
export function CallLogPanel() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const admin = useAdminApi();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [extension, setExtension] = useState('');
  const [result, setResult] = useState<CallResult | ''>('');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<IpcError | null>(null);

  const filter: OfficeCallQuery = {
    ...(dayStart(from) && { from: dayStart(from) }),
    ...(dayStart(to, 1) && { to: dayStart(to, 1) }),
    // Half-typed extensions are not sent: the office would refuse them.
    ...(/^[0-9]{2,8}$/.test(extension) && { extension }),
    ...(result && { result }),
  };
  const load = (before?: string, limit = PAGE_SIZE) =>
    admin.callLog({ query: { ...filter, limit, ...(before && { before }) } });
  const pages = usePages(load, JSON.stringify(filter));
  const totals = pages.first.status === 'ready' ? pages.first.value.totals : null;

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    const csv = await callLogCsv((before) => load(before, 200));
    setExporting(false);
    if (csv.ok) download('call-log.csv', 'text/csv;charset=utf-8', csv.value);
    else setExportError(csv.error);
  };

  return (
    <div className="stack">
      <header className="admin-panel-head">
        <h1>{t('admin.sections.callLog')}</h1>
        <button className="button" type="button" disabled={exporting} onClick={() => void exportCsv()}>
          {exporting ? t('admin.callLog.exporting') : t('admin.callLog.download')}
        </button>
      </header>
      <FormError error={exportError} />
      <div className="admin-filters">
        <div className="field">
          <label htmlFor="calls-from">{t('admin.callLog.from')}</label>
          <input id="calls-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="calls-to">{t('admin.callLog.to')}</label>
          <input id="calls-to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="calls-extension">{t('admin.callLog.extension')}</label>
          <input
            id="calls-extension"
            type="search"
            inputMode="numeric"
            maxLength={8}
            value={extension}
            onChange={(event) => setExtension(event.target.value.replace(/\D/g, ''))}
          />
        </div>
        <div className="field">
          <label htmlFor="calls-result">{t('admin.callLog.result')}</label>
          <select
            id="calls-result"
            value={result}
            onChange={(event) => setResult(event.target.value as CallResult | '')}
          >
            <option value="">{t('admin.callLog.allResults')}</option>
            {CALL_RESULTS.map((option) => (
              <option key={option} value={option}>
                {t(callResultKey(option))}
              </option>
            ))}
          </select>
        </div>
      </div>
      {totals && (
        <dl className="admin-totals" aria-label={t('admin.callLog.totals')}>
          <div>
            <dt>{t('admin.callLog.calls')}</dt>
            <dd>{formatNumber(language, totals.calls)}</dd>
          </div>
          <div>
            <dt>{t('admin.callLog.answered')}</dt>
            <dd>{formatNumber(language, totals.answered)}</dd>
          </div>
          <div>
            <dt>{t('admin.callLog.missed')}</dt>
            <dd>{formatNumber(language, totals.missed)}</dd>
          </div>
          <div>
            <dt>{t('admin.callLog.minutes')}</dt>
            <dd>{formatNumber(language, totals.minutes)}</dd>
          </div>
        </dl>
      )}
      <ListStates
        state={pages.first}
        onRetry={pages.reload}
        empty={<p>{Object.keys(filter).length ? t('admin.callLog.noMatch') : t('admin.callLog.empty')}</p>}
      >
        {() => (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.callLog.started')}</th>
                  <th scope="col">{t('admin.callLog.caller')}</th>
                  <th scope="col">{t('admin.callLog.callee')}</th>
                  <th scope="col">{t('admin.callLog.duration')}</th>
                  <th scope="col">{t('admin.callLog.result')}</th>
                </tr>
              </thead>
              <tbody>
                {pages.items.map((call) => (
                  <tr key={call.id}>
                    <td data-label={t('admin.callLog.started')}>
                      {formatDateTime(language, new Date(call.startedAt))}
                    </td>
                    <td data-label={t('admin.callLog.caller')}>{call.callerNumber}</td>
                    <td data-label={t('admin.callLog.callee')}>{call.calleeNumber}</td>
                    <td data-label={t('admin.callLog.duration')}>
                      {formatDuration(language, call.durationSeconds)}
                    </td>
                    <td data-label={t('admin.callLog.result')}>{t(callResultKey(call.result))}</td>
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
