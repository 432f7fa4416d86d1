import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TransferredByNote } from './TransferNote';
import type { CallActions } from './use-call-actions';
import type { Call } from './use-calls';

/**
 * A call ringing here. While another call is in progress it is call waiting: answering puts
 * the current call on hold. Otherwise Answer takes the focus, so Enter or Space answers.
 */
export function IncomingCallCard({
  call,
  actions,
  waiting,
}: {
  call: Call;
  actions: CallActions;
  waiting: boolean;
}) {
  const { t } = useTranslation();
  const answer = useRef<HTMLButtonElement>(null);
  const titleId = `incoming-${call.id}-title`;

  useEffect(() => {
    if (!waiting) answer.current?.focus();
  }, [waiting]);

  return (
    <section className="call-card incoming" aria-labelledby={titleId}>
      <div className="call-who">
        <span className="call-status">
          {waiting ? t('softphone.incoming.waiting') : t('softphone.incoming.title')}
        </span>
        <h2 id={titleId}>{call.remoteName ?? call.remoteNumber}</h2>
        {call.remoteName && <span className="call-number">{call.remoteNumber}</span>}
        {call.transferredBy && <TransferredByNote by={call.transferredBy} />}
      </div>
      <div className="call-actions">
        <button
          ref={answer}
          type="button"
          className="button call"
          onClick={() => void actions.answer(call.id)}
        >
          {waiting ? t('softphone.incoming.holdAndAnswer') : t('softphone.incoming.answer')}
        </button>
        <button type="button" className="button danger" onClick={() => void actions.decline(call.id)}>
          {t('softphone.incoming.decline')}
        </button>
      </div>
    </section>
  );
}
