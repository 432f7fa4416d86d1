import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MENUS, ReceptionistName, type Receptionist } from '../../../../../common/api/receptionists';
import { TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';
import { CallerHearsSelect } from '../music/CallerHearsSelect';
import { OwnMusicSelect } from '../music/OwnMusicSelect';
import type { ResourceFormProps } from '../panel-actions';
import { useRouteTargets } from '../numbers/RouteTargetPicker';
import { HolidayFields } from './HolidayFields';
import { HoursFields } from './HoursFields';
import { MenuFields } from './MenuFields';
import { MenuRecording } from './MenuRecording';
import { MenuSelect } from './MenuSelect';
import { RefusalPlace } from './RefusalPlace';
import {
  bodyOf,
  draftOf,
  newMenu,
  refusedAt,
  renameMenu,
  type ReceptionistDraft,
} from './receptionist-draft';

const SCHEDULE = [
  ['openMenu', 'admin.receptionists.whenOpen'],
  ['closedMenu', 'admin.receptionists.whenClosed'],
  ['holidayMenu', 'admin.receptionists.whenHoliday'],
] as const;

/** A menu id not yet taken: `menu-2`, `menu-3`… */
function freeMenuId(ids: string[]): string {
  let n = ids.length + 1;
  while (ids.includes(`menu-${n}`)) n++;
  return `menu-${n}`;
}

/** Adds a virtual receptionist or changes its hours, holidays and menus. */
export function ReceptionistFormDialog({ item: receptionist, onClose }: ResourceFormProps<Receptionist>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [draft, setDraft] = useState(() => draftOf(receptionist));
  // As the office keeps it: a recording uploaded here updates its lengths.
  const [saved, setSaved] = useState(receptionist ?? null);
  const [targets] = useRouteTargets();
  const set = (change: Partial<ReceptionistDraft>) => setDraft((current) => ({ ...current, ...change }));
  const menuIds = draft.menus.map((menu) => menu.id);

  const save = () => {
    const body = bodyOf(draft);
    return receptionist
      ? admin.updateReceptionist({ id: receptionist.id, body })
      : admin.createReceptionist({ body });
  };

  return (
    <FormDialog
      title={
        receptionist ? t('admin.common.editNamed', { name: receptionist.name }) : t('admin.receptionists.add')
      }
      submitLabel={receptionist ? t('admin.common.save') : t('admin.receptionists.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <RefusalPlace error={error} draft={draft} />
          <TextField
            id="receptionist-name"
            label={t('admin.groups.name')}
            required
            {...textLimits(ReceptionistName)}
            value={draft.name}
            invalid={refused(error, 'name')}
            onChange={(name) => set({ name })}
          />
          <ExtensionField
            id="receptionist-extension"
            label={t('admin.receptionists.extension')}
            hint={t('admin.receptionists.form.extensionHint')}
            value={draft.extension}
            invalid={refused(error, 'extension', 'extension_taken')}
            onChange={(extension) => set({ extension })}
          />
          <HoursFields hours={draft.hours} error={error} onChange={(hours) => set({ hours })} />
          <HolidayFields holidays={draft.holidays} error={error} onChange={(holidays) => set({ holidays })} />
          {draft.menus.map((menu, i) => (
            <MenuFields
              key={i}
              index={i}
              menu={menu}
              onChange={(changed) => set({ menus: draft.menus.with(i, changed) })}
              onRename={(id) => setDraft((current) => renameMenu(current, i, id))}
              onRemove={
                draft.menus.length > 1 ? () => set({ menus: draft.menus.toSpliced(i, 1) }) : undefined
              }
              menuIds={menuIds}
              targets={targets.status === 'ready' ? targets.value.items : []}
              known={targets.status === 'ready'}
              self={draft.extension.trim()}
              error={error}
              recording={<MenuRecording saved={saved} menuId={menu.id} onUploaded={setSaved} />}
            />
          ))}
          {draft.menus.length < MAX_MENUS && (
            <button
              className="button"
              type="button"
              onClick={() => set({ menus: [...draft.menus, newMenu(freeMenuId(menuIds))] })}
            >
              {t('admin.receptionists.form.addMenu')}
            </button>
          )}
          <fieldset className="admin-fieldset stack">
            <legend>{t('admin.receptionists.form.schedule')}</legend>
            {SCHEDULE.map(([field, label]) => (
              <MenuSelect
                key={field}
                id={`receptionist-${field}`}
                label={t(label)}
                menuIds={menuIds}
                value={draft[field]}
                invalid={refusedAt(error, field)}
                onChange={(menu) => set({ [field]: menu })}
              />
            ))}
          </fieldset>
          <CallerHearsSelect
            id="receptionist-caller-hears"
            value={draft.callerHears}
            onChange={(callerHears) => set({ callerHears })}
          />
          <OwnMusicSelect
            id="receptionist-music"
            value={draft.musicId}
            invalid={refusedAt(error, 'musicId')}
            onChange={(musicId) => set({ musicId })}
          />
        </>
      )}
    </FormDialog>
  );
}
