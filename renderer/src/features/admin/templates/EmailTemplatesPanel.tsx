import { useTranslation } from 'react-i18next';
import { useAdminApi } from '../admin-api';
import { ResourcePanel } from '../ResourcePanel';
import { EmailTemplateFormDialog } from './EmailTemplateFormDialog';
import { emailKindKey } from './email-kind-key';
import type { PanelProps } from '../sections';

/**
 * Email templates: the welcome, password reset and password recovery mails. They carry passwords
 * and codes, so a plain admin only reads them (the office refuses their changes).
 */
export function EmailTemplatesPanel({ actor }: PanelProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  return (
    <ResourcePanel
      title={t('admin.sections.emailTemplates')}
      {...(actor.role !== 'superadmin' && { readOnlyNote: t('admin.emails.readOnly') })}
      addLabel={t('admin.emails.add')}
      empty={t('admin.emails.empty')}
      deleteMessage={t('admin.emails.deleteMessage')}
      load={() => admin.listEmailTemplates({})}
      nameOf={(template) => template.name}
      columns={[
        { header: t('admin.groups.name'), cell: (template) => template.name },
        { header: t('admin.emails.kind'), cell: (template) => t(emailKindKey(template.kind)) },
        { header: t('admin.emails.subject'), cell: (template) => template.subject },
        {
          header: t('admin.emails.isDefaultColumn'),
          cell: (template) => (template.isDefault ? t('admin.emails.default') : ''),
        },
      ]}
      form={(props) => <EmailTemplateFormDialog {...props} />}
      remove={(template) => admin.deleteEmailTemplate({ id: template.id })}
    />
  );
}
