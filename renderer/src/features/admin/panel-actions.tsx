import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../../common/ipc/result';
import { ConfirmDialog } from '../../ui/FormDialog';
import type { PanelDialog, RowAction } from './ResourcePanel';

export interface ConfirmSpec<T, V> {
  title: (item: T) => string;
  message: (item: T) => string;
  confirmLabel: string;
  danger?: boolean;
  action: (item: T) => Promise<IpcResult<V>>;
  /**
   * Once the office agreed: what the panel says, or the dialog that follows with its answer (a
   * device's new SIP password), or null for nothing to say.
   */
  done: (item: T, value: V) => string | PanelDialog | null;
}

/** A row's dialog that asks before an action and shows the office's refusal if it comes. */
export function confirmDialog<T, V>(spec: ConfirmSpec<T, V>): (item: T) => PanelDialog {
  return (item) => (control) => (
    <ConfirmDialog
      title={spec.title(item)}
      message={spec.message(item)}
      confirmLabel={spec.confirmLabel}
      danger={spec.danger}
      action={() => spec.action(item)}
      onCancel={() => control.close(null)}
      onDone={(value) => {
        const next = spec.done(item, value);
        if (typeof next === 'function') control.next(next);
        else control.close(next);
      }}
    />
  );
}

export interface ResourceFormProps<T> {
  /** The row to edit; absent to add one. */
  item?: T;
  /** The row is only shown: the actor may not change it. */
  readOnly?: boolean;
  onClose: (saved: T | null) => void;
}

export interface EditSpec<T> {
  /** How a row is called in its buttons and messages. */
  nameOf: (item: T) => string;
  /** The add or edit dialog (called, not mounted, so its element type stays the form's own). */
  form: (props: ResourceFormProps<T>) => ReactElement;
  remove: (item: T) => Promise<IpcResult<null>>;
  /** What deleting a row does, said before the admin confirms. */
  deleteMessage: string;
}

/**
 * The usual way to manage a resource: add and edit in one form, delete after asking. Answers the
 * add dialog, the row actions Edit and Delete, and what a row is called.
 */
export function useEditActions<T>({ nameOf, form, remove, deleteMessage }: EditSpec<T>) {
  const { t } = useTranslation();
  const saved = (item: T | null) => item && t('admin.common.saved', { name: nameOf(item) });
  const add: PanelDialog = (control) => form({ onClose: (item) => control.close(saved(item)) });
  const deleteAction = useDeleteAction({ nameOf, remove, deleteMessage });
  const actions: RowAction<T>[] = [
    {
      label: t('admin.common.edit'),
      dialog: (item) => (control) => form({ item, onClose: (changed) => control.close(saved(changed)) }),
    },
    deleteAction,
  ];
  return { add, actions, rowName: nameOf };
}

/** The row action Delete: asks first, saying what deleting does, and shows the office's refusal. */
export function useDeleteAction<T>({
  nameOf,
  remove,
  deleteMessage,
}: Omit<EditSpec<T>, 'form'>): RowAction<T> {
  const { t } = useTranslation();
  return {
    label: t('admin.common.delete'),
    danger: true,
    dialog: confirmDialog({
      title: (item) => t('admin.common.deleteTitle', { name: nameOf(item) }),
      message: () => deleteMessage,
      confirmLabel: t('admin.common.delete'),
      danger: true,
      action: remove,
      done: (item) => t('admin.common.deleted', { name: nameOf(item) }),
    }),
  };
}

/** For an actor who may only look: the one row action View, showing the form read-only. */
export function useViewActions<T>({ form }: Pick<EditSpec<T>, 'form'>): RowAction<T>[] {
  const { t } = useTranslation();
  return [
    {
      label: t('admin.common.view'),
      dialog: (item) => (control) => form({ item, readOnly: true, onClose: () => control.close(null) }),
    },
  ];
}
