import { Fragment, useState, type ReactElement, type ReactNode } from 'react';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { useIpc } from '../../app/use-ipc';
import { FormError } from '../../ui/FormError';
import { DataTable, type Column } from './DataTable';
import { Notice, PanelHead } from './PanelHead';
import { ListStates } from './PanelStatus';

/** What an open dialog may do to the panel behind it. */
export interface DialogControl {
  /** Closes the dialog; a notice means something changed: the panel says it and loads its list again. */
  close: (notice: string | null) => void;
  /** Something changed and another dialog follows (a device's new SIP password): the list reloads behind it. */
  next: (dialog: PanelDialog) => void;
}

/** A dialog of the panel, drawn with the control it closes itself through. */
export type PanelDialog = (control: DialogControl) => ReactElement;

/** An action each row offers as a button: it opens a dialog for that row. */
export interface RowAction<T> {
  /** The button's word ("Edit"). */
  label: string;
  /** What it does to which row, for screen readers ("Edit Ada Lovelace"). */
  name: (item: T) => string;
  danger?: boolean;
  /** Whether this row offers it; every row does when absent. */
  offered?: (item: T) => boolean;
  dialog: (item: T) => PanelDialog;
}

/** What a cell may do in place, without a dialog (a switch in the row). */
export interface PanelControl {
  /** Sends a change; its refusal shows above the list, and once done the panel says `notice` and reloads. */
  run: <V>(request: () => Promise<IpcResult<V>>, notice: (value: V) => string) => Promise<void>;
}

export type PanelColumn<T> = Omit<Column<T>, 'cell'> & { cell: (item: T, panel: PanelControl) => ReactNode };

/** What a panel loads: its rows, and what else the page carries (a cursor). */
export interface Rows {
  items: { id: string }[];
}

type Row<L extends Rows> = L['items'][number];

export interface ResourcePanelProps<L extends Rows> {
  title: string;
  /** The rows; asked again when `loadKey` changes (a filter, a page) and after every change. */
  load: () => Promise<IpcResult<L>>;
  loadKey?: string;
  columns: PanelColumn<Row<L>>[];
  actions: RowAction<Row<L>>[];
  /** The button beside the title that adds a row, and its dialog. */
  add?: { label: string; dialog: PanelDialog };
  /** What an empty list says to do next; with `offerAdd`, the add button under it. */
  empty: { text: string; offerAdd?: boolean };
  /** Fields that choose which rows are shown (a search, a filter), above the list. */
  filters?: ReactNode;
  /** A word under the title about the whole list (why it is read-only). */
  note?: string;
  /** The rows in the order shown (a sorted column); as loaded when absent. */
  order?: (items: Row<L>[]) => Row<L>[];
  /** Under the rows (their pages), given what was loaded. */
  footer?: (list: L) => ReactNode;
}

/**
 * A list of office resources declared by its columns, row actions and dialogs: users, devices,
 * numbers, user groups, templates. The panel loads the rows, shows their states, opens the
 * dialogs, and after a change says what changed and loads the rows again.
 */
export function ResourcePanel<L extends Rows>({
  title,
  load,
  loadKey = '',
  columns,
  actions,
  add,
  empty,
  filters,
  note,
  order,
  footer,
}: ResourcePanelProps<L>) {
  type T = Row<L>;
  const [list, reload] = useIpc(load, loadKey);
  // Each dialog opened gets its own key: one that follows another of its kind starts afresh.
  const [open, setOpen] = useState<{ dialog: PanelDialog; key: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowError, setRowError] = useState<IpcError | null>(null);

  const show = (dialog: PanelDialog) => setOpen((before) => ({ dialog, key: (before?.key ?? 0) + 1 }));
  const changed = (message: string) => {
    setNotice(message);
    reload();
  };
  const control: DialogControl = {
    close: (message) => {
      setOpen(null);
      if (message) changed(message);
    },
    next: (dialog) => {
      reload();
      show(dialog);
    },
  };
  const panel: PanelControl = {
    run: async (request, said) => {
      setRowError(null);
      const result = await request();
      if (result.ok) changed(said(result.value));
      else setRowError(result.error);
    },
  };
  const addButton = add && (
    <button className="button primary" type="button" onClick={() => show(add.dialog)}>
      {add.label}
    </button>
  );

  return (
    <div className="stack">
      <PanelHead title={title}>{addButton}</PanelHead>
      {note && <p className="hint">{note}</p>}
      {filters}
      <Notice text={notice} />
      <FormError error={rowError} />
      <ListStates
        state={list}
        onRetry={reload}
        empty={
          <>
            <p>{empty.text}</p>
            {empty.offerAdd && <div>{addButton}</div>}
          </>
        }
      >
        {(items) => (
          <DataTable
            rows={order ? order(items) : items}
            columns={columns.map((column) => ({ ...column, cell: (item: T) => column.cell(item, panel) }))}
            actions={
              actions.length === 0
                ? undefined
                : (item) =>
                    actions.map(
                      (action) =>
                        (action.offered?.(item) ?? true) && {
                          label: action.label,
                          name: action.name(item),
                          danger: action.danger,
                          onClick: () => show(action.dialog(item)),
                        },
                    )
            }
          />
        )}
      </ListStates>
      {list.status === 'ready' && footer?.(list.value)}
      {open && <Fragment key={open.key}>{open.dialog(control)}</Fragment>}
    </div>
  );
}
