import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../../common/api/users';
import { useIpc, type IpcState } from '../../../app/use-ipc';
import { ConfirmDialog } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { useDeviceName } from '../devices/device-name';
import { RouteTargetPicker, useRouteTargets, type Route } from '../numbers/RouteTargetPicker';
import { Loading } from '../PanelStatus';

/** Every state ready, or the first that is not (to show its loading or its failure). */
function allReady<A, B, C>(a: IpcState<A>, b: IpcState<B>, c: IpcState<C>): IpcState<[A, B, C]> {
  if (a.status !== 'ready') return a;
  if (b.status !== 'ready') return b;
  if (c.status !== 'ready') return c;
  return { status: 'ready', value: [a.value, b.value, c.value] };
}

/**
 * Deleting a user says which of their devices go back to the free pool, and which phone numbers
 * go to their extension or voicemail box: each gets a new target here, picked from what the office has, and moves in
 * the same change as the deletion.
 */
export function DeleteUserDialog({ user, onClose }: { user: UserSummary; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const deviceName = useDeviceName();
  const [devices, reloadDevices] = useIpc(() => admin.listDevices({ query: { assigned: true } }), user.id);
  const [numbers, reloadNumbers] = useIpc(() => admin.listPhoneNumbers({}), `numbers ${user.id}`);
  const [targets, reloadTargets] = useRouteTargets();
  // The new target of each number that rings the user, by the number's id.
  const [moves, setMoves] = useState<Record<string, Route | null>>({});
  const loaded = allReady(devices, numbers, targets);
  const ringing =
    numbers.status === 'ready' && user.extension
      ? numbers.value.items.filter(
          (number) =>
            (number.routeType === 'extension' || number.routeType === 'voicemail') &&
            number.routeTarget === user.extension,
        )
      : [];
  const reassignNumbers = ringing.flatMap((number) => {
    const move = moves[number.id];
    return move ? [{ id: number.id, routeType: move.kind, routeTarget: move.number }] : [];
  });

  return (
    <ConfirmDialog
      title={t('admin.delete.title', { name: user.name })}
      message={t('admin.delete.cannotUndo')}
      confirmLabel={t('admin.delete.submit')}
      danger
      ready={loaded.status === 'ready' && reassignNumbers.length === ringing.length}
      action={() => admin.deleteUser({ id: user.id, body: { reassignNumbers } })}
      onDone={() => onClose(true)}
      onCancel={() => onClose(false)}
    >
      <Loading
        state={loaded}
        onRetry={() => {
          reloadDevices();
          reloadNumbers();
          reloadTargets();
        }}
      >
        {([{ items: assigned }, , { items: choices }]) => {
          const theirs = assigned.filter((device) => device.extension === user.extension);
          return (
            <>
              {theirs.length === 0 ? (
                <p>{t('admin.delete.noDevices')}</p>
              ) : (
                <>
                  <p>{t('admin.delete.devices')}</p>
                  <ul className="admin-device-list">
                    {theirs.map((device) => (
                      <li key={device.id}>
                        {deviceName(device)} <span className="admin-muted">{device.sipUsername}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {ringing.length > 0 && (
                <fieldset className="admin-choice">
                  <legend>{t('admin.delete.numbers', { count: ringing.length })}</legend>
                  {ringing.map((number) => (
                    <RouteTargetPicker
                      key={number.id}
                      id={`reassign-${number.id}`}
                      label={t('admin.delete.numberTarget', {
                        number: number.label ? `${number.number} (${number.label})` : number.number,
                      })}
                      targets={choices}
                      // Neither their extension nor their box: both go with them.
                      exclude={(target) =>
                        (target.kind === 'extension' || target.kind === 'voicemail') &&
                        target.number === user.extension
                      }
                      required
                      value={moves[number.id] ?? null}
                      onChange={(route) => setMoves({ ...moves, [number.id]: route })}
                    />
                  ))}
                </fieldset>
              )}
            </>
          );
        }}
      </Loading>
    </ConfirmDialog>
  );
}
