import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsTemplate } from '../../../../../common/api/directory';
import type { TemplatePreferences } from '../../../../../common/api/preferences';
import { useAdminApi } from '../admin-api';
import { FormDialog, refused } from '../FormDialog';
import type { ResourceFormProps } from '../ResourcePanel';
import { ForwardRuleField } from './ForwardRuleField';

type Choice = 'unset' | 'on' | 'off';

/**
 * A settings template: the extension preferences it sets on a new user. What it leaves unset
 * stays at the office's defaults.
 */
export function SettingsTemplateFormDialog({ item: template, onClose }: ResourceFormProps<SettingsTemplate>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [preferences, setPreferences] = useState<TemplatePreferences>(template?.preferences ?? {});
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
          <div className="field">
            <label htmlFor="template-name">{t('admin.groups.name')}</label>
            <input
              id="template-name"
              type="text"
              required
              maxLength={80}
              value={name}
              aria-invalid={refused(error, 'name', 'name_taken')}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="template-description">{t('admin.groups.description')}</label>
            <textarea
              id="template-description"
              maxLength={500}
              rows={2}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="template-dnd">{t('admin.templates.doNotDisturb')}</label>
            <select
              id="template-dnd"
              value={dnd}
              onChange={(event) =>
                set('doNotDisturb', event.target.value === 'unset' ? undefined : event.target.value === 'on')
              }
            >
              <option value="unset">{t('admin.templates.unset')}</option>
              <option value="on">{t('admin.common.on')}</option>
              <option value="off">{t('admin.common.off')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="template-ring">{t('admin.templates.ringTimeout')}</label>
            <input
              id="template-ring"
              type="number"
              min={5}
              max={120}
              value={preferences.ringTimeoutSeconds ?? ''}
              aria-describedby="template-ring-hint"
              aria-invalid={refused(error, 'preferences.ringTimeoutSeconds')}
              onChange={(event) =>
                set('ringTimeoutSeconds', event.target.value === '' ? undefined : Number(event.target.value))
              }
            />
            <p id="template-ring-hint" className="hint">
              {t('admin.templates.ringTimeoutHint')}
            </p>
          </div>
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
