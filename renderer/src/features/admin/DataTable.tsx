import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MenuButton, type MenuItem } from '../../ui/MenuButton';

export interface Column<T> {
  /** The column's heading, also each cell's label where narrow screens stack the cells. */
  header: string;
  cell: (item: T) => ReactNode;
  /** Makes the heading a button that sorts by this column. */
  sort?: { order: 'ascending' | 'descending' | 'none'; onSort: () => void };
  /**
   * The cells may break anywhere (an email has no space to wrap at): a long one wraps rather than
   * make the table wider than its panel.
   */
  breakAnywhere?: boolean;
}

/** Each row's actions, in one menu at the row's end. */
export interface RowMenu<T> {
  /** The menu button's name for screen readers ("Actions for Ana Ruiz"). */
  label: (row: T) => string;
  /** The actions this row offers; a row with none has no menu. */
  items: (row: T) => MenuItem[];
}

/**
 * A table of the console's rows: the first column stays in view as the table scrolls sideways,
 * each row's actions are one menu in a last column, and `under` shows below the row it names
 * (what was just done to that row).
 */
export function DataTable<T extends { id: string }>({
  columns,
  rows,
  menu,
  under,
}: {
  columns: Column<T>[];
  rows: T[];
  menu?: RowMenu<T>;
  under?: { rowId: string; content: ReactNode } | null;
}) {
  const { t } = useTranslation();
  const width = columns.length + (menu ? 1 : 0);
  return (
    <div className="admin-table-wrap">
      <table className="admin-table">
        <thead>
          <tr>
            {columns.map(({ header, sort }) =>
              sort ? (
                <th key={header} scope="col" aria-sort={sort.order}>
                  <button type="button" className="admin-sort" onClick={sort.onSort}>
                    {header}
                  </button>
                </th>
              ) : (
                <th key={header} scope="col">
                  {header}
                </th>
              ),
            )}
            {menu && (
              <th scope="col" className="admin-row-actions">
                <span className="visually-hidden">{t('admin.common.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const items = menu?.items(row) ?? [];
            return [
              <tr key={row.id}>
                {columns.map((column) => (
                  <td
                    key={column.header}
                    data-label={column.header}
                    className={column.breakAnywhere ? 'admin-break-anywhere' : undefined}
                  >
                    {column.cell(row)}
                  </td>
                ))}
                {menu && (
                  <td className="admin-row-actions">
                    {items.length > 0 && <MenuButton label={menu.label(row)} items={items} />}
                  </td>
                )}
              </tr>,
              under?.rowId === row.id && (
                <tr key={`${row.id}-under`} className="admin-row-under">
                  <td colSpan={width}>{under.content}</td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
