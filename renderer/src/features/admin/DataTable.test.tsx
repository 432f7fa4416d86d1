import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApp } from '../../test-support/render';
import { DataTable } from './DataTable';

afterEach(cleanup);

interface Row {
  id: string;
  name: string;
  locked: boolean;
}

const ROWS: Row[] = [
  { id: '1', name: 'Bea', locked: false },
  { id: '2', name: 'Ada', locked: true },
];

/** A table sorted by name either way, whose locked rows offer no delete. */
function People() {
  const [descending, setDescending] = useState(false);
  const [done, setDone] = useState('');
  const rows = [...ROWS].sort((a, b) => a.name.localeCompare(b.name) * (descending ? -1 : 1));
  return (
    <>
      <DataTable
        rows={rows}
        columns={[
          {
            header: 'Name',
            cell: (row) => row.name,
            sort: {
              order: descending ? 'descending' : 'ascending',
              onSort: () => setDescending(!descending),
            },
          },
          { header: 'Id', cell: (row) => <code>{row.id}</code> },
        ]}
        menu={{
          label: (row) => `Actions for ${row.name}`,
          items: (row) => [
            { label: 'Edit', onSelect: () => setDone(`edit ${row.id}`) },
            ...(row.locked
              ? []
              : [{ label: 'Delete', danger: true, onSelect: () => setDone(`delete ${row.id}`) }]),
          ],
        }}
        under={done ? { rowId: '1', content: <p>Done to Bea: {done}</p> } : null}
      />
      <output>{done}</output>
    </>
  );
}

const cells = (row: HTMLElement) => within(row).getAllByRole('cell');

describe('DataTable', () => {
  it('labels each cell with its column and offers each row its own actions in one menu', async () => {
    await renderWithApp(<People />, {});
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Name',
      'Id',
      'Actions',
    ]);
    const [, ada, bea] = screen.getAllByRole('row');
    expect(cells(ada!).map((td) => td.getAttribute('data-label'))).toEqual(['Name', 'Id', null]);
    expect(cells(ada!)[0]!.textContent).toBe('Ada');
    expect(
      within(ada!)
        .getAllByRole('button')
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual(['Actions for Ada']);

    await userEvent.click(within(ada!).getByRole('button', { name: 'Actions for Ada' }));
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Edit']);
    await userEvent.keyboard('{Escape}');
    await userEvent.click(within(bea!).getByRole('button', { name: 'Actions for Bea' }));
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Edit', 'Delete']);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    expect(screen.getByRole('status').textContent).toBe('delete 1');
  });

  it('shows what was done to a row right under it, across the whole row', async () => {
    await renderWithApp(<People />, {});
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Bea' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Edit' }));
    const rows = screen.getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'NameIdActions',
      'Ada2⋯',
      'Bea1⋯',
      'Done to Bea: edit 1',
    ]);
    expect(cells(rows[3]!)[0]!.getAttribute('colspan')).toBe('3');
  });

  it('sorts by a column from its heading and says which way', async () => {
    await renderWithApp(<People />, {});
    const name = screen.getByRole('columnheader', { name: 'Name' });
    expect(name.getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: 'Id' }).getAttribute('aria-sort')).toBeNull();

    await userEvent.click(within(name).getByRole('button', { name: 'Name' }));
    expect(name.getAttribute('aria-sort')).toBe('descending');
    expect(
      screen
        .getAllByRole('row')
        .slice(1)
        .map((row) => cells(row)[0]!.textContent),
    ).toEqual(['Bea', 'Ada']);
  });

  it('has no actions column when the rows have no actions', async () => {
    await renderWithApp(
      <DataTable rows={ROWS} columns={[{ header: 'Name', cell: (row) => row.name }]} />,
      {},
    );
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Name']);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
