import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../../common/api/primitives';
import type { CreatedUser, UserSummary } from '../../../../../common/api/users';
import { useAdminApi } from '../admin-api';
import { FormDialog, refused } from '../FormDialog';
import { useLoad } from '../use-load';
import { roleKey } from './role-key';

export interface UserFormProps {
  /** The user to edit; absent to create one. */
  user?: UserSummary;
  actorRole: Role;
  onClose: (saved: CreatedUser | UserSummary | null) => void;
}

const ROLES: Role[] = ['user', 'admin', 'superadmin'];

/** Create a user (with settings template, user group and welcome mail) or edit one. */
export function UserFormDialog({ user, actorRole, onClose }: UserFormProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [groups] = useLoad(() => admin.listUserGroups({}), 'groups');
  const [templates] = useLoad(() => admin.listSettingsTemplates({}), 'templates');
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [extension, setExtension] = useState(user?.extension ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'user');
  const [groupId, setGroupId] = useState(user?.userGroupId ?? '');
  const [templateId, setTemplateId] = useState('');
  const [sendWelcome, setSendWelcome] = useState(true);
  const save = () => {
    const common = {
      name: name.trim(),
      email: email.trim(),
      ...(extension.trim() && { extension: extension.trim() }),
    };
    if (user)
      return admin.updateUser({
        id: user.id,
        body: {
          ...common,
          ...(role !== user.role && { role }),
          ...(groupId !== (user.userGroupId ?? '') && { userGroupId: groupId || null }),
        },
      });
    return admin.createUser({
      body: {
        ...common,
        role,
        ...(groupId && { userGroupId: groupId }),
        ...(templateId && { settingsTemplateId: templateId }),
        sendWelcomeEmail: sendWelcome,
      },
    });
  };

  return (
    <FormDialog<CreatedUser | UserSummary>
      title={user ? t('admin.userForm.editTitle', { name: user.name }) : t('admin.userForm.createTitle')}
      submitLabel={user ? t('admin.common.save') : t('admin.userForm.create')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <div className="field">
            <label htmlFor="user-name">{t('admin.userForm.name')}</label>
            <input
              id="user-name"
              type="text"
              required
              maxLength={120}
              value={name}
              aria-invalid={refused(error, 'name')}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="user-email">{t('admin.userForm.email')}</label>
            <input
              id="user-email"
              type="email"
              required
              maxLength={254}
              value={email}
              aria-invalid={refused(error, 'email', 'email_taken')}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="user-extension">{t('admin.userForm.extension')}</label>
            <input
              id="user-extension"
              type="text"
              inputMode="numeric"
              pattern="[0-9]{2,8}"
              maxLength={8}
              required={user?.extension !== undefined && user.extension !== null}
              value={extension}
              aria-describedby="user-extension-hint"
              aria-invalid={refused(error, 'extension', 'extension_taken', 'extension_invalid')}
              onChange={(event) => setExtension(event.target.value)}
            />
            {!user && (
              <p id="user-extension-hint" className="hint">
                {t('admin.userForm.extensionHint')}
              </p>
            )}
          </div>
          {actorRole === 'superadmin' && (
            <div className="field">
              <label htmlFor="user-role">{t('admin.userForm.role')}</label>
              <select id="user-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
                {ROLES.map((option) => (
                  <option key={option} value={option}>
                    {t(roleKey(option))}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="user-group">{t('admin.userForm.group')}</label>
            <select id="user-group" value={groupId} onChange={(event) => setGroupId(event.target.value)}>
              <option value="">{t('admin.userForm.none')}</option>
              {groups.status === 'ready' &&
                groups.value.items.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
            </select>
          </div>
          {!user && (
            <>
              <div className="field">
                <label htmlFor="user-template">{t('admin.userForm.template')}</label>
                <select
                  id="user-template"
                  value={templateId}
                  onChange={(event) => setTemplateId(event.target.value)}
                >
                  <option value="">{t('admin.userForm.groupTemplate')}</option>
                  {templates.status === 'ready' &&
                    templates.value.items.map((template) => (
                      <option key={template.id} value={template.id}>
                        {template.name}
                      </option>
                    ))}
                </select>
              </div>
              <label className="check">
                <input
                  type="checkbox"
                  checked={sendWelcome}
                  onChange={(event) => setSendWelcome(event.target.checked)}
                />
                {t('admin.userForm.sendWelcome')}
              </label>
            </>
          )}
        </>
      )}
    </FormDialog>
  );
}
