import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateEmailTemplate,
  type EmailTemplate,
  type EmailTemplateKind,
} from '../../../../../common/api/directory';
import type { IpcError } from '../../../../../common/ipc/result';
import {
  PLACEHOLDERS_BY_KIND,
  renderTemplate,
  type TemplateValues,
} from '../../../../../common/mail/placeholders';
import { CheckField, SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { Dialog } from '../../../ui/Dialog';
import { NameField } from '../NameFields';
import type { ResourceFormProps } from '../panel-actions';
import { EMAIL_KINDS, emailKindKey } from './email-kind-key';
import { useShownTemplate } from './shown-template';
import { formatDateTime } from '../../../format';
import type { Language } from '../../../i18n/languages';

/** Example values for the preview: what a real mail would hold, with secrets invented. */
const EXAMPLE: Omit<Required<TemplateValues>, 'receivedAt'> = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  extension: '101',
  temporaryPassword: 'Kite-Harbour-4821',
  portalUrl: 'https://phones.example.com',
  companyName: 'Example Ltd',
  code: 'K7Q2M9',
  link: 'https://phones.example.com/recover?code=K7Q2M9&lang=en',
  minutes: '30',
  caller: 'Grace Hopper (102)',
  seconds: '42',
};
/** The example message's arrival, written in the admin's language. */
const EXAMPLE_RECEIVED_AT = new Date('2026-11-27T09:14:00');

/**
 * An email template, with the placeholders its kind fills and a preview as the admin types; shown
 * read-only (subject, body, preview and Close) to an admin who may not change it.
 */
export function EmailTemplateFormDialog({
  item: template,
  readOnly = false,
  onClose,
}: ResourceFormProps<EmailTemplate>) {
  const { t, i18n } = useTranslation();
  const admin = useAdminApi();
  const shown = useShownTemplate();
  // The office's own template shows in the admin's words; only what they change is sent.
  const before = template && { ...shown(template), isDefault: template.isDefault };
  const [kind, setKind] = useState<EmailTemplateKind>(template?.kind ?? 'welcome');
  const [name, setName] = useState(before?.name ?? '');
  const [subject, setSubject] = useState(before?.subject ?? '');
  const [body, setBody] = useState(before?.body ?? '');
  const [isDefault, setIsDefault] = useState(template?.isDefault ?? false);

  // Only the kind's own placeholders are filled: any other stays as typed, as in the real mail.
  const example: Required<TemplateValues> = {
    ...EXAMPLE,
    receivedAt: formatDateTime(i18n.language as Language, EXAMPLE_RECEIVED_AT),
  };
  const values: TemplateValues = Object.fromEntries(
    PLACEHOLDERS_BY_KIND[kind].map((placeholder) => [placeholder, example[placeholder]]),
  );

  const save = async () => {
    const fields = { name: name.trim(), subject, body, isDefault };
    if (!template || !before) return admin.createEmailTemplate({ body: { kind, ...fields } });
    const changed = Object.fromEntries(
      Object.entries(fields).filter(([field, value]) => value !== before[field as keyof typeof fields]),
    );
    if (Object.keys(changed).length === 0) return { ok: true as const, value: template };
    return admin.updateEmailTemplate({ id: template.id, body: changed });
  };

  const editor = (error: IpcError | null) => (
    <div className="admin-email-editor">
      <div className="stack">
        {!template && (
          <SelectField id="email-kind" label={t('admin.emails.kind')} value={kind} onChange={setKind}>
            {EMAIL_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(emailKindKey(option))}
              </option>
            ))}
          </SelectField>
        )}
        {!readOnly && <NameField id="email-name" value={name} error={error} onChange={setName} />}
        <TextField
          id="email-subject"
          label={t('admin.emails.subject')}
          required
          readOnly={readOnly}
          {...textLimits(CreateEmailTemplate.properties.subject)}
          value={subject}
          // The body's hint lists the placeholders, which fill the subject too.
          describedBy="email-body-hint"
          invalid={refused(error, 'subject')}
          onChange={setSubject}
        />
        <TextAreaField
          id="email-body"
          label={t('admin.emails.body')}
          required
          readOnly={readOnly}
          {...textLimits(CreateEmailTemplate.properties.body)}
          rows={10}
          value={body}
          hint={
            <>
              {t('admin.emails.placeholders')}{' '}
              {PLACEHOLDERS_BY_KIND[kind].map((placeholder) => (
                <code key={placeholder} className="admin-placeholder">{`{{${placeholder}}}`}</code>
              ))}
            </>
          }
          invalid={refused(error, 'body')}
          onChange={setBody}
        />
        {!readOnly && (
          <CheckField label={t('admin.emails.isDefault')} checked={isDefault} onChange={setIsDefault} />
        )}
      </div>
      <section className="admin-preview" aria-label={t('admin.emails.preview')} aria-live="polite">
        <h3>{t('admin.emails.preview')}</h3>
        <p className="admin-preview-subject">{renderTemplate(subject, values)}</p>
        <pre>{renderTemplate(body, values)}</pre>
      </section>
    </div>
  );

  if (readOnly && template) {
    return (
      <Dialog title={t('admin.common.viewNamed', { name: before?.name })} onClose={() => onClose(null)}>
        <div className="stack">
          {editor(null)}
          <div className="admin-actions">
            <button className="button" type="button" onClick={() => onClose(null)}>
              {t('admin.common.close')}
            </button>
          </div>
        </div>
      </Dialog>
    );
  }
  return (
    <FormDialog
      title={template ? t('admin.common.editNamed', { name: before?.name }) : t('admin.emails.add')}
      submitLabel={template ? t('admin.common.save') : t('admin.emails.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {editor}
    </FormDialog>
  );
}
