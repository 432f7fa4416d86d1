import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Keypad } from './Keypad';
import { TargetField } from './TargetField';

/** The number field with colleague search, the keypad, delete and call. */
export function Dialer({ onDial, disabled }: { onDial: (target: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const dial = (target: string) => {
    if (disabled) return;
    onDial(target);
    setText('');
  };
  // The keys type into the field and leave the focus there, so typing can carry on.
  const type = (next: string) => {
    setText(next);
    input.current?.focus();
  };

  return (
    <section className="dialer" aria-label={t('softphone.dialer')}>
      <TargetField
        ref={input}
        label={t('softphone.search.label')}
        value={text}
        onChange={setText}
        onSubmit={dial}
        onTargetChange={setTarget}
      />
      <Keypad label={t('softphone.keypad')} onKey={(digit) => type(text + digit)} />
      <div className="dialer-actions">
        <button
          type="button"
          className="button"
          aria-label={t('softphone.deleteDigit')}
          disabled={text.length === 0}
          onClick={() => type(text.slice(0, -1))}
        >
          ⌫
        </button>
        <button
          type="button"
          className="button call"
          disabled={disabled || target === null}
          onClick={() => target && dial(target)}
        >
          {t('softphone.dial')}
        </button>
      </div>
    </section>
  );
}
