import { useTranslation } from 'react-i18next';
import type { RouteTarget } from '../../../../../common/api/directory';
import { OutsideNumber } from '../../../../../common/api/receptionists';
import { SelectField, TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { RouteTargetPicker } from '../numbers/RouteTargetPicker';
import { MenuSelect } from './MenuSelect';
import { emptyAction, isNumbered, NUMBERED, type ActionDraft } from './receptionist-draft';
import { ACTION_TYPES, actionKey } from './receptionist-keys';

export interface ActionPickerProps {
  id: string;
  label: string;
  value: ActionDraft;
  onChange: (action: ActionDraft) => void;
  /** The office's destinations (route targets). */
  targets: RouteTarget[];
  /** False while the office's list is loading. */
  known: boolean;
  /** The receptionist's own extension: it cannot send callers to itself. */
  self: string;
  /** The ids of this receptionist's menus. */
  menuIds: string[];
  invalid: boolean;
}

/** What a key (or a menu's fallback) does, and where to for an action that sends the caller on. */
export function ActionPicker({
  id,
  label,
  value,
  onChange,
  targets,
  known,
  self,
  menuIds,
  invalid,
}: ActionPickerProps) {
  const { t } = useTranslation();
  const type = value.type;
  return (
    <div className="receptionist-action">
      <SelectField
        id={id}
        label={label}
        value={type}
        invalid={invalid}
        // A new type starts with no destination: an extension is not a ring group.
        onChange={(chosen) => onChange(emptyAction(chosen))}
      >
        {ACTION_TYPES.map((choice) => (
          <option key={choice} value={choice}>
            {t(actionKey(choice))}
          </option>
        ))}
      </SelectField>
      {isNumbered(type) && (
        <RouteTargetPicker
          id={`${id}-target`}
          label={t('admin.receptionists.form.destination')}
          targets={targets.filter((target) => target.kind === NUMBERED[type])}
          exclude={(target) => target.kind === 'receptionist' && target.number === self}
          known={known}
          required
          value={value.number ? { kind: NUMBERED[type], number: value.number } : null}
          invalid={invalid}
          onChange={(route) => onChange({ ...value, number: route?.number ?? '' })}
        />
      )}
      {type === 'outside' && (
        <TextField
          id={`${id}-outside`}
          label={t('admin.receptionists.form.outsideNumber')}
          required
          inputMode="tel"
          {...textLimits(OutsideNumber)}
          value={value.number}
          invalid={invalid}
          onChange={(number) => onChange({ ...value, number })}
        />
      )}
      {type === 'menu' && (
        <MenuSelect
          id={`${id}-menu`}
          label={t('admin.receptionists.form.whichMenu')}
          menuIds={menuIds}
          value={value.menu}
          invalid={invalid}
          onChange={(menu) => onChange({ ...value, menu })}
        />
      )}
    </div>
  );
}
