import { useTranslation } from 'react-i18next';
import type { Receptionist } from '../../../../../common/api/receptionists';
import { useIpc } from '../../../app/use-ipc';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { MenuTree } from './MenuTree';
import { ReceptionistFormDialog } from './ReceptionistFormDialog';

const NOW_KEYS = {
  open: 'admin.receptionists.nowOpen',
  closed: 'admin.receptionists.nowClosed',
  holiday: 'admin.receptionists.nowHoliday',
} as const;

/** Like the user's "Where will my calls go?": what a call arriving now meets, by the office's clock. */
function CallNow({ receptionist }: { receptionist: Receptionist }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [now] = useIpc(() => admin.receptionistNow({ id: receptionist.id }), `now ${receptionist.id}`);
  if (now.status !== 'ready') return <>—</>;
  const { state, menu, holiday, localTime } = now.value;
  return <>{t(NOW_KEYS[state], { menu, holiday, time: localTime.slice(11) })}</>;
}

/** The office's virtual receptionists: the extension each answers, what answers now, and its menus. */
export function ReceptionistsPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const { add, actions } = useEditActions<Receptionist>({
    nameOf: (receptionist) => receptionist.name,
    form: (props) => <ReceptionistFormDialog {...props} />,
    remove: (receptionist) => admin.deleteReceptionist({ id: receptionist.id }),
    deleteMessage: t('admin.receptionists.deleteMessage'),
  });
  return (
    <ResourcePanel
      title={t('admin.sections.receptionists')}
      load={() => admin.listReceptionists({})}
      empty={{ text: t('admin.receptionists.empty') }}
      add={{ label: t('admin.receptionists.add'), dialog: add }}
      columns={[
        { header: t('admin.groups.name'), cell: (receptionist) => receptionist.name },
        { header: t('admin.receptionists.extension'), cell: (receptionist) => receptionist.extension },
        {
          header: t('admin.receptionists.now'),
          cell: (receptionist) => <CallNow receptionist={receptionist} />,
        },
        {
          header: t('admin.receptionists.menus'),
          cell: (receptionist) => <MenuTree receptionist={receptionist} />,
        },
      ]}
      rowName={(receptionist) => receptionist.name}
      actions={actions}
    />
  );
}
