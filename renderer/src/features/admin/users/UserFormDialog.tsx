import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayGrantOutbound } from '../../../../../common/api/authority';
import type { OutboundCalls } from '../../../../../common/api/preferences';
import type { Role } from '../../../../../common/api/primitives';
import { CreateUserRequest, type CreatedUser, type UserSummary } from '../../../../../common/api/users';
import { useIpc } from '../../../app/use-ipc';
import { CheckField, SelectField, TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { LanguageField } from '../../../ui/LocaleFields';
import type { Language } from '../../../i18n/languages';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';
import { LoadedOptions } from '../LoadedOptions';
import { OUTBOUND_CHOICES } from '../outbound-choices';
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
  const [groups] = useIpc(() => admin.listUserGroups({}), 'groups');
  const [templates] = useIpc(() => admin.listSettingsTemplates({}), 'templates');
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [extension, setExtension] = useState(user?.extension ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'user');
  const [groupId, setGroupId] = useState(user?.userGroupId ?? '');
  const [templateId, setTemplateId] = useState('');
  const [sendWelcome, setSendWelcome] = useState(true);
  // Null for a new user (their template sets it) or one without an extension (no calls at all).
  const [outbound, setOutbound] = useState<OutboundCalls | null>(user?.outboundCalls ?? null);
  // A new user's mail language: the company's until the admin picks another (an edit asks nothing).
  const [companyLanguage] = useIpc<Language | null>(async () => {
    if (user) return { ok: true, value: null };
    const company = await admin.company({});
    return company.ok ? { ok: true, value: company.value.language } : company;
  }, 'company-language');
  const [chosenLanguage, setLanguage] = useState<Language | null>(null);
  const language = chosenLanguage ?? (companyLanguage.status === 'ready' ? companyLanguage.value : null);
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
          ...(outbound !== null && outbound !== user.outboundCalls && { outboundCalls: outbound }),
        },
      });
    return admin.createUser({
      body: {
        ...common,
        role,
        ...(groupId && { userGroupId: groupId }),
        ...(templateId && { settingsTemplateId: templateId }),
        sendWelcomeEmail: sendWelcome,
        ...(language && { language }),
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
          <TextField
            id="user-name"
            label={t('admin.userForm.name')}
            required
            {...textLimits(CreateUserRequest.properties.name)}
            value={name}
            invalid={refused(error, 'name')}
            onChange={setName}
          />
          <TextField
            id="user-email"
            label={t('admin.userForm.email')}
            type="email"
            required
            {...textLimits(CreateUserRequest.properties.email)}
            value={email}
            invalid={refused(error, 'email', 'email_taken')}
            onChange={setEmail}
          />
          <ExtensionField
            id="user-extension"
            label={t('admin.userForm.extension')}
            required={user?.extension !== undefined && user.extension !== null}
            value={extension}
            hint={user ? undefined : t('admin.userForm.extensionHint')}
            invalid={refused(error, 'extension', 'extension_taken', 'extension_invalid')}
            onChange={setExtension}
          />
          {actorRole === 'superadmin' && (
            <SelectField id="user-role" label={t('admin.userForm.role')} value={role} onChange={setRole}>
              {ROLES.map((option) => (
                <option key={option} value={option}>
                  {t(roleKey(option))}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField
            id="user-group"
            label={t('admin.userForm.group')}
            value={groupId}
            onChange={setGroupId}
          >
            <option value="">{t('admin.userForm.none')}</option>
            <LoadedOptions list={groups} />
          </SelectField>
          {user && outbound !== null && (
            <SelectField
              id="user-outbound"
              label={t('admin.templates.outboundCalls')}
              hint={
                mayGrantOutbound(actorRole, user.outboundCalls, 'international')
                  ? undefined
                  : t('admin.userForm.internationalSuperOnly')
              }
              value={outbound}
              invalid={refused(error, 'outboundCalls')}
              onChange={setOutbound}
            >
              {(Object.keys(OUTBOUND_CHOICES) as OutboundCalls[]).map((choice) => (
                <option
                  key={choice}
                  value={choice}
                  disabled={!mayGrantOutbound(actorRole, user.outboundCalls, choice)}
                >
                  {t(OUTBOUND_CHOICES[choice])}
                </option>
              ))}
            </SelectField>
          )}
          {!user && (
            <>
              <SelectField
                id="user-template"
                label={t('admin.userForm.template')}
                value={templateId}
                onChange={setTemplateId}
              >
                <option value="">{t('admin.userForm.groupTemplate')}</option>
                <LoadedOptions list={templates} />
              </SelectField>
              {language && (
                <LanguageField
                  id="user-language"
                  label={t('admin.userForm.language')}
                  hint={t('admin.userForm.languageHint')}
                  value={language}
                  invalid={refused(error, 'language')}
                  onChange={setLanguage}
                />
              )}
              <CheckField
                label={t('admin.userForm.sendWelcome')}
                checked={sendWelcome}
                onChange={setSendWelcome}
              />
            </>
          )}
        </>
      )}
    </FormDialog>
  );
}
