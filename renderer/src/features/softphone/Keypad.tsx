import { useTranslation } from 'react-i18next';
import { KEYPAD } from './dial-number';

/** The twelve telephone keys with their letters; used to dial and to send tones in a call. */
export function Keypad({ onKey, label }: { onKey: (digit: string) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={label}>
      {KEYPAD.map(({ digit, letters }) => (
        <button
          key={digit}
          type="button"
          className="key"
          // A digit's name is its own text (the letters are decoration): a name that differed
          // from what the key shows would trip up voice control. * and # are named in words.
          aria-label={
            digit === '*' ? t('softphone.keys.star') : digit === '#' ? t('softphone.keys.hash') : undefined
          }
          onClick={() => onKey(digit)}
        >
          <span className="key-digit" aria-hidden={digit === '*' || digit === '#' ? true : undefined}>
            {digit}
          </span>
          <span className="key-letters" aria-hidden="true">
            {letters}
          </span>
        </button>
      ))}
    </div>
  );
}
