import { useTranslation } from 'react-i18next';
import { useAdminApi } from '../admin-api';
import { ResourcePanel } from '../ResourcePanel';
import { UserGroupFormDialog } from './UserGroupFormDialog';

/** User groups: a new member of a group receives the group's settings template. */
export function UserGroupsPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  return (
    <ResourcePanel
      title={t('admin.sections.groups')}
      addLabel={t('admin.groups.add')}
      empty={t('admin.groups.empty')}
      deleteMessage={t('admin.groups.deleteMessage')}
      load={() => admin.listUserGroups({})}
      nameOf={(group) => group.name}
      columns={[
        { header: t('admin.groups.name'), cell: (group) => group.name },
        { header: t('admin.groups.description'), cell: (group) => group.description || '—' },
      ]}
      form={(props) => <UserGroupFormDialog {...props} />}
      remove={(group) => admin.deleteUserGroup({ id: group.id })}
    />
  );
}
