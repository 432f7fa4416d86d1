import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailTemplate, EmailTemplateKind } from '../../../../../common/api/directory';
import {
  PLACEHOLDERS_BY_KIND,
  renderTemplate,
  type TemplateValues,
} from '../../../../../common/mail/placeholders';
import { useAdminApi } from '../admin-api';
import { FormDialog, refused } from '../FormDialog';
import type { ResourceFormProps } from '../ResourcePanel';
import { EMAIL_KINDS, emailKindKey } from './email-kind-key';

/** Example values for the preview: what a real mail would hold, with secrets invented. */
const EXAMPLE: Required<TemplateValues> = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  extension: '101',
  temporaryPassword: 'Kite-Harbour-4821',
  portalUrl: 'https://phones.example.com',
  companyName: 'Example Ltd',
  code: 'K7Q2M9',
  link: 'https://phones.example.com/#/recover?code=K7Q2M9',
  minutes: '30',
  caller: 'Grace Hopper (102)',
  seconds: '42',
  receivedAt: '27 Nov 2026, 09:14',
};

/** An email template, with the placeholders its kind fills and a preview as the admin types. */
export function EmailTemplateFormDialog({ item: template, onClose }: ResourceFormProps<EmailTemplate>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [kind, setKind] = useState<EmailTemplateKind>(template?.kind ?? 'welcome');
  const [name, setName] = useState(template?.name ?? '');
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [isDefault, setIsDefault] = useState(template?.isDefault ?? false);
  const placeholdersId = useId();

  // Only the kind's own placeholders are filled: any other stays as typed, as in the real mail.
  const values: TemplateValues = Object.fromEntries(
    PLACEHOLDERS_BY_KIND[kind].map((placeholder) => [placeholder, EXAMPLE[placeholder]]),
  );

  const save = () => {
    const fields = { name: name.trim(), subject, body, isDefault };
    return template
      ? admin.updateEmailTemplate({ id: template.id, body: fields })
      : admin.createEmailTemplate({ body: { kind, ...fields } });
  };

  return (
    <FormDialog
      title={template ? t('admin.common.editNamed', { name: template.name }) : t('admin.emails.add')}
      submitLabel={template ? t('admin.common.save') : t('admin.emails.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <div className="admin-email-editor">
          <div className="stack">
            {!template && (
              <div className="field">
                <label htmlFor="email-kind">{t('admin.emails.kind')}</label>
                <select
                  id="email-kind"
                  value={kind}
                  onChange={(event) => setKind(event.target.value as EmailTemplateKind)}
                >
                  {EMAIL_KINDS.map((option) => (
                    <option key={option} value={option}>
                      {t(emailKindKey(option))}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor="email-name">{t('admin.groups.name')}</label>
              <input
                id="email-name"
                type="text"
                required
                maxLength={80}
                value={name}
                aria-invalid={refused(error, 'name', 'name_taken')}
                onChange={(event) => setName(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="email-subject">{t('admin.emails.subject')}</label>
              <input
                id="email-subject"
                type="text"
                required
                maxLength={200}
                value={subject}
                aria-describedby={placeholdersId}
                aria-invalid={refused(error, 'subject')}
                onChange={(event) => setSubject(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="email-body">{t('admin.emails.body')}</label>
              <textarea
                id="email-body"
                required
                maxLength={20_000}
                rows={10}
                value={body}
                aria-describedby={placeholdersId}
                aria-invalid={refused(error, 'body')}
                onChange={(event) => setBody(event.target.value)}
              />
              <p id={placeholdersId} className="hint">
                {t('admin.emails.placeholders')}{' '}
                {PLACEHOLDERS_BY_KIND[kind].map((placeholder) => (
                  <code key={placeholder} className="admin-placeholder">{`{{${placeholder}}}`}</code>
                ))}
              </p>
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={isDefault}
                onChange={(event) => setIsDefault(event.target.checked)}
              />
              {t('admin.emails.isDefault')}
            </label>
          </div>
          <section className="admin-preview" aria-label={t('admin.emails.preview')} aria-live="polite">
            <h3>{t('admin.emails.preview')}</h3>
            <p className="admin-preview-subject">{renderTemplate(subject, values)}</p>
            <pre>{renderTemplate(body, values)}</pre>
          </section>
        </div>
      )}
    </FormDialog>
  );
}
