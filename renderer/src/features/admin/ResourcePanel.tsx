import { Fragment, useContext, useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../../common/ipc/result';
import { useIpc } from '../../app/use-ipc';
import { useErrorKey } from '../../ui/error-message';
import { Announcer, InlineNotice, ScreenShownContext, useScreenFeedback } from '../../ui/feedback';
import { DataTable, type Column } from './DataTable';
import { PanelHead } from './PanelHead';
import { ListStates } from './PanelStatus';
import { useRefreshWhileShown } from './use-refresh-while-shown';

/** What an open dialog may do to the panel behind it. */
export interface DialogControl {
  /**
   * Closes the dialog; a notice means something changed: the panel says it (under the row it
   * concerns: the dialog's own, or `rowId`, when that row is shown) and loads its list again.
   */
  close: (notice: string | null, rowId?: string) => void;
  /** Something changed and another dialog follows (a device's new SIP password): the list reloads behind it. */
  next: (dialog: PanelDialog) => void;
}

/** A dialog of the panel, drawn with the control it closes itself through. */
export type PanelDialog = (control: DialogControl) => ReactElement;

/** An action each row offers in its menu: it opens a dialog for that row. */
export interface RowAction<T> {
  /** The menu item's words ("Edit"). */
  label: string;
  danger?: boolean;
  /** Whether this row offers it; every row does when absent. */
  offered?: (item: T) => boolean;
  dialog: (item: T) => PanelDialog;
}

/** What a cell may do in place (a switch in the row): change something, or ask first in a dialog. */
export interface PanelControl {
  /** Sends a change; its refusal, or once done `notice`, shows under the row, and the list reloads. */
  run: <V>(request: () => Promise<IpcResult<V>>, notice: (value: V) => string) => Promise<void>;
  /** Opens a dialog about this row (a confirmation). */
  open: (dialog: PanelDialog) => void;
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
  /** What a row is called, for its actions menu ("Actions for Ana Ruiz"). */
  rowName: (item: Row<L>) => string;
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
  /** For rows that change on their own (a trunk's state): asked again this often while shown. */
  refreshSeconds?: number;
}

/** What the panel says about the last change: done or refused, and the row it concerns. */
interface Feedback {
  text: string;
  tone: 'done' | 'refused';
  rowId: string | null;
}

/**
 * A list of office resources declared by its columns, row actions and dialogs: users, devices,
 * numbers, user groups, templates. The panel loads the rows, shows their states, opens the
 * dialogs, and after a change says what changed next to the row it changed (announced to screen
 * readers, forgotten when the admin goes elsewhere) and loads the rows again. Coming back to the
 * panel loads them again too: another section may have changed them (a deleted user's numbers).
 */
export function ResourcePanel<L extends Rows>({
  title,
  load,
  loadKey = '',
  columns,
  rowName,
  actions,
  add,
  empty,
  filters,
  note,
  order,
  footer,
  refreshSeconds,
}: ResourcePanelProps<L>) {
  type T = Row<L>;
  const { t } = useTranslation();
  const errorWords = useErrorKey();
  const [list, reload] = useIpc(load, loadKey);
  // Each dialog opened gets its own key: one that follows another of its kind starts afresh.
  const [open, setOpen] = useState<{ dialog: PanelDialog; key: number; rowId: string | null } | null>(null);
  const [feedback, setFeedback] = useScreenFeedback<Feedback>();
  const shown = useContext(ScreenShownContext);
  const wasShown = useRef(shown);
  useEffect(() => {
    if (shown && !wasShown.current) reload();
    wasShown.current = shown;
  }, [shown, reload]);
  useRefreshWhileShown(reload, refreshSeconds, shown);

  const show = (dialog: PanelDialog, rowId: string | null) =>
    setOpen((before) => ({ dialog, key: (before?.key ?? 0) + 1, rowId }));
  const changed = (text: string, rowId: string | null) => {
    setFeedback({ text, tone: 'done', rowId });
    reload();
  };
  const control: DialogControl = {
    close: (message, rowId) => {
      const row = rowId ?? open?.rowId ?? null;
      setOpen(null);
      if (message) changed(message, row);
    },
    next: (dialog) => {
      reload();
      show(dialog, open?.rowId ?? null);
    },
  };
  const panelFor = (rowId: string): PanelControl => ({
    run: async (request, said) => {
      setFeedback(null);
      const result = await request();
      if (result.ok) changed(said(result.value), rowId);
      else setFeedback({ text: t(errorWords(result.error)), tone: 'refused', rowId });
    },
    open: (dialog) => show(dialog, rowId),
  });
  const addButton = add && (
    <button className="button primary" type="button" onClick={() => show(add.dialog, null)}>
      {add.label}
    </button>
  );
  const notice =
    feedback &&
    (feedback.tone === 'refused' ? (
      <InlineNotice tone="refused">{feedback.text}</InlineNotice>
    ) : (
      <InlineNotice>
        <span aria-hidden="true">{feedback.text}</span>
      </InlineNotice>
    ));
  const rows = list.status === 'ready' ? list.value.items : [];
  const underRow = feedback?.rowId && rows.some((row) => row.id === feedback.rowId) ? feedback.rowId : null;

  return (
    <div className="stack">
      <PanelHead title={title}>{addButton}</PanelHead>
      <Announcer text={feedback?.tone === 'done' ? feedback.text : null} />
      {note && <p className="hint">{note}</p>}
      {filters}
      {!underRow && notice}
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
            columns={columns.map((column) => ({
              ...column,
              cell: (item: T) => column.cell(item, panelFor(item.id)),
            }))}
            menu={
              actions.length === 0
                ? undefined
                : {
                    label: (item) => t('admin.common.actionsFor', { name: rowName(item) }),
                    items: (item) =>
                      actions
                        .filter((action) => action.offered?.(item) ?? true)
                        .map((action) => ({
                          label: action.label,
                          danger: action.danger,
                          onSelect: () => show(action.dialog(item), item.id),
                        })),
                  }
            }
            under={underRow ? { rowId: underRow, content: notice } : null}
          />
        )}
      </ListStates>
      {list.status === 'ready' && footer?.(list.value)}
      {open && <Fragment key={open.key}>{open.dialog(control)}</Fragment>}
    </div>
  );
}
