import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserGroup } from '../../../../../common/api/directory';
import { useAdminApi } from '../admin-api';
import { FormDialog, refused } from '../FormDialog';
import type { ResourceFormProps } from '../ResourcePanel';
import { useLoad } from '../use-load';

/** A user group: its name, description and the settings template its new members receive. */
export function UserGroupFormDialog({ item: group, onClose }: ResourceFormProps<UserGroup>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [templates] = useLoad(() => admin.listSettingsTemplates({}), 'templates');
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
          <div className="field">
            <label htmlFor="group-name">{t('admin.groups.name')}</label>
            <input
              id="group-name"
              type="text"
              required
              maxLength={80}
              value={name}
              aria-invalid={refused(error, 'name', 'name_taken')}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="group-description">{t('admin.groups.description')}</label>
            <textarea
              id="group-description"
              maxLength={500}
              rows={3}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="group-template">{t('admin.groups.template')}</label>
            <select
              id="group-template"
              value={templateId}
              onChange={(event) => setTemplateId(event.target.value)}
            >
              <option value="">{t('admin.userForm.none')}</option>
              {templates.status === 'ready' &&
                templates.value.items.map((template) => (
                  <option key={template.id} value={template.id}>
                    {template.name}
                  </option>
                ))}
            </select>
          </div>
        </>
      )}
    </FormDialog>
  );
}
