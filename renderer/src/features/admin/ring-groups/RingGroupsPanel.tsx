import { useTranslation } from 'react-i18next';
import type { RingGroup } from '../../../../../common/api/ring-groups';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { RingGroupFormDialog } from './RingGroupFormDialog';
import { RingGroupVoicemailDialog } from './RingGroupVoicemailDialog';
import { routeKey } from '../numbers/route-key';
import { strategyKey } from './ring-group-keys';

/** The office's ring groups: the extension each answers on, whom it rings and how. */
export function RingGroupsPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const { add, actions } = useEditActions<RingGroup>({
    nameOf: (group) => group.name,
    form: (props) => <RingGroupFormDialog {...props} />,
    remove: (group) => admin.deleteRingGroup({ id: group.id }),
    deleteMessage: t('admin.ringGroups.deleteMessage'),
  });
  return (
    <ResourcePanel
      title={t('admin.sections.ringGroups')}
      load={() => admin.listRingGroups({})}
      empty={{ text: t('admin.ringGroups.empty') }}
      add={{ label: t('admin.ringGroups.add'), dialog: add }}
      columns={[
        { header: t('admin.groups.name'), cell: (group) => group.name },
        { header: t('admin.ringGroups.extension'), cell: (group) => group.extension },
        { header: t('admin.ringGroups.strategy'), cell: (group) => t(strategyKey(group.strategy)) },
        {
          header: t('admin.ringGroups.members'),
          cell: (group) => group.members.map((member) => member.name).join(', ') || '—',
        },
        {
          header: t('admin.ringGroups.overflow'),
          cell: (group) =>
            group.overflowType === 'voicemail'
              ? t('admin.ringGroups.overflowVoicemail')
              : `${t(routeKey(group.overflowType))} ${group.overflowTarget ?? ''}`.trim(),
        },
      ]}
      rowName={(group) => group.name}
      actions={[
        ...actions,
        {
          label: t('admin.ringGroups.box.action'),
          dialog: (group) => (control) => (
            <RingGroupVoicemailDialog group={group} onClose={() => control.close(null)} />
          ),
        },
      ]}
    />
  );
}
