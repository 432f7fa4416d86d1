import { useEffect } from 'react';
import type { Settings } from '../../../../common/ipc/domains/settings';
import { startRinging } from './ringtone';

/**
 * Rings while a call is ringing here: the chosen ringtone on the ringer device, or, during
 * another call, the call-waiting beep in the speaker the call uses.
 */
export function useRingtone(
  ringing: boolean,
  inCall: boolean,
  settings: Pick<Settings, 'audio' | 'ringtone'> | null,
): void {
  const ringtone = settings?.ringtone ?? 'classic';
  const ringer = settings?.audio.ringer ?? null;
  const speaker = settings?.audio.speaker ?? null;
  useEffect(() => {
    if (!ringing) return;
    if (inCall) return startRinging('waiting', speaker);
    if (ringtone === 'silent') return;
    return startRinging(ringtone, ringer);
  }, [ringing, inCall, ringtone, ringer, speaker]);
}
