import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RowActions, type RowButton } from './RowActions';

export interface Column<T> {
  /** The column's heading, also each cell's label where narrow screens stack the cells. */
  header: string;
  cell: (item: T) => ReactNode;
  /** Makes the heading a button that sorts by this column. */
  sort?: { order: 'ascending' | 'descending' | 'none'; onSort: () => void };
}

/** A table of the console's rows, with each row's action buttons in a last column when given. */
export function DataTable<T extends { id: string }>({
  columns,
  rows,
  actions,
}: {
  columns: Column<T>[];
  rows: T[];
  actions?: (row: T) => (RowButton | false)[];
}) {
  const { t } = useTranslation();
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
            {actions && <th scope="col">{t('admin.common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map((column) => (
                <td key={column.header} data-label={column.header}>
                  {column.cell(row)}
                </td>
              ))}
              {actions && <RowActions actions={actions(row)} />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
