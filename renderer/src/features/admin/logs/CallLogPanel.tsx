import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallResult } from '../../../../../common/api/call-log';
import { OfficeCallQuery, type OfficeCall, type UsageTotals } from '../../../../../common/api/usage';
import type { IpcError } from '../../../../../common/ipc/result';
import { formatDateTime, formatDuration, formatNumber } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { SelectField, TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { useAdminApi } from '../admin-api';
import { DataTable } from '../DataTable';
import { PanelHead } from '../PanelHead';
import { FormError } from '../../../ui/FormError';
import { usePages } from '../use-pages';
import { callLogCsv, download } from './call-log-csv';
import { CALL_RESULTS, callResultKey } from './call-result-key';
import { callFaultKey } from '../../call-log/call-fault-key';
import { PagedList } from './PagedList';

const PAGE_SIZE = 100;

/** The CSV's column headings, in the admin's language. */
const CSV_COLUMN_KEYS: Record<keyof OfficeCall, string> = {
  id: 'admin.callLog.csv.id',
  startedAt: 'admin.callLog.csv.startedAt',
  answeredAt: 'admin.callLog.csv.answeredAt',
  endedAt: 'admin.callLog.csv.endedAt',
  callerNumber: 'admin.callLog.csv.callerNumber',
  calleeNumber: 'admin.callLog.csv.calleeNumber',
  answeredByNumber: 'admin.callLog.csv.answeredByNumber',
  durationSeconds: 'admin.callLog.csv.durationSeconds',
  result: 'admin.callLog.csv.result',
  fault: 'admin.callLog.csv.fault',
};

/**
 * The period's totals as the panel shows them: the calls, how many ended each way (every result,
 * so they add up to the calls), and the talk time in words.
 */
function totalsShown(totals: UsageTotals, language: Language): { label: string; value: string }[] {
  return [
    { label: 'admin.callLog.calls', value: formatNumber(language, totals.calls) },
    ...CALL_RESULTS.map((result) => ({
      label: callResultKey(result),
      value: formatNumber(language, totals.results[result]),
    })),
    { label: 'admin.callLog.talkTime', value: formatDuration(language, totals.talkSeconds) },
  ];
}

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
    const csv = await callLogCsv((before) => load(before, 200), {
      column: (column) => t(CSV_COLUMN_KEYS[column]),
      result: (callResult) => t(`callLog.results.${callResult}`),
      fault: (fault) => t(callFaultKey(fault)),
    });
    setExporting(false);
    if (csv.ok) download('call-log.csv', 'text/csv;charset=utf-8', csv.value);
    else setExportError(csv.error);
  };

  return (
    <div className="stack">
      <PanelHead title={t('admin.sections.callLog')}>
        <button className="button" type="button" disabled={exporting} onClick={() => void exportCsv()}>
          {exporting ? t('admin.callLog.exporting') : t('admin.callLog.download')}
        </button>
      </PanelHead>
      <FormError error={exportError} />
      <div className="admin-filters">
        <TextField
          id="calls-from"
          label={t('admin.callLog.from')}
          type="date"
          value={from}
          onChange={setFrom}
        />
        <TextField id="calls-to" label={t('admin.callLog.to')} type="date" value={to} onChange={setTo} />
        <TextField
          id="calls-extension"
          label={t('admin.callLog.extension')}
          type="search"
          inputMode="numeric"
          {...textLimits(OfficeCallQuery.properties.extension)}
          value={extension}
          onChange={(value) => setExtension(value.replace(/\D/g, ''))}
        />
        <SelectField id="calls-result" label={t('admin.callLog.result')} value={result} onChange={setResult}>
          <option value="">{t('admin.callLog.allResults')}</option>
          {CALL_RESULTS.map((option) => (
            <option key={option} value={option}>
              {t(callResultKey(option))}
            </option>
          ))}
        </SelectField>
      </div>
      {totals && (
        <dl className="admin-totals" aria-label={t('admin.callLog.totals')}>
          {totalsShown(totals, language).map(({ label, value }) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <PagedList
        pages={pages}
        empty={<p>{Object.keys(filter).length ? t('admin.callLog.noMatch') : t('admin.callLog.empty')}</p>}
      >
        {(calls) => (
          <DataTable
            rows={calls}
            columns={[
              {
                header: t('admin.callLog.started'),
                cell: (call) => formatDateTime(language, new Date(call.startedAt)),
              },
              { header: t('admin.callLog.caller'), cell: (call) => call.callerNumber },
              {
                header: t('admin.callLog.callee'),
                cell: (call) =>
                  call.answeredByNumber
                    ? t('admin.callLog.answeredBy', {
                        callee: call.calleeNumber,
                        member: call.answeredByNumber,
                      })
                    : call.calleeNumber,
              },
              {
                header: t('admin.callLog.duration'),
                cell: (call) => formatDuration(language, call.durationSeconds),
              },
              {
                header: t('admin.callLog.result'),
                cell: (call) =>
                  t(callResultKey(call.result)) + (call.fault ? ` (${t(callFaultKey(call.fault))})` : ''),
              },
            ]}
          />
        )}
      </PagedList>
    </div>
  );
}
