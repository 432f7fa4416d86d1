import { useTranslation } from 'react-i18next';
import type { EmailTemplate } from '../../../../../common/api/directory';
import { useAdminApi } from '../admin-api';
import { useEditActions, useViewActions, type ResourceFormProps } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { EmailTemplateFormDialog } from './EmailTemplateFormDialog';
import { emailKindKey } from './email-kind-key';
import { useShownTemplate } from './shown-template';
import type { PanelProps } from '../sections';

/**
 * Email templates: the welcome, password reset and password recovery mails. They carry passwords
 * and codes, so a plain admin only reads them (the office refuses their changes).
 */
export function EmailTemplatesPanel({ actor }: PanelProps) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const shown = useShownTemplate();
  const readOnly = actor.role !== 'superadmin';
  const form = (props: ResourceFormProps<EmailTemplate>) => <EmailTemplateFormDialog {...props} />;
  const nameOf = (template: EmailTemplate) => shown(template).name;
  const edit = useEditActions<EmailTemplate>({
    nameOf,
    form,
    remove: (template) => admin.deleteEmailTemplate({ id: template.id }),
    deleteMessage: t('admin.emails.deleteMessage'),
  });
  const view = useViewActions<EmailTemplate>({ form });
  return (
    <ResourcePanel
      title={t('admin.sections.emailTemplates')}
      {...(readOnly && { note: t('admin.emails.readOnly') })}
      load={() => admin.listEmailTemplates({})}
      empty={{ text: t('admin.emails.empty') }}
      {...(!readOnly && { add: { label: t('admin.emails.add'), dialog: edit.add } })}
      columns={[
        { header: t('admin.groups.name'), cell: (template) => shown(template).name },
        { header: t('admin.emails.kind'), cell: (template) => t(emailKindKey(template.kind)) },
        { header: t('admin.emails.subject'), cell: (template) => shown(template).subject },
        {
          header: t('admin.emails.isDefaultColumn'),
          cell: (template) => (template.isDefault ? t('admin.emails.default') : ''),
        },
      ]}
      rowName={nameOf}
      actions={readOnly ? view : edit.actions}
    />
  );
}
