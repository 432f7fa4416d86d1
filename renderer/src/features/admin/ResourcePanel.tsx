import { useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../../common/ipc/result';
import { ConfirmDialog } from './ConfirmDialog';
import { ListStates } from './PanelStatus';
import { useLoad } from './use-load';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

export interface ResourceFormProps<T> {
  /** The row to edit; absent to add one. */
  item?: T;
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
}

type Open<T> = { dialog: 'add' } | { dialog: 'edit' | 'delete'; item: T } | null;

/** A list of office resources with add, edit and delete: user groups, templates, numbers. */
export function ResourcePanel<T extends { id: string }>(props: ResourcePanelProps<T>) {
  const { title, addLabel, empty, deleteMessage, load, columns, nameOf, form, remove } = props;
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open<T>>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [list, reload] = useLoad(load, title);

  const done = (message: string | null) => {
    setOpen(null);
    if (message) {
      setNotice(message);
      reload();
    }
  };

  return (
    <div className="stack">
      <header className="admin-panel-head">
        <h1>{title}</h1>
        <button className="button primary" type="button" onClick={() => setOpen({ dialog: 'add' })}>
          {addLabel}
        </button>
      </header>
      {notice && (
        <p className="admin-notice" role="status">
          {notice}
        </p>
      )}
      <ListStates state={list} onRetry={reload} empty={<p>{empty}</p>}>
        {(items) => (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column.header} scope="col">
                      {column.header}
                    </th>
                  ))}
                  <th scope="col">{t('admin.common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    {columns.map((column) => (
                      <td key={column.header} data-label={column.header}>
                        {column.cell(item)}
                      </td>
                    ))}
                    <td className="admin-row-actions">
                      <button
                        className="button small"
                        type="button"
                        aria-label={t('admin.common.editNamed', { name: nameOf(item) })}
                        onClick={() => setOpen({ dialog: 'edit', item })}
                      >
                        {t('admin.common.edit')}
                      </button>
                      <button
                        className="button small danger"
                        type="button"
                        aria-label={t('admin.common.deleteNamed', { name: nameOf(item) })}
                        onClick={() => setOpen({ dialog: 'delete', item })}
                      >
                        {t('admin.common.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      {open?.dialog === 'add' &&
        form({ onClose: (saved) => done(saved && t('admin.common.saved', { name: nameOf(saved) })) })}
      {open?.dialog === 'edit' &&
        form({
          item: open.item,
          onClose: (saved) => done(saved && t('admin.common.saved', { name: nameOf(saved) })),
        })}
      {open?.dialog === 'delete' && (
        <ConfirmDialog
          title={t('admin.common.deleteTitle', { name: nameOf(open.item) })}
          message={deleteMessage}
          confirmLabel={t('admin.common.delete')}
          danger
          action={() => remove(open.item)}
          onCancel={() => done(null)}
          onDone={() => done(t('admin.common.deleted', { name: nameOf(open.item) }))}
        />
      )}
    </div>
  );
}
