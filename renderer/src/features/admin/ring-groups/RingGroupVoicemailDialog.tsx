// A ring group's shared voicemail box in the console: whether it opens from a phone (its PIN),
// its greeting and its PIN, set with the same forms a person sets their own box with.
import { useTranslation } from 'react-i18next';
import type { RingGroup } from '../../../../../common/api/ring-groups';
import { useApi } from '../../../app/api-context';
import { useIpc } from '../../../app/use-ipc';
import { Dialog } from '../../../ui/Dialog';
import { LoadFailed, LoadingRows } from '../../../ui/ScreenStates';
import { ringGroupVoicemailBox } from '../../preferences/voicemail/box-api';
import { GreetingForm } from '../../preferences/voicemail/GreetingForm';
import { PinForm } from '../../preferences/voicemail/PinForm';
import '../../preferences/voicemail/voicemail-settings.css';

export function RingGroupVoicemailDialog({ group, onClose }: { group: RingGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const box = ringGroupVoicemailBox(api, group.id);
  const [state, reload] = useIpc(
    () => api.admin.ringGroupVoicemail({ id: group.id }),
    `ring-group-voicemail:${group.id}`,
  );
  return (
    <Dialog title={t('admin.ringGroups.box.title', { name: group.name })} onClose={onClose}>
      <p>{t('admin.ringGroups.box.intro', { extension: group.extension })}</p>
      {state.status === 'loading' && (
        <LoadingRows label={t('admin.ringGroups.box.greetingLoading')} rows={1} />
      )}
      {state.status === 'error' && (
        <LoadFailed
          error={state.error}
          offlineTitle={t('preferences.voicemailOfflineTitle')}
          offlineHint={t('preferences.voicemailOfflineHint')}
          onRetry={reload}
        />
      )}
      {state.status === 'ready' && (
        <p role="status">
          {state.value.hasPin ? t('admin.ringGroups.box.hasPin') : t('admin.ringGroups.box.noPin')}
        </p>
      )}
      <div className="voicemail-settings stack">
        <GreetingForm box={box} />
        <PinForm extension={group.extension} box={box} onSaved={reload} />
      </div>
      <div className="dialog-actions">
        <button className="button" type="button" onClick={onClose}>
          {t('admin.common.close')}
        </button>
      </div>
    </Dialog>
  );
}
