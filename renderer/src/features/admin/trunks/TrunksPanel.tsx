import { useTranslation } from 'react-i18next';
import type { Trunk } from '../../../../../common/api/trunks';
import { useAdminApi } from '../admin-api';
import { useEditActions } from '../panel-actions';
import { ResourcePanel } from '../ResourcePanel';
import { TrunkFormDialog } from './TrunkFormDialog';
import { kindKey, problemText, stateKey, trunkErrorKey } from './trunk-keys';

/** How often the list is asked again while shown: a registration's state changes on its own. */
const STATE_REFRESH_SECONDS = 5;

/**
 * The office's SIP trunks in failover order, each with how it is doing (the status board, asked
 * again every few seconds while the panel is shown) and the last thing that went wrong. Super
 * admins only.
 */
export function TrunksPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const { add, actions } = useEditActions<Trunk>({
    nameOf: (trunk) => trunk.name,
    form: (props) => <TrunkFormDialog {...props} />,
    remove: (trunk) => admin.deleteTrunk({ id: trunk.id }),
    deleteMessage: t('admin.trunks.deleteMessage'),
  });
  return (
    <ResourcePanel
      title={t('admin.sections.trunks')}
      load={() => admin.listTrunks({})}
      refreshSeconds={STATE_REFRESH_SECONDS}
      empty={{ text: t('admin.trunks.empty') }}
      add={{ label: t('admin.trunks.add'), dialog: add }}
      note={t('admin.trunks.note')}
      columns={[
        { header: t('admin.groups.name'), cell: (trunk) => trunk.name },
        { header: t('admin.trunks.kind'), cell: (trunk) => t(kindKey(trunk.kind)) },
        {
          header: t('admin.trunks.carrier'),
          cell: (trunk) => `${trunk.host}${trunk.port === null ? '' : `:${trunk.port}`} (${trunk.transport})`,
        },
        { header: t('admin.trunks.order'), cell: (trunk) => trunk.order },
        { header: t('admin.trunks.state'), cell: (trunk) => t(stateKey(trunk.status.state)) },
        {
          header: t('admin.trunks.channels'),
          cell: (trunk) =>
            t('admin.trunks.channelsInUse', { used: trunk.status.channelsInUse, max: trunk.maxChannels }),
        },
        {
          header: t('admin.trunks.lastError'),
          // The carrier's words or an address: no spaces to break at.
          breakAnywhere: true,
          cell: ({ status: { lastError } }) =>
            lastError ? problemText(t(trunkErrorKey(lastError.code)), lastError.detail) : '—',
        },
      ]}
      rowName={(trunk) => trunk.name}
      actions={actions}
    />
  );
}
