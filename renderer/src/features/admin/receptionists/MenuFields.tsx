import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteTarget } from '../../../../../common/api/directory';
import { GreetingText, MenuId, TimeoutSeconds } from '../../../../../common/api/receptionists';
import type { IpcError } from '../../../../../common/ipc/result';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { numberLimits, textLimits } from '../../../ui/field-limits';
import { ActionPicker } from './ActionPicker';
import { emptyAction, MENU_KEYS, refusedAt, type MenuDraft } from './receptionist-draft';

export interface MenuFieldsProps {
  index: number;
  menu: MenuDraft;
  onChange: (menu: MenuDraft) => void;
  /** A new id: what names the menu follows it. */
  onRename: (id: string) => void;
  /** Absent for the last menu left: a receptionist has at least one. */
  onRemove?: () => void;
  menuIds: string[];
  targets: RouteTarget[];
  known: boolean;
  self: string;
  error: IpcError | null;
  /** The menu's recording, uploaded here (shown when the menu plays one). */
  recording: ReactNode;
}

/** One menu: its id, what it says, its keys and what happens when no key is pressed. */
export function MenuFields({
  index,
  menu,
  onChange,
  onRename,
  onRemove,
  error,
  recording,
  ...pick
}: MenuFieldsProps) {
  const { t } = useTranslation();
  const at = (path: string) => refusedAt(error, `menus.${index}.${path}`);
  const id = `receptionist-menu-${index}`;
  const otherMenus = pick.menuIds.filter((menuId) => menuId !== menu.id);
  // Each key does one thing: a key already taken is not offered again.
  const taken = (key: string) => menu.options.some((option) => option.key === key);
  const freeKey = MENU_KEYS.find((key) => !taken(key));
  return (
    <fieldset className="admin-fieldset stack">
      <legend>{t('admin.receptionists.menu', { menu: menu.id })}</legend>
      <TextField
        id={`${id}-id`}
        label={t('admin.receptionists.form.menuId')}
        hint={t('admin.receptionists.form.menuIdHint')}
        required
        {...textLimits(MenuId)}
        value={menu.id}
        invalid={at('id')}
        onChange={onRename}
      />
      <SelectField
        id={`${id}-greeting-kind`}
        label={t('admin.receptionists.form.greetingKind')}
        value={menu.greeting.kind}
        onChange={(kind) => onChange({ ...menu, greeting: { kind, text: menu.greeting.text } })}
      >
        <option value="text">{t('admin.receptionists.form.greetingText')}</option>
        <option value="upload">{t('admin.receptionists.form.greetingRecording')}</option>
      </SelectField>
      <TextAreaField
        id={`${id}-greeting`}
        label={t('admin.receptionists.form.greeting')}
        hint={
          menu.greeting.kind === 'upload' ? t('admin.receptionists.form.greetingTextFallback') : undefined
        }
        required
        rows={3}
        {...textLimits(GreetingText)}
        value={menu.greeting.text}
        invalid={at('greeting')}
        onChange={(text) => onChange({ ...menu, greeting: { ...menu.greeting, text } })}
      />
      {menu.greeting.kind === 'upload' && recording}
      <TextField
        id={`${id}-timeout`}
        label={t('admin.receptionists.form.timeout')}
        type="number"
        required
        {...numberLimits(TimeoutSeconds)}
        value={menu.timeoutSeconds}
        invalid={at('timeoutSeconds')}
        onChange={(timeoutSeconds) => onChange({ ...menu, timeoutSeconds })}
      />
      {menu.options.map((option, i) => {
        const setOption = (change: Partial<typeof option>) =>
          onChange({ ...menu, options: menu.options.with(i, { ...option, ...change }) });
        return (
          <fieldset key={i} className="receptionist-row">
            <legend>{t('admin.receptionists.key', { key: option.key })}</legend>
            <SelectField
              id={`${id}-option-${i}-key`}
              label={t('admin.receptionists.form.key')}
              value={option.key}
              invalid={at(`options.${i}.key`)}
              onChange={(key) => setOption({ key })}
            >
              {MENU_KEYS.filter((key) => key === option.key || !taken(key)).map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </SelectField>
            <ActionPicker
              id={`${id}-option-${i}-action`}
              label={t('admin.receptionists.form.action')}
              value={option.action}
              onChange={(action) => setOption({ action })}
              {...pick}
              menuIds={otherMenus}
              invalid={at(`options.${i}.action`)}
            />
            <button
              className="button"
              type="button"
              onClick={() => onChange({ ...menu, options: menu.options.toSpliced(i, 1) })}
            >
              {t('admin.receptionists.form.removeKey', { key: option.key })}
            </button>
          </fieldset>
        );
      })}
      {freeKey && (
        <button
          className="button"
          type="button"
          onClick={() =>
            onChange({
              ...menu,
              options: [...menu.options, { key: freeKey, action: emptyAction('extension') }],
            })
          }
        >
          {t('admin.receptionists.form.addKey')}
        </button>
      )}
      <ActionPicker
        id={`${id}-fallback`}
        label={t('admin.receptionists.fallback')}
        value={menu.fallback}
        onChange={(fallback) => onChange({ ...menu, fallback })}
        {...pick}
        menuIds={otherMenus}
        invalid={at('fallback')}
      />
      {onRemove && (
        <button className="button danger" type="button" onClick={onRemove}>
          {t('admin.receptionists.form.removeMenu', { menu: menu.id })}
        </button>
      )}
    </fieldset>
  );
}
