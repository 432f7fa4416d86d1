import { useTranslation } from 'react-i18next';
import type { EmailTemplate } from '../../../../../common/api/directory';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { EmailTemplateFormDialog } from './EmailTemplateFormDialog';
import { emailKindKey } from './email-kind-key';
import { useShownTemplate } from './shown-template';

/** Email templates: the welcome, password reset and password recovery mails. */
export function EmailTemplatesPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const shown = useShownTemplate();
  const { add, actions, rowName } = useEditActions<EmailTemplate>({
    nameOf: (template) => shown(template).name,
    form: (props) => <EmailTemplateFormDialog {...props} />,
    remove: (template) => admin.deleteEmailTemplate({ id: template.id }),
    deleteMessage: t('admin.emails.deleteMessage'),
  });
  return (
    <ResourcePanel
      title={t('admin.sections.emailTemplates')}
      load={() => admin.listEmailTemplates({})}
      empty={{ text: t('admin.emails.empty') }}
      add={{ label: t('admin.emails.add'), dialog: add }}
      columns={[
        { header: t('admin.groups.name'), cell: (template) => shown(template).name },
        { header: t('admin.emails.kind'), cell: (template) => t(emailKindKey(template.kind)) },
        { header: t('admin.emails.subject'), cell: (template) => shown(template).subject },
        {
          header: t('admin.emails.isDefaultColumn'),
          cell: (template) => (template.isDefault ? t('admin.emails.default') : ''),
        },
      ]}
      rowName={rowName}
      actions={actions}
    />
  );
}
