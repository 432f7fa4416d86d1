import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../../../common/api/conferences';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { ConferenceFormDialog } from './ConferenceFormDialog';

/** The office's conference bridges: the extension each answers on, its PINs (set or not) and size. */
export function ConferencesPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const { add, actions } = useEditActions<Conference>({
    nameOf: (bridge) => bridge.name,
    form: (props) => <ConferenceFormDialog {...props} />,
    remove: (bridge) => admin.deleteConference({ id: bridge.id }),
    deleteMessage: t('admin.conferences.deleteMessage'),
  });
  const setOrNot = (set: boolean) => (set ? t('admin.conferences.pinSet') : t('admin.conferences.pinNone'));
  return (
    <ResourcePanel
      title={t('admin.sections.conferences')}
      load={() => admin.listConferences({})}
      empty={{ text: t('admin.conferences.empty') }}
      add={{ label: t('admin.conferences.add'), dialog: add }}
      columns={[
        { header: t('admin.groups.name'), cell: (bridge) => bridge.name },
        { header: t('admin.conferences.extension'), cell: (bridge) => bridge.extension },
        { header: t('admin.conferences.pin'), cell: (bridge) => setOrNot(bridge.hasPin) },
        { header: t('admin.conferences.moderatorPin'), cell: (bridge) => setOrNot(bridge.hasModeratorPin) },
        {
          header: t('admin.conferences.endWithModerator'),
          cell: (bridge) => (bridge.endWithModerator ? t('admin.common.on') : t('admin.common.off')),
        },
        { header: t('admin.conferences.maxParticipants'), cell: (bridge) => String(bridge.maxParticipants) },
      ]}
      rowName={(bridge) => bridge.name}
      actions={actions}
    />
  );
}
