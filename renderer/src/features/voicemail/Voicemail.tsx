import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoicemailMessage } from '../../../../common/api/voicemail';
import { useConnection } from '../../app/connection';
import { formatClock, formatRelative } from '../../format';
import type { Language } from '../../i18n/languages';
import { EmptyState, ErrorState, LoadFailed, LoadingRows } from '../../ui/ScreenStates';
import { useMinute } from '../../ui/use-minute';
import { VirtualList } from '../../ui/VirtualList';
import { PAGE_SIZE, type VoicemailBox } from './use-voicemail';
import { VoicemailPlayer } from './VoicemailPlayer';
import { VoicemailSyncBanner } from './VoicemailSyncBanner';
import './voicemail.css';

const ROW_HEIGHT = 60;

const idOf = (message: VoicemailMessage) => message.id;

/** The voicemail box: messages unread first, and the player of the one chosen. */
export function Voicemail({ box, onCall }: { box: VoicemailBox; onCall: (target: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const connection = useConnection();
  // The cache's own view of the office once main has told it; the app's until then.
  const offline = (box.sync?.connection ?? connection) === 'offline';
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = box.messages.find((message) => message.id === chosenId) ?? null;
  const now = useMinute();

  const newLabel = t('voicemail.new');
  const groupLabel = useCallback(
    (group: { name: string; extension: string }) => t('voicemail.forGroup', group),
    [t],
  );
  // One function for every row, so scrolling draws only the rows that come into view.
  const row = useCallback(
    (message: VoicemailMessage) => {
      const caller = message.callerName ?? message.callerNumber;
      return (
        <button
          type="button"
          className="voicemail-row"
          data-unread={!message.read}
          aria-current={message.id === chosenId ? 'true' : undefined}
          onClick={() => setChosenId(message.id)}
        >
          <span className="voicemail-dot" aria-hidden="true" />
          <span className="voicemail-caller">
            {caller}
            {!message.read && <span className="visually-hidden"> ({newLabel})</span>}
            {/* A ring group's shared box: every member sees it, so say whose call it was. */}
            {message.ringGroup && <span className="voicemail-group"> · {groupLabel(message.ringGroup)}</span>}
          </span>
          <time className="voicemail-when" dateTime={message.receivedAt}>
            {formatRelative(language, new Date(message.receivedAt), now)}
          </time>
          <span className="voicemail-length">{formatClock(message.durationSeconds)}</span>
        </button>
      );
    },
    [newLabel, groupLabel, language, now, chosenId],
  );

  if (box.loading) return <LoadingRows label={t('voicemail.loading')} />;
  if (box.error && box.messages.length === 0)
    return (
      <LoadFailed
        error={box.error}
        offlineTitle={t('voicemail.offlineTitle')}
        offlineHint={t('voicemail.offlineHint')}
        onRetry={box.retry}
      />
    );
  if (box.messages.length === 0 && offline)
    return <EmptyState title={t('voicemail.offlineTitle')} hint={t('voicemail.offlineHint')} />;
  if (box.messages.length === 0)
    return <EmptyState title={t('voicemail.emptyTitle')} hint={t('voicemail.emptyHint')} />;

  const { unread } = box;
  return (
    <div className="voicemail">
      <div className="voicemail-list">
        <p className="voicemail-summary">
          {unread > 0 ? t('voicemail.unreadSummary', { count: unread }) : t('voicemail.allHeard')}
        </p>
        {offline && <VoicemailSyncBanner pending={box.sync?.pending.length ?? 0} />}
        {box.error && box.error.code !== 'offline' && <ErrorState error={box.error} onRetry={box.retry} />}
        <VirtualList
          items={box.messages}
          rowHeight={ROW_HEIGHT}
          label={t('voicemail.listLabel')}
          keyOf={idOf}
          renderRow={row}
          onEndReached={box.nextCursor !== null && !offline && !box.error ? box.loadMore : undefined}
          endThreshold={PAGE_SIZE / 2}
        />
      </div>
      {chosen ? (
        <VoicemailPlayer message={chosen} mark={box.mark} remove={box.remove} onCall={onCall} />
      ) : (
        <p className="voicemail-choose">{t('voicemail.choose')}</p>
      )}
    </div>
  );
}
