import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TargetField } from './TargetField';

export interface TransferPanelProps {
  /** Send the caller straight to the target. */
  onBlind: (target: string) => void;
  /** Hold the caller and call the target first. */
  onConsult: (target: string) => void;
}

/** Whom to transfer to (a number or a colleague), then how: now, or after a word with them. */
export function TransferPanel({ onBlind, onConsult }: TransferPanelProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);

  return (
    <div className="transfer-panel" role="group" aria-label={t('softphone.transfer.title')}>
      <TargetField
        label={t('softphone.transfer.target')}
        value={picked ?? text}
        onChange={(next) => {
          setPicked(null);
          setText(next);
        }}
        onSubmit={setPicked}
        onTargetChange={setTarget}
      />
      <div className="call-actions">
        <button type="button" className="button" disabled={!target} onClick={() => target && onBlind(target)}>
          {t('softphone.transfer.blind')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!target}
          onClick={() => target && onConsult(target)}
        >
          {t('softphone.transfer.consult')}
        </button>
      </div>
    </div>
  );
}
