import { useTranslation } from 'react-i18next';
import type { UserGroup } from '../../../../../common/api/directory';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { UserGroupFormDialog } from './UserGroupFormDialog';

/** User groups: a new member of a group receives the group's settings template. */
export function UserGroupsPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const { add, actions, rowName } = useEditActions<UserGroup>({
    nameOf: (group) => group.name,
    form: (props) => <UserGroupFormDialog {...props} />,
    remove: (group) => admin.deleteUserGroup({ id: group.id }),
    deleteMessage: t('admin.groups.deleteMessage'),
  });
  return (
    <ResourcePanel
      title={t('admin.sections.groups')}
      load={() => admin.listUserGroups({})}
      empty={{ text: t('admin.groups.empty') }}
      add={{ label: t('admin.groups.add'), dialog: add }}
      columns={[
        { header: t('admin.groups.name'), cell: (group) => group.name },
        { header: t('admin.groups.description'), cell: (group) => group.description || '—' },
      ]}
      rowName={rowName}
      actions={actions}
    />
  );
}
