import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Weekday } from '../../../../../common/api/receptionists';
import type { IpcError } from '../../../../../common/ipc/result';
import type { ReceptionistDraft } from './receptionist-draft';
import { dayKey } from './receptionist-keys';

const isWeekday = (part: string | undefined): part is Weekday => WEEKDAYS.includes(part as Weekday);

/**
 * Where in a long plan the office's refusal points (`body.menus.0.options.1.action` reads
 * "menu “main”, key 2"), said under the refusal so the admin need not hunt for the marked field.
 */
export function RefusalPlace({ error, draft }: { error: IpcError | null; draft: ReceptionistDraft }) {
  const { t } = useTranslation();
  const [root, part, index, , subIndex] = error?.field?.split('.') ?? [];
  if (root !== 'body' || part === undefined) return null;
  const place = (): string | null => {
    if (part === 'hours')
      return isWeekday(index)
        ? `${t('admin.receptionists.form.hours')}, ${t(dayKey(index))}`
        : t('admin.receptionists.form.hours');
    if (part === 'holidays')
      return index === undefined
        ? t('admin.receptionists.form.holidays')
        : t('admin.receptionists.form.holidayN', { n: Number(index) + 1 });
    if (part === 'menus') {
      const menu = index === undefined ? undefined : draft.menus[Number(index)];
      if (!menu) return t('admin.receptionists.menus');
      const option = subIndex === undefined ? undefined : menu.options[Number(subIndex)];
      const named = t('admin.receptionists.menu', { menu: menu.id });
      if (option) return `${named}, ${t('admin.receptionists.key', { key: option.key })}`;
      return error?.field?.includes('.fallback') ? `${named}, ${t('admin.receptionists.fallback')}` : named;
    }
    if (part === 'openMenu') return t('admin.receptionists.whenOpen');
    if (part === 'closedMenu') return t('admin.receptionists.whenClosed');
    if (part === 'holidayMenu') return t('admin.receptionists.whenHoliday');
    // The name and the extension are the first fields: marked, and in view.
    return null;
  };
  const where = place();
  return where && <p className="hint">{t('admin.receptionists.form.refusedAt', { place: where })}</p>;
}
