import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../../common/ipc/result';
import { ConfirmDialog } from './ConfirmDialog';
import { DataTable, type Column } from './DataTable';
import { Notice, PanelHead } from './PanelHead';
import { ListStates } from './PanelStatus';
import { useLoad } from './use-load';
import { usePanelDialog } from './use-panel-dialog';

export interface ResourceFormProps<T> {
  /** The row to edit; absent to add one. */
  item?: T;
  /** The row is only shown: the actor may not change it. */
  readOnly?: boolean;
  onClose: (saved: T | null) => void;
}

export interface ResourcePanelProps<T extends { id: string }> {
  title: string;
  addLabel: string;
  /** What the empty list says to do next. */
  empty: string;
  /** What deleting a row does, said before the admin confirms. */
  deleteMessage: string;
  load: () => Promise<IpcResult<{ items: T[] }>>;
  columns: Column<T>[];
  /** How a row is called in its buttons and messages. */
  nameOf: (item: T) => string;
  /** Draws the add or edit dialog (called, not mounted, so its element type stays the form's own). */
  form: (props: ResourceFormProps<T>) => ReactElement;
  remove: (item: T) => Promise<IpcResult<null>>;
  /** Set when the actor may only look, saying why: no add, edit or delete, each row opens read-only. */
  readOnlyNote?: string;
}

type Open<T> = { dialog: 'add' } | { dialog: 'edit' | 'delete'; item: T };

/** A list of office resources with add, edit and delete: user groups, templates, numbers. */
export function ResourcePanel<T extends { id: string }>(props: ResourcePanelProps<T>) {
  const { title, addLabel, empty, deleteMessage, load, columns, nameOf, form, remove, readOnlyNote } = props;
  const { t } = useTranslation();
  const [list, reload] = useLoad(load, title);
  const { open, setOpen, notice, close } = usePanelDialog<Open<T>>(reload);
  const closeForm = (saved: T | null) => close(saved && t('admin.common.saved', { name: nameOf(saved) }));

  return (
    <div className="stack">
      <PanelHead title={title}>
        {readOnlyNote === undefined && (
          <button className="button primary" type="button" onClick={() => setOpen({ dialog: 'add' })}>
            {addLabel}
          </button>
        )}
      </PanelHead>
      {readOnlyNote !== undefined && <p className="hint">{readOnlyNote}</p>}
      <Notice text={notice} />
      <ListStates state={list} onRetry={reload} empty={<p>{empty}</p>}>
        {(items) => (
          <DataTable
            columns={columns}
            rows={items}
            actions={(item) =>
              readOnlyNote !== undefined
                ? [
                    {
                      label: t('admin.common.view'),
                      name: t('admin.common.viewNamed', { name: nameOf(item) }),
                      onClick: () => setOpen({ dialog: 'edit', item }),
                    },
                  ]
                : [
                    {
                      label: t('admin.common.edit'),
                      name: t('admin.common.editNamed', { name: nameOf(item) }),
                      onClick: () => setOpen({ dialog: 'edit', item }),
                    },
                    {
                      label: t('admin.common.delete'),
                      name: t('admin.common.deleteNamed', { name: nameOf(item) }),
                      danger: true,
                      onClick: () => setOpen({ dialog: 'delete', item }),
                    },
                  ]
            }
          />
        )}
      </ListStates>
      {open?.dialog === 'add' && form({ onClose: closeForm })}
      {open?.dialog === 'edit' &&
        form({ item: open.item, onClose: closeForm, readOnly: readOnlyNote !== undefined })}
      {open?.dialog === 'delete' && (
        <ConfirmDialog
          title={t('admin.common.deleteTitle', { name: nameOf(open.item) })}
          message={deleteMessage}
          confirmLabel={t('admin.common.delete')}
          danger
          action={() => remove(open.item)}
          onCancel={() => close(null)}
          onDone={() => close(t('admin.common.deleted', { name: nameOf(open.item) }))}
        />
      )}
    </div>
  );
}
