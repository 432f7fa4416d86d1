import { useTranslation } from 'react-i18next';
import { SelectField, type SelectFieldProps } from '../../../ui/Field';

/**
 * A choice among this receptionist's menus. A menu not (or no longer) among them, none chosen yet
 * or one renamed away, shows as "Choose a menu" rather than silently as the first.
 */
export function MenuSelect({
  menuIds,
  value,
  ...field
}: Omit<SelectFieldProps<string>, 'children' | 'required'> & { menuIds: string[] }) {
  const { t } = useTranslation();
  return (
    <SelectField {...field} required value={value}>
      {!menuIds.includes(value) && (
        <option value={value} disabled>
          {t('admin.receptionists.form.chooseMenu')}
        </option>
      )}
      {menuIds.map((menuId) => (
        <option key={menuId} value={menuId}>
          {menuId}
        </option>
      ))}
    </SelectField>
  );
}
