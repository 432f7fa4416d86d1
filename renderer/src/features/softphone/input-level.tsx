// The microphone's level, from whatever measures it (the media engine): the softphone only
// listens. Without a provider there is nothing to show and the meter is not drawn.
import { createContext, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface InputLevelSource {
  /** Calls `listener` with each new level, 0 (silence) to 1 (full scale); returns the unsubscribe. */
  subscribe(listener: (level: number) => void): () => void;
}

export const InputLevelContext = createContext<InputLevelSource | null>(null);

/** The microphone level meter; nothing when no level source is provided. */
export function MicLevel() {
  const { t } = useTranslation();
  const source = useContext(InputLevelContext);
  const [level, setLevel] = useState(0);

  useEffect(
    () => source?.subscribe((next) => setLevel(Math.min(1, Math.max(0, Number.isFinite(next) ? next : 0)))),
    [source],
  );

  if (!source) return null;
  return (
    <div className="mic-level">
      <span id="mic-level-label">{t('softphone.micLevel')}</span>
      <meter
        aria-labelledby="mic-level-label"
        min={0}
        max={1}
        low={0.1}
        high={0.9}
        optimum={0.5}
        value={level}
      />
    </div>
  );
}
