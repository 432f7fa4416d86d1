import { useTranslation } from 'react-i18next';
import { useAdminApi } from '../admin-api';
import { ResourcePanel } from '../ResourcePanel';
import { SettingsTemplateFormDialog } from './SettingsTemplateFormDialog';

/** Settings templates: extension preferences applied to a user when they are added. */
export function SettingsTemplatesPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  return (
    <ResourcePanel
      title={t('admin.sections.settingsTemplates')}
      addLabel={t('admin.templates.add')}
      empty={t('admin.templates.empty')}
      deleteMessage={t('admin.templates.deleteMessage')}
      load={() => admin.listSettingsTemplates({})}
      nameOf={(template) => template.name}
      columns={[
        { header: t('admin.groups.name'), cell: (template) => template.name },
        { header: t('admin.groups.description'), cell: (template) => template.description || '—' },
      ]}
      form={(props) => <SettingsTemplateFormDialog {...props} />}
      remove={(template) => admin.deleteSettingsTemplate({ id: template.id })}
    />
  );
}
