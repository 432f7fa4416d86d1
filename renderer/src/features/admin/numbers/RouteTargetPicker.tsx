// The one destination picker: wherever calls are sent somewhere (a phone number's route, a ring
// group's overflow, a person's forwarding, a deleted user's numbers, a menu's key), the choice is made here from
// what the office lists (route targets), grouped by kind. A new kind of target (a receptionist, a
// conference bridge) appears in every one of them once the office lists it; nothing to add in the
// app but its words.
import { useTranslation } from 'react-i18next';
import type { NumberRouteType, RouteTarget } from '../../../../../common/api/directory';
import { useIpc, type IpcState } from '../../../app/use-ipc';
import { SelectField, type FieldText } from '../../../ui/Field';
import { useAdminApi } from '../admin-api';
import { ROUTE_TYPES, routeKey } from './route-key';

export type Route = Pick<RouteTarget, 'kind' | 'number'>;

/** The office's targets, asked once per dialog. */
export function useRouteTargets(): [IpcState<{ items: RouteTarget[] }>, () => void] {
  const admin = useAdminApi();
  const [targets, reload] = useIpc(() => admin.routeTargets({}), 'route-targets');
  return [targets, reload];
}

const valueOf = (route: Route) => `${route.kind}:${route.number}`;

function routeOf(value: string): Route | null {
  const [kind, number] = value.split(':') as [NumberRouteType, string | undefined];
  return ROUTE_TYPES.includes(kind) && number ? { kind, number } : null;
}

export interface RouteTargetPickerProps extends Omit<FieldText, 'describedBy'> {
  targets: RouteTarget[];
  /** The route chosen; null until one is. */
  value: Route | null;
  onChange: (route: Route | null) => void;
  /** Targets not to offer (the extension of a user being deleted). */
  exclude?: (target: RouteTarget) => boolean;
  required?: boolean;
  /** What the empty choice says: "choose where it rings" unless it means something (voicemail). */
  emptyLabel?: string;
  /** False while the office's list is not known (loading, offline): a value it lacks is not "gone". */
  known?: boolean;
}

export function RouteTargetPicker({
  targets,
  value,
  onChange,
  exclude,
  required,
  emptyLabel,
  known = true,
  ...field
}: RouteTargetPickerProps) {
  const { t } = useTranslation();
  const offered = targets.filter((target) => !exclude?.(target));
  // A route to a target the office no longer lists is shown as it is, so the admin sees it.
  const gone = value && !offered.some((target) => valueOf(target) === valueOf(value)) ? value : null;
  const kinds = ROUTE_TYPES.filter((kind) => offered.some((target) => target.kind === kind));

  return (
    <SelectField
      {...field}
      required={required}
      value={value ? valueOf(value) : ''}
      onChange={(chosen) => onChange(routeOf(chosen))}
    >
      <option value="" disabled={required}>
        {emptyLabel ?? t('admin.numbers.chooseTarget')}
      </option>
      {gone && (
        <option value={valueOf(gone)}>
          {known
            ? t('admin.numbers.goneTarget', { kind: t(routeKey(gone.kind)), number: gone.number })
            : gone.number}
        </option>
      )}
      {kinds.map((kind) => (
        <optgroup key={kind} label={t(routeKey(kind))}>
          {offered
            .filter((target) => target.kind === kind)
            .map((target) => (
              <option key={valueOf(target)} value={valueOf(target)}>
                {t('admin.numbers.target', { number: target.number, name: target.name })}
              </option>
            ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
