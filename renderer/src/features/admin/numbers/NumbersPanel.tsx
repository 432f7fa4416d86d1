import { useTranslation } from 'react-i18next';
import { useAdminApi } from '../admin-api';
import { ResourcePanel } from '../ResourcePanel';
import { NumberFormDialog } from './NumberFormDialog';
import { routeKey } from './route-key';

/** The office's phone numbers and where each one rings. */
export function NumbersPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  return (
    <ResourcePanel
      title={t('admin.sections.numbers')}
      addLabel={t('admin.numbers.add')}
      empty={t('admin.numbers.empty')}
      deleteMessage={t('admin.numbers.deleteMessage')}
      load={() => admin.listPhoneNumbers({})}
      nameOf={(number) => number.number}
      columns={[
        { header: t('admin.numbers.number'), cell: (number) => number.number },
        { header: t('admin.numbers.label'), cell: (number) => number.label || '—' },
        {
          header: t('admin.numbers.rings'),
          cell: (number) => `${t(routeKey(number.routeType))} ${number.routeTarget}`,
        },
      ]}
      form={({ item, onClose }) => <NumberFormDialog number={item} onClose={onClose} />}
      remove={(number) => admin.deletePhoneNumber({ id: number.id })}
    />
  );
}
