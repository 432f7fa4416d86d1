import { useTranslation } from 'react-i18next';
import { useIpc } from '../../../app/use-ipc';
import { SelectField } from '../../../ui/Field';
import { useAdminApi } from '../admin-api';
import { LoadedOptions } from '../LoadedOptions';

export interface OwnMusicSelectProps {
  id: string;
  /** The chosen file's id; '' for the company's default. */
  value: string;
  invalid?: boolean;
  onChange: (musicId: string) => void;
}

/** A ring group's or receptionist's own music on hold: one of the office's files, or the company's default. */
export function OwnMusicSelect({ id, value, invalid, onChange }: OwnMusicSelectProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [music] = useIpc(() => admin.listMusic({}), 'music');
  return (
    <SelectField
      id={id}
      label={t('admin.ringGroups.music')}
      value={value}
      invalid={invalid}
      onChange={onChange}
    >
      <option value="">{t('admin.ringGroups.musicDefault')}</option>
      <LoadedOptions list={music} />
    </SelectField>
  );
}
