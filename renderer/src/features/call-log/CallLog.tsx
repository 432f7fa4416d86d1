import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallLogEntry, type CallLogFilter } from '../../../../common/api/call-log';
import { useApi } from '../../app/api-context';
import { useConnection } from '../../app/connection';
import { formatDateTime, formatDuration, formatRelative } from '../../format';
import type { Language } from '../../i18n/languages';
import { TextField } from '../../ui/Field';
import { textLimits } from '../../ui/field-limits';
import { EmptyState, ErrorState, LoadFailed, LoadingRows } from '../../ui/ScreenStates';
import { useMinute } from '../../ui/use-minute';
import { VirtualList } from '../../ui/VirtualList';
import { dialTarget } from '../softphone/dial-number';
import { PAGE_SIZE, useCallLog } from './use-call-log';
import { CALL_FAULTS, callFaultKey } from './call-fault-key';
import './call-log.css';

const FILTER_KEYS: Record<CallLogFilter, string> = {
  all: 'callLog.filters.all',
  missed: 'callLog.filters.missed',
  incoming: 'callLog.filters.incoming',
  outgoing: 'callLog.filters.outgoing',
};

const RESULT_KEYS: Record<CallLogEntry['result'], string> = {
  answered: 'callLog.results.answered',
  missed: 'callLog.results.missed',
  busy: 'callLog.results.busy',
  failed: 'callLog.results.failed',
  cancelled: 'callLog.results.cancelled',
  voicemail: 'callLog.results.voicemail',
};

const ROW_HEIGHT = 64;

const idOf = (entry: CallLogEntry) => entry.id;

/** Whether a row matches what the person typed: name or number, any case, digits ignoring spacing. */
export function matchesSearch(entry: CallLogEntry, search: string): boolean {
  const wanted = search.trim().toLowerCase();
  if (wanted === '') return true;
  return (
    entry.otherNumber.toLowerCase().includes(wanted) || (entry.otherName ?? '').toLowerCase().includes(wanted)
  );
}

/**
 * The person's calls. `shown` says whether the screen is in view: each time it comes back into
 * view the newest calls are fetched; while in view, each call the office pushes as it logs it
 * (made, answered or missed, on any of the person's phones) brings the newest calls in too. A
 * row's Call button hands its number to `onCall`, which places the call where its controls are
 * (the softphone).
 */
export function CallLog({
  shown: inView = true,
  onCall,
}: {
  shown?: boolean;
  onCall: (target: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const connection = useConnection();
  const [filter, setFilter] = useState<CallLogFilter>('all');
  const [search, setSearch] = useState('');
  const log = useCallLog(filter);
  const { refreshNewest } = log;
  const wasHidden = useRef(!inView);
  useEffect(() => {
    if (inView && wasHidden.current) void refreshNewest();
    wasHidden.current = !inView;
  }, [inView, refreshNewest]);
  useEffect(() => {
    if (inView) return api.portal.onCallLogged(() => void refreshNewest());
  }, [api, inView, refreshNewest]);
  const language = i18n.language as Language;
  const now = useMinute();
  const shown = useMemo(
    () => (search.trim() === '' ? log.rows : log.rows.filter((entry) => matchesSearch(entry, search))),
    [log.rows, search],
  );

  // Looked up once per language, not per row: i18next's lookup is a row's largest cost.
  const labels = useMemo(
    () => ({
      incoming: t('callLog.incoming'),
      outgoing: t('callLog.outgoing'),
      call: t('callLog.call'),
      results: Object.fromEntries(
        Object.entries(RESULT_KEYS).map(([result, key]) => [result, t(key)]),
      ) as Record<CallLogEntry['result'], string>,
      faults: Object.fromEntries(CALL_FAULTS.map((fault) => [fault, t(callFaultKey(fault))])) as Record<
        NonNullable<CallLogEntry['fault']>,
        string
      >,
    }),
    [t],
  );

  // One function for every row, changed only by the language, the minute or the dialler, so
  // scrolling and appended pages draw only the rows that come into view.
  const row = useCallback(
    (entry: CallLogEntry) => {
      const who = entry.otherName ?? entry.otherNumber;
      // An anonymous caller's "number" is not one to call: its button stays, greyed, so the
      // columns of the rows line up.
      const target = dialTarget(entry.otherNumber);
      const at = new Date(entry.startedAt);
      const missed = entry.result !== 'answered' && entry.direction === 'incoming';
      return (
        <div className="call-log-row" data-missed={missed}>
          <span className="call-log-direction" aria-hidden="true">
            {entry.direction === 'incoming' ? '↙' : '↗'}
          </span>
          <div className="call-log-who">
            <span className="call-log-name">{who}</span>
            <span className="call-log-detail">
              {entry.otherName ? `${entry.otherNumber} · ` : ''}
              {labels[entry.direction]} ·{' '}
              {entry.result === 'answered'
                ? formatDuration(language, entry.durationSeconds)
                : labels.results[entry.result]}
              {entry.fault ? ` (${labels.faults[entry.fault]})` : ''}
            </span>
          </div>
          <time className="call-log-when" dateTime={entry.startedAt} title={formatDateTime(language, at)}>
            {formatRelative(language, at, now)}
          </time>
          <button
            className="button call-log-call"
            type="button"
            aria-label={t('callLog.callBack', { name: who })}
            disabled={target === null}
            onClick={() => target && onCall(target)}
          >
            {labels.call}
          </button>
        </div>
      );
    },
    [t, labels, language, now, onCall],
  );

  let body;
  if (log.loading) body = <LoadingRows label={t('callLog.loading')} />;
  else if (log.error && log.rows.length === 0)
    body = (
      <LoadFailed
        error={log.error}
        offlineTitle={t('callLog.offlineTitle')}
        offlineHint={t('callLog.offlineHint')}
        onRetry={log.retry}
      />
    );
  else if (log.rows.length === 0)
    body = (
      <EmptyState
        title={t('callLog.emptyTitle')}
        hint={t(filter === 'all' ? 'callLog.emptyHint' : 'callLog.emptyFilteredHint')}
      />
    );
  else
    body = (
      <>
        {shown.length === 0 && !log.hasMore && (
          <p className="call-log-none">{t('callLog.noMatch', { search })}</p>
        )}
        <VirtualList
          items={shown}
          rowHeight={ROW_HEIGHT}
          label={t('callLog.listLabel')}
          keyOf={idOf}
          renderRow={row}
          onEndReached={log.hasMore && connection === 'online' && !log.error ? log.loadMore : undefined}
          endThreshold={PAGE_SIZE / 2}
        />
        {log.error && <ErrorState error={log.error} onRetry={log.retry} />}
      </>
    );

  return (
    <section className="call-log" aria-label={t('callLog.title')}>
      <div className="call-log-tools">
        <div className="segmented" role="group" aria-label={t('callLog.filterLabel')}>
          {(Object.keys(FILTER_KEYS) as CallLogFilter[]).map((id) => (
            <button key={id} type="button" aria-pressed={filter === id} onClick={() => setFilter(id)}>
              {t(FILTER_KEYS[id])}
            </button>
          ))}
        </div>
        <TextField
          id="call-log-search"
          className="call-log-search"
          label={t('callLog.search')}
          type="search"
          value={search}
          // What is searched is a call's number or name: no longer than a number the office keeps.
          {...textLimits(CallLogEntry.properties.otherNumber)}
          placeholder={t('callLog.searchPlaceholder')}
          onChange={setSearch}
        />
      </div>
      {body}
    </section>
  );
}
