import { useTranslation } from 'react-i18next';
import type { SettingsTemplate } from '../../../../../common/api/directory';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import type { PanelProps } from '../sections';
import { SettingsTemplateFormDialog } from './SettingsTemplateFormDialog';

/** Settings templates: extension preferences applied to a user when they are added. */
export function SettingsTemplatesPanel({ actor }: PanelProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const { add, actions, rowName } = useEditActions<SettingsTemplate>({
    nameOf: (template) => template.name,
    form: (props) => <SettingsTemplateFormDialog {...props} actorRole={actor.role} />,
    remove: (template) => admin.deleteSettingsTemplate({ id: template.id }),
    deleteMessage: t('admin.templates.deleteMessage'),
  });
  return (
    <ResourcePanel
      title={t('admin.sections.settingsTemplates')}
      load={() => admin.listSettingsTemplates({})}
      empty={{ text: t('admin.templates.empty') }}
      add={{ label: t('admin.templates.add'), dialog: add }}
      columns={[
        { header: t('admin.groups.name'), cell: (template) => template.name },
        { header: t('admin.groups.description'), cell: (template) => template.description || '—' },
      ]}
      rowName={rowName}
      actions={actions}
    />
  );
}
