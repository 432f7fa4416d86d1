import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserGroup } from '../../../../../common/api/directory';
import { useIpc } from '../../../app/use-ipc';
import { SelectField } from '../../../ui/Field';
import { FormDialog } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { LoadedOptions } from '../LoadedOptions';
import { DescriptionField, NameField } from '../NameFields';
import type { ResourceFormProps } from '../panel-actions';

/** A user group: its name, description and the settings template its new members receive. */
export function UserGroupFormDialog({ item: group, onClose }: ResourceFormProps<UserGroup>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [templates] = useIpc(() => admin.listSettingsTemplates({}), 'templates');
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [templateId, setTemplateId] = useState(group?.settingsTemplateId ?? '');

  const save = () => {
    const body = {
      name: name.trim(),
      description: description.trim(),
      settingsTemplateId: templateId || null,
    };
    return group ? admin.updateUserGroup({ id: group.id, body }) : admin.createUserGroup({ body });
  };

  return (
    <FormDialog
      title={group ? t('admin.common.editNamed', { name: group.name }) : t('admin.groups.add')}
      submitLabel={group ? t('admin.common.save') : t('admin.groups.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <NameField id="group-name" value={name} error={error} onChange={setName} />
          <DescriptionField id="group-description" rows={3} value={description} onChange={setDescription} />
          <SelectField
            id="group-template"
            label={t('admin.groups.template')}
            value={templateId}
            onChange={setTemplateId}
          >
            <option value="">{t('admin.userForm.none')}</option>
            <LoadedOptions list={templates} />
          </SelectField>
        </>
      )}
    </FormDialog>
  );
}
