import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayGrantOutbound } from '../../../../../common/api/authority';
import type { SettingsTemplate } from '../../../../../common/api/directory';
import type { Role } from '../../../../../common/api/primitives';
import {
  RingTimeout,
  type OutboundCalls,
  type TemplatePreferences,
} from '../../../../../common/api/preferences';
import { SelectField, TextField } from '../../../ui/Field';
import { numberLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { DescriptionField, NameField } from '../NameFields';
import type { ResourceFormProps } from '../panel-actions';
import { ForwardRuleField } from './ForwardRuleField';
import { OUTBOUND_CHOICES } from '../outbound-choices';

type Choice = 'unset' | 'on' | 'off';

/**
 * A settings template: the extension preferences it sets on a new user. What it leaves unset
 * stays at the office's defaults. International calls are offered as the office allows them: a
 * plain admin keeps a template's grant but does not give one.
 */
export function SettingsTemplateFormDialog({
  item: template,
  actorRole,
  onClose,
}: ResourceFormProps<SettingsTemplate> & { actorRole: Role }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [preferences, setPreferences] = useState<TemplatePreferences>(template?.preferences ?? {});
  const mayGrant = (choice: OutboundCalls) =>
    mayGrantOutbound(actorRole, template?.preferences.outboundCalls ?? null, choice);
  const dnd: Choice =
    preferences.doNotDisturb === undefined ? 'unset' : preferences.doNotDisturb ? 'on' : 'off';

  const set = <K extends keyof TemplatePreferences>(key: K, value: TemplatePreferences[K] | undefined) =>
    setPreferences((before) => {
      const next = { ...before };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });

  const save = () => {
    const body = { name: name.trim(), description: description.trim(), preferences };
    return template
      ? admin.updateSettingsTemplate({ id: template.id, body })
      : admin.createSettingsTemplate({ body });
  };

  return (
    <FormDialog
      title={template ? t('admin.common.editNamed', { name: template.name }) : t('admin.templates.add')}
      submitLabel={template ? t('admin.common.save') : t('admin.templates.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <NameField id="template-name" value={name} error={error} onChange={setName} />
          <DescriptionField
            id="template-description"
            rows={2}
            value={description}
            onChange={setDescription}
          />
          <SelectField
            id="template-dnd"
            label={t('admin.templates.doNotDisturb')}
            value={dnd}
            onChange={(choice) => set('doNotDisturb', choice === 'unset' ? undefined : choice === 'on')}
          >
            <option value="unset">{t('admin.templates.unset')}</option>
            <option value="on">{t('admin.common.on')}</option>
            <option value="off">{t('admin.common.off')}</option>
          </SelectField>
          <TextField
            id="template-ring"
            label={t('admin.templates.ringTimeout')}
            type="number"
            {...numberLimits(RingTimeout)}
            value={String(preferences.ringTimeoutSeconds ?? '')}
            hint={t('admin.templates.ringTimeoutHint')}
            invalid={refused(error, 'preferences.ringTimeoutSeconds')}
            onChange={(seconds) => set('ringTimeoutSeconds', seconds === '' ? undefined : Number(seconds))}
          />
          <SelectField
            id="template-outbound"
            label={t('admin.templates.outboundCalls')}
            hint={mayGrant('international') ? undefined : t('admin.userForm.internationalSuperOnly')}
            invalid={refused(error, 'preferences.outboundCalls')}
            value={preferences.outboundCalls ?? 'unset'}
            onChange={(choice) =>
              set('outboundCalls', choice === 'unset' ? undefined : (choice as OutboundCalls))
            }
          >
            <option value="unset">{t('admin.templates.outboundCallsOptions.unset')}</option>
            {(Object.keys(OUTBOUND_CHOICES) as OutboundCalls[]).map((choice) => (
              <option key={choice} value={choice} disabled={!mayGrant(choice)}>
                {t(OUTBOUND_CHOICES[choice])}
              </option>
            ))}
          </SelectField>
          <ForwardRuleField
            id="template-forward-always"
            label={t('admin.templates.forwardAlways')}
            rule={preferences.forwardAlways}
            onChange={(rule) => set('forwardAlways', rule)}
          />
          <ForwardRuleField
            id="template-forward-busy"
            label={t('admin.templates.forwardBusy')}
            rule={preferences.forwardBusy}
            onChange={(rule) => set('forwardBusy', rule)}
          />
          <ForwardRuleField
            id="template-forward-no-answer"
            label={t('admin.templates.forwardNoAnswer')}
            rule={preferences.forwardNoAnswer}
            onChange={(rule) => set('forwardNoAnswer', rule)}
          />
        </>
      )}
    </FormDialog>
  );
}
