import { useTranslation } from 'react-i18next';
import type { MusicFile } from '../../../../../common/api/music';
import { formatDuration } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { MusicFormDialog } from './MusicFormDialog';
import { MusicPreview } from './MusicPreview';

/** Music on hold: the files callers hear while held, the company's default among them. */
export function MusicPanel() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const admin = useAdminApi();
  const { add, actions } = useEditActions<MusicFile>({
    nameOf: (music) => music.name,
    form: (props) => <MusicFormDialog {...props} />,
    remove: (music) => admin.deleteMusic({ id: music.id }),
    deleteMessage: t('admin.music.deleteMessage'),
  });
  const setDefault = (musicId: string | null) => () => admin.setDefaultMusic({ body: { musicId } });
  return (
    <ResourcePanel
      title={t('admin.sections.music')}
      load={() => admin.listMusic({})}
      empty={{ text: t('admin.music.empty') }}
      add={{ label: t('admin.music.add'), dialog: add }}
      note={t('admin.music.note')}
      columns={[
        { header: t('admin.groups.name'), cell: (music) => music.name },
        { header: t('admin.music.length'), cell: (music) => formatDuration(language, music.durationSeconds) },
        { header: t('admin.music.listen'), cell: (music) => <MusicPreview music={music} /> },
        {
          header: t('admin.music.default'),
          cell: (music, panel) => (
            <button
              className="button"
              type="button"
              aria-pressed={music.isDefault}
              aria-label={t('admin.music.defaultNamed', { name: music.name })}
              onClick={() =>
                void panel.run(setDefault(music.isDefault ? null : music.id), () =>
                  music.isDefault
                    ? t('admin.music.noDefaultNow')
                    : t('admin.music.defaultNow', { name: music.name }),
                )
              }
            >
              {music.isDefault ? t('admin.music.isDefault') : t('admin.music.makeDefault')}
            </button>
          ),
        },
      ]}
      rowName={(music) => music.name}
      actions={actions}
    />
  );
}
