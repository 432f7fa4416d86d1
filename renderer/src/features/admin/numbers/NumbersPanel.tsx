import { useTranslation } from 'react-i18next';
import type { PhoneNumber } from '../../../../../common/api/directory';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { NumberFormDialog } from './NumberFormDialog';
import { routeKey } from './route-key';

/** The office's phone numbers and where each one rings. */
export function NumbersPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const { add, actions, rowName } = useEditActions<PhoneNumber>({
    nameOf: (number) => number.number,
    form: (props) => <NumberFormDialog {...props} />,
    remove: (number) => admin.deletePhoneNumber({ id: number.id }),
    deleteMessage: t('admin.numbers.deleteMessage'),
  });
  return (
    <ResourcePanel
      title={t('admin.sections.numbers')}
      load={() => admin.listPhoneNumbers({})}
      empty={{ text: t('admin.numbers.empty') }}
      add={{ label: t('admin.numbers.add'), dialog: add }}
      columns={[
        { header: t('admin.numbers.number'), cell: (number) => number.number },
        { header: t('admin.numbers.label'), cell: (number) => number.label || '—' },
        {
          header: t('admin.numbers.rings'),
          cell: (number) => `${t(routeKey(number.routeType))} ${number.routeTarget}`,
        },
      ]}
      rowName={rowName}
      actions={actions}
    />
  );
}
