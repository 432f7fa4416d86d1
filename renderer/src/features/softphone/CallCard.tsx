import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../format';
import { Keypad } from './Keypad';
import { TransferNote, TransferredByNote } from './TransferNote';
import { TransferPanel } from './TransferPanel';
import type { CallActions, Consultation } from './use-call-actions';
import type { Call } from './use-calls';

export interface CallCardProps {
  call: Call;
  actions: CallActions;
  /** When the call was connected (ms), for its timer; undefined while it is not yet. */
  connectedAt: number | undefined;
  now: number;
  /** Set on the consultation call of an attended transfer in progress. */
  consultation: Consultation | null;
}

/** One call in progress: who, how long, and everything that can be done to it. */
export function CallCard({ call, actions, connectedAt, now, consultation }: CallCardProps) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<'none' | 'keypad' | 'transfer'>('none');
  const [tones, setTones] = useState('');
  const titleId = `call-${call.id}-title`;
  const connected = call.state === 'active' || call.state === 'held';
  const held = call.state === 'held';

  const status =
    call.state === 'dialing'
      ? t('softphone.call.dialing')
      : call.state === 'ringing'
        ? t('softphone.call.ringing')
        : held
          ? t('softphone.call.onHold')
          : call.remoteHold
            ? t('softphone.call.heldBy', { name: call.remoteName ?? call.remoteNumber })
            : formatClock(((now - (connectedAt ?? now)) / 1000) | 0);

  const toggle = (next: 'keypad' | 'transfer') => setPanel((current) => (current === next ? 'none' : next));
  const sendTone = (digit: string) => {
    setTones((sent) => (sent + digit).slice(-24));
    void actions.sendDtmf(call.id, digit);
  };

  return (
    <section className={`call-card${held || call.remoteHold ? ' held' : ''}`} aria-labelledby={titleId}>
      <div className="call-who">
        <h2 id={titleId}>{call.remoteName ?? call.remoteNumber}</h2>
        {call.remoteName && <span className="call-number">{call.remoteNumber}</span>}
        {call.transferredBy && <TransferredByNote by={call.transferredBy} />}
        <span className="call-status" role="timer" aria-label={t('softphone.call.status')}>
          {status}
        </span>
      </div>
      {call.transfer && <TransferNote transfer={call.transfer} />}
      {consultation && (
        <div className="call-actions">
          <button
            type="button"
            className="button primary"
            onClick={() => void actions.completeTransfer(consultation)}
          >
            {t('softphone.transfer.complete')}
          </button>
          <button type="button" className="button" onClick={() => void actions.cancelTransfer(consultation)}>
            {t('softphone.transfer.cancel')}
          </button>
        </div>
      )}
      {connected && (
        <div className="call-actions" role="group" aria-label={t('softphone.call.controls')}>
          <button
            type="button"
            className="button"
            aria-pressed={call.muted}
            disabled={held}
            onClick={() => void actions.mute(call.id, !call.muted)}
          >
            {t('softphone.call.mute')}
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={held}
            onClick={() => void (held ? actions.resume(call.id) : actions.hold(call.id))}
          >
            {held ? t('softphone.call.resume') : t('softphone.call.hold')}
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={panel === 'keypad'}
            disabled={held}
            onClick={() => toggle('keypad')}
          >
            {t('softphone.call.keypad')}
          </button>
          {!consultation && (
            <button
              type="button"
              className="button"
              aria-expanded={panel === 'transfer'}
              onClick={() => toggle('transfer')}
            >
              {t('softphone.transfer.title')}
            </button>
          )}
        </div>
      )}
      {panel === 'keypad' && !held && (
        <div
          className="dtmf"
          onKeyDown={(event) => {
            if (/^[0-9*#]$/.test(event.key)) {
              event.preventDefault();
              sendTone(event.key);
            }
          }}
        >
          <output className="dtmf-sent" aria-label={t('softphone.call.tonesSent')}>
            {tones}
          </output>
          <Keypad label={t('softphone.call.tones')} onKey={sendTone} />
        </div>
      )}
      {panel === 'transfer' && !consultation && (
        <TransferPanel
          onBlind={(target) => void actions.blindTransfer(call.id, target)}
          onConsult={(target) => {
            setPanel('none');
            void actions.consult(call.id, target);
          }}
        />
      )}
      {/* A consultation call ends with Cancel transfer, which also takes the held call back. */}
      {!consultation && (
        <button type="button" className="button danger hang-up" onClick={() => void actions.hangUp(call.id)}>
          {call.state === 'dialing' || call.state === 'ringing'
            ? t('softphone.call.cancel')
            : t('softphone.call.hangUp')}
        </button>
      )}
    </section>
  );
}
