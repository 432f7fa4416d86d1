import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoicemailMessage } from '../../../../common/api/voicemail';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { formatDateTime, formatDuration, formatNumber } from '../../format';
import type { Language } from '../../i18n/languages';
import { errorMessageKey } from '../../ui/error-message';
import { SelectField } from '../../ui/Field';
import { Skeleton } from '../../ui/ScreenStates';
import { ConfirmDialog } from '../../ui/FormDialog';
import { dialTarget } from '../softphone/dial-number';
import { useRecording } from './use-recording';

const SPEEDS = [0.75, 1, 1.25, 1.5, 2];

const EXTENSIONS: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
};

interface VoicemailPlayerProps {
  message: VoicemailMessage;
  mark: (id: string, read: boolean) => Promise<IpcResult<null>>;
  remove: (id: string) => Promise<IpcResult<null>>;
  /** Calls the caller back through the softphone. */
  onCall: (target: string) => void;
}

/** One message: play (seek, speed), download, call back, mark read or unread, delete. */
export function VoicemailPlayer({ message, mark, remove, onCall }: VoicemailPlayerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [recording, retry] = useRecording(message.id);
  const [speed, setSpeed] = useState(1);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<IpcError | null>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const caller = message.callerName ?? message.callerNumber;
  // An anonymous caller's "number" is not one to call.
  const callBackTarget = dialTarget(message.callerNumber);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed, recording]);

  useEffect(() => setActionError(null), [message.id]);

  const act = async (action: Promise<IpcResult<null>>) => {
    const result = await action;
    setActionError(result.ok ? null : result.error);
  };

  let player;
  if (recording.state === 'ready')
    player = (
      <>
        <audio
          ref={audio}
          className="voicemail-audio"
          controls
          src={recording.url}
          aria-label={t('voicemail.recordingOf', { caller })}
          onPlay={() => {
            // Offline too: main queues the change and sends it when the office is back.
            if (!message.read) void act(mark(message.id, true));
          }}
        />
        <div className="voicemail-controls">
          <SelectField
            id="voicemail-speed"
            label={t('voicemail.speed')}
            value={String(speed)}
            onChange={(value) => setSpeed(Number(value))}
          >
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {t('voicemail.speedValue', { speed: formatNumber(language, value) })}
              </option>
            ))}
          </SelectField>
          <a
            className="button"
            href={recording.url}
            download={`voicemail-${message.callerNumber}-${message.receivedAt.slice(0, 10)}.${EXTENSIONS[recording.type] ?? 'audio'}`}
          >
            {t('voicemail.download')}
          </a>
        </div>
      </>
    );
  else if (recording.state === 'failed')
    player = (
      <div className="voicemail-unavailable" role="alert">
        <p>
          {recording.error.code === 'offline'
            ? t('voicemail.notAvailableOffline')
            : t(errorMessageKey(recording.error))}
        </p>
        <button className="button" type="button" onClick={retry}>
          {t('screen.retry')}
        </button>
      </div>
    );
  else player = <Skeleton className="voicemail-audio-skeleton" label={t('voicemail.loadingRecording')} />;

  return (
    <section className="voicemail-player" aria-labelledby="voicemail-player-title">
      <h2 id="voicemail-player-title">{caller}</h2>
      <p className="voicemail-meta">
        {message.callerName ? `${message.callerNumber} · ` : ''}
        {formatDateTime(language, new Date(message.receivedAt))} ·{' '}
        {formatDuration(language, message.durationSeconds)}
      </p>
      {player}
      <div className="voicemail-actions">
        {callBackTarget && (
          <button className="button" type="button" onClick={() => onCall(callBackTarget)}>
            {t('voicemail.callBack')}
          </button>
        )}
        <button className="button" type="button" onClick={() => void act(mark(message.id, !message.read))}>
          {message.read ? t('voicemail.markUnread') : t('voicemail.markRead')}
        </button>
        <button className="button" type="button" onClick={() => setConfirming(true)}>
          {t('voicemail.delete')}
        </button>
      </div>
      {actionError && (
        <p className="alert" role="alert">
          {t(errorMessageKey(actionError))}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('voicemail.deleteTitle')}
          message={t('voicemail.deleteBody', { caller })}
          confirmLabel={t('voicemail.deleteConfirm')}
          danger
          action={() => remove(message.id)}
          onCancel={() => setConfirming(false)}
          onDone={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
