import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioDevices, Settings } from '../../../../common/ipc/domains/settings';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import type { IpcState } from '../../app/use-ipc';
import { errorMessageKey } from '../../ui/error-message';
import { SelectField } from '../../ui/Field';
import { LoadingRows } from '../../ui/ScreenStates';
import { useMediaDevices, type AudioDevice } from './use-media-devices';

const RINGTONES: Record<Settings['ringtone'], string> = {
  classic: 'softphone.audio.ringtones.classic',
  soft: 'softphone.audio.ringtones.soft',
  digital: 'softphone.audio.ringtones.digital',
  silent: 'softphone.audio.ringtones.silent',
};

interface DevicePickerProps {
  label: string;
  devices: AudioDevice[];
  chosen: string | null;
  fallbackName: (index: number) => string;
  onChoose: (id: string | null) => void;
}

function DevicePicker({ label, devices, chosen, fallbackName, onChoose }: DevicePickerProps) {
  const { t } = useTranslation();
  const id = useId();
  // A remembered device that is unplugged now stays listed, so the choice is visible, not lost.
  const missing = chosen !== null && !devices.some((device) => device.id === chosen);
  return (
    <SelectField id={id} label={label} value={chosen ?? ''} onChange={(value) => onChoose(value || null)}>
      <option value="">{t('softphone.audio.systemDefault')}</option>
      {devices.map((device, index) => (
        <option key={device.id} value={device.id}>
          {device.label || fallbackName(index + 1)}
        </option>
      ))}
      {missing && <option value={chosen}>{t('softphone.audio.unplugged')}</option>}
    </SelectField>
  );
}

/**
 * Ringtone, microphone, speaker and ringer. Choices apply at once, also during a call: main
 * keeps them and tells the media engine.
 */
export function AudioPanel({ settings }: { settings: IpcState<Settings> }) {
  const { t } = useTranslation();
  const api = useApi();
  const devices = useMediaDevices();
  const ringtoneId = useId();
  const [saveError, setSaveError] = useState<IpcError | null>(null);
  const save = async (request: Promise<IpcResult<unknown>>) => {
    const result = await request;
    setSaveError(result.ok ? null : result.error);
  };

  if (settings.status === 'loading')
    return <LoadingRows label={t('softphone.audio.loading')} rows={2} className="stack" />;
  if (settings.status === 'error')
    return (
      <p className="alert" role="alert">
        {t(errorMessageKey(settings.error))}
      </p>
    );

  const { audio, ringtone } = settings.value;
  const choose = (choice: Partial<AudioDevices>) => void save(api.audio.chooseDevices(choice));
  const inputs = devices.status === 'ready' ? devices.inputs : [];
  const outputs = devices.status === 'ready' ? devices.outputs : [];

  return (
    <div className="audio-panel">
      {saveError && (
        <p className="alert" role="alert">
          {t('softphone.audio.notSaved')} {t(errorMessageKey(saveError))}
        </p>
      )}
      <SelectField
        id={ringtoneId}
        label={t('softphone.audio.ringtone')}
        value={ringtone}
        onChange={(chosen) => void save(api.settings.update({ ringtone: chosen }))}
      >
        {Object.entries(RINGTONES).map(([kind, key]) => (
          <option key={kind} value={kind}>
            {t(key)}
          </option>
        ))}
      </SelectField>
      <DevicePicker
        label={t('softphone.audio.microphone')}
        devices={inputs}
        chosen={audio.microphone}
        fallbackName={(index) => t('softphone.audio.microphoneNumber', { index })}
        onChoose={(microphone) => choose({ microphone })}
      />
      <DevicePicker
        label={t('softphone.audio.speaker')}
        devices={outputs}
        chosen={audio.speaker}
        fallbackName={(index) => t('softphone.audio.speakerNumber', { index })}
        onChoose={(speaker) => choose({ speaker })}
      />
      <DevicePicker
        label={t('softphone.audio.ringer')}
        devices={outputs}
        chosen={audio.ringer}
        fallbackName={(index) => t('softphone.audio.speakerNumber', { index })}
        onChoose={(ringer) => choose({ ringer })}
      />
      {devices.status === 'unsupported' && <p className="hint">{t('softphone.audio.noDeviceList')}</p>}
    </div>
  );
}
