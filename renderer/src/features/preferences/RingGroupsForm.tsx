import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../../common/ipc/result';
import { featureCodeOf } from '../../../../common/api/feature-codes';
import type { MyRingGroup } from '../../../../common/api/ring-groups';
import { useState } from 'react';
import { useApi } from '../../app/api-context';
import { useIpc } from '../../app/use-ipc';
import { CheckField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';

/**
 * The ring groups the person belongs to: ticked, the group's calls ring them too. Nothing shows
 * for someone in no group (or while the list cannot be had: the rest of the screen says why).
 */
export function RingGroupsForm() {
  const { t } = useTranslation();
  const api = useApi();
  const [groups, , setGroups] = useIpc(() => api.portal.ringGroups({}), 'ring-groups');
  const [error, setError] = useState<IpcError | null>(null);
  if (groups.status !== 'ready' || groups.value.items.length === 0) return null;
  const items = groups.value.items;

  const toggle = async (group: MyRingGroup, loggedIn: boolean) => {
    setError(null);
    const result = await api.portal.setRingGroupMembership({ id: group.id, body: { loggedIn } });
    if (!result.ok) return setError(result.error);
    setGroups({ items: items.map((item) => (item.id === group.id ? result.value : item)) });
  };

  return (
    <section className="preferences-card stack" aria-labelledby="ring-groups-title">
      <h2 id="ring-groups-title">{t('preferences.ringGroups')}</h2>
      <p>{t('preferences.ringGroupsHint')}</p>
      {items.map((group) => (
        <CheckField
          key={group.id}
          label={t('preferences.ringGroup', { name: group.name, extension: group.extension })}
          checked={group.loggedIn}
          onChange={(loggedIn) => void toggle(group, loggedIn)}
        />
      ))}
      <FormError error={error} />
      <p className="hint">
        {t('preferences.ringGroupsCodes', {
          logIn: featureCodeOf('group-log-in'),
          logOut: featureCodeOf('group-log-out'),
          name: items[0]!.name,
          extension: items[0]!.extension,
        })}
      </p>
    </section>
  );
}
