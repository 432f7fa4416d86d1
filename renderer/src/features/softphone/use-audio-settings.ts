// The audio choices kept by main (devices and ringtone), current as they change anywhere.
import { useEffect, useState } from 'react';
import type { Settings } from '../../../../common/ipc/domains/settings';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';

export type AudioSettings = Pick<Settings, 'audio' | 'ringtone'>;

export type AudioSettingsView =
  { status: 'loading' } | { status: 'error'; error: IpcError } | { status: 'ready'; settings: AudioSettings };

export function useAudioSettings(): AudioSettingsView {
  const api = useApi();
  const [view, setView] = useState<AudioSettingsView>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    const unsubscribe = api.settings.onChanged(({ audio, ringtone }) =>
      setView({ status: 'ready', settings: { audio, ringtone } }),
    );
    void api.settings.get({}).then((result) => {
      if (!live) return;
      setView((current) =>
        current.status === 'ready'
          ? current
          : result.ok
            ? { status: 'ready', settings: { audio: result.value.audio, ringtone: result.value.ringtone } }
            : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);

  return view;
}
