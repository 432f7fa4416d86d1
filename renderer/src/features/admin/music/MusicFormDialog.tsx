// Uploads a music-on-hold file (WAV or MP3, checked here for what can be told without playing
// it, then by the office), or renames one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MUSIC_MAX_BYTES, MUSIC_MAX_SECONDS, type MusicFile } from '../../../../../common/api/music';
import type { IpcResult } from '../../../../../common/ipc/result';
import { formatMegabytes } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { AudioFileField } from '../../../ui/AudioFileField';
import { FormDialog } from '../../../ui/FormDialog';
import { greetingType, uploadInParts } from '../../preferences/voicemail/greeting-file';
import { useAdminApi } from '../admin-api';
import { NameField } from '../NameFields';
import type { ResourceFormProps } from '../panel-actions';

export function MusicFormDialog({ item: music, onClose }: ResourceFormProps<MusicFile>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const admin = useAdminApi();
  const [name, setName] = useState(music?.name ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = (chosen: File | undefined) => {
    setProblem(null);
    setFile(null);
    if (!chosen) return;
    if (!greetingType(chosen)) return setProblem(t('admin.music.wrongType'));
    if (chosen.size > MUSIC_MAX_BYTES)
      return setProblem(
        t('admin.music.tooBig', {
          size: formatMegabytes(language, chosen.size),
          limit: formatMegabytes(language, MUSIC_MAX_BYTES),
        }),
      );
    setFile(chosen);
    if (!name.trim()) setName(chosen.name.replace(/\.(wav|mp3)$/i, ''));
  };

  const save = async (): Promise<IpcResult<MusicFile | null>> => {
    if (music) return admin.renameMusic({ id: music.id, body: { name: name.trim() } });
    const type = greetingType(file!)!;
    return uploadInParts(file!, (part) => admin.uploadMusic({ name: name.trim(), type, ...part }));
  };

  return (
    <FormDialog
      title={music ? t('admin.common.editNamed', { name: music.name }) : t('admin.music.add')}
      submitLabel={music ? t('admin.common.save') : t('admin.music.upload')}
      save={save}
      ready={music !== undefined || file !== null}
      onSaved={(saved) => onClose(saved)}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <NameField id="music-name" value={name} error={error} onChange={setName} />
          {!music && (
            <AudioFileField
              label={t('admin.music.file')}
              limits={(values) => t('admin.music.limits', values)}
              maxBytes={MUSIC_MAX_BYTES}
              maxSeconds={MUSIC_MAX_SECONDS}
              onPick={pick}
              problem={problem}
            >
              {file && <p className="hint">{file.name}</p>}
            </AudioFileField>
          )}
        </>
      )}
    </FormDialog>
  );
}
