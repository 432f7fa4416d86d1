// A menu's recorded greeting: a WAV or MP3 file the admin picks, checked here for what can be
// told without playing it, then sent through main in parts to the office, which checks the audio
// (its refusal is said here) and keeps how long it plays. A menu the office does not have yet
// (a new receptionist, a new or renamed menu) gets its recording once saved.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GREETING_MAX_BYTES, GREETING_MAX_SECONDS } from '../../../../../common/api/voicemail';
import type { Receptionist } from '../../../../../common/api/receptionists';
import type { IpcError } from '../../../../../common/ipc/result';
import { formatDuration } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { AudioFileField } from '../../../ui/AudioFileField';
import { FormError } from '../../../ui/FormError';
import { useAdminApi } from '../admin-api';
import {
  fileProblemWords,
  greetingRefusalKey,
  greetingType,
  uploadInParts,
} from '../../preferences/voicemail/greeting-file';

export interface MenuRecordingProps {
  /** The receptionist as the office keeps it; null while it is being added. */
  saved: Receptionist | null;
  menuId: string;
  /** The office kept the recording: the receptionist as it is now. */
  onUploaded: (receptionist: Receptionist) => void;
}

export function MenuRecording({ saved, menuId, onUploaded }: MenuRecordingProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const admin = useAdminApi();
  const [busy, setBusy] = useState(false);
  // What is wrong with the file, said before anything is sent; or the office's refusal.
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<IpcError | null>(null);

  if (!saved?.menus.some((menu) => menu.id === menuId))
    return <p className="hint">{t('admin.receptionists.form.recordingSaveFirst')}</p>;
  const { id } = saved;
  const seconds = saved.greetingLengths.find((length) => length.menu === menuId)?.seconds;

  const pick = async (file: File | undefined) => {
    setProblem(null);
    setRefusal(null);
    if (!file) return;
    const wrong = fileProblemWords(file, t, language);
    if (wrong) return setProblem(wrong);
    const type = greetingType(file)!;
    setBusy(true);
    const answer = await uploadInParts(file, (part) =>
      admin.uploadMenuGreeting({ id, menuId, type, ...part }),
    );
    setBusy(false);
    if (!answer.ok) return setRefusal(answer.error);
    if (answer.value) onUploaded(answer.value);
  };

  return (
    <AudioFileField
      label={t('admin.receptionists.form.recordingFile')}
      limits={(values) => t('preferences.greeting.limits', values)}
      maxBytes={GREETING_MAX_BYTES}
      maxSeconds={GREETING_MAX_SECONDS}
      onPick={(file) => void pick(file)}
      problem={problem}
      disabled={busy}
    >
      <p role="status">
        {busy
          ? t('admin.receptionists.form.recordingUploading')
          : seconds !== undefined
            ? t('admin.receptionists.form.recordingKept', { length: formatDuration(language, seconds) })
            : saved.uploadedGreetings.includes(menuId)
              ? t('admin.receptionists.form.recordingKeptNoLength')
              : t('admin.receptionists.form.recordingNone')}
      </p>
      <FormError error={refusal} wording={greetingRefusalKey} />
    </AudioFileField>
  );
}
