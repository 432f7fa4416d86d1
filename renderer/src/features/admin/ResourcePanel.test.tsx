// A panel declared on ResourcePanel as a new resource would be: columns, row actions and dialogs.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../common/ipc/result';
import { Dialog } from '../../ui/Dialog';
import { ScreenShownContext } from '../../ui/feedback';
import { renderWithApp } from '../../test-support/render';
import { confirmDialog } from './panel-actions';
import { ResourcePanel, type PanelDialog } from './ResourcePanel';

afterEach(cleanup);

interface Bridge {
  id: string;
  name: string;
  locked: boolean;
  open: boolean;
}

/** An office of conference bridges kept in memory, answering as the API would. */
function office(bridges: Bridge[]) {
  const loads: number[] = [];
  return {
    loads,
    list: async (): Promise<IpcResult<{ items: Bridge[] }>> => {
      loads.push(bridges.length);
      return { ok: true, value: { items: bridges.map((bridge) => ({ ...bridge })) } };
    },
    remove: async (bridge: Bridge): Promise<IpcResult<{ pin: string }>> => {
      bridges.splice(
        bridges.findIndex((each) => each.id === bridge.id),
        1,
      );
      return { ok: true, value: { pin: '4821' } };
    },
    toggle: async (bridge: Bridge): Promise<IpcResult<Bridge>> => {
      if (bridge.locked) return { ok: false, error: { code: 'forbidden', message: 'raw office text' } };
      const kept = bridges.find((each) => each.id === bridge.id)!;
      kept.open = !kept.open;
      return { ok: true, value: { ...kept } };
    },
  };
}

const pinShown =
  (pin: string): PanelDialog =>
  (control) => (
    <Dialog title="Last PIN" onClose={() => control.close('Deleted; its PIN was shown.')}>
      <p>{pin}</p>
      <button type="button" onClick={() => control.close('Deleted; its PIN was shown.')}>
        Done
      </button>
    </Dialog>
  );

function Bridges({ backend }: { backend: ReturnType<typeof office> }) {
  return (
    <ResourcePanel
      title="Conference bridges"
      load={backend.list}
      empty={{ text: 'No bridges yet.', offerAdd: true }}
      add={{
        label: 'Add bridge',
        dialog: (control) => (
          <Dialog title="Add bridge" onClose={() => control.close(null)}>
            <p>Form</p>
          </Dialog>
        ),
      }}
      columns={[
        { header: 'Name', cell: (bridge) => bridge.name },
        {
          header: 'Open',
          cell: (bridge, panel) => (
            <button
              type="button"
              onClick={() =>
                void panel.run(
                  () => backend.toggle(bridge),
                  (changed) => `${changed.name} is now ${changed.open ? 'open' : 'closed'}.`,
                )
              }
            >
              {`Toggle ${bridge.name}`}
            </button>
          ),
        },
      ]}
      rowName={(bridge) => bridge.name}
      actions={[
        {
          label: 'Delete',
          danger: true,
          offered: (bridge) => !bridge.locked,
          dialog: confirmDialog({
            title: (bridge) => `Delete ${bridge.name}?`,
            message: () => 'Its callers are cut off.',
            confirmLabel: 'Delete',
            danger: true,
            action: backend.remove,
            done: (_bridge, answer) => pinShown(answer.pin),
          }),
        },
      ]}
    />
  );
}

describe('ResourcePanel', () => {
  it('offers each row its declared actions; a confirmed one may lead to the next dialog, then says what changed', async () => {
    const backend = office([
      { id: 'b1', name: 'Board', locked: true, open: false },
      { id: 'b2', name: 'Sales', locked: false, open: false },
    ]);
    await renderWithApp(<Bridges backend={backend} />, {});
    await screen.findByRole('cell', { name: 'Sales' });
    // A row that offers no action has no menu.
    expect(screen.queryByRole('button', { name: 'Actions for Board' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Actions for Sales' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete Sales?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    const pin = await screen.findByRole('dialog', { name: 'Last PIN' });
    expect(within(pin).getByText('4821')).toBeTruthy();
    // The list behind the next dialog reloads, without the deleted row.
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(backend.loads).toEqual([2, 1]);

    expect(document.activeElement).toBe(within(pin).getByRole('button', { name: 'Done' }));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Deleted; its PIN was shown.'));
    expect(backend.loads).toEqual([2, 1, 1]);
  });

  it('shows a change made in a row under that row: its refusal in words, its success announced', async () => {
    const backend = office([
      { id: 'b1', name: 'Board', locked: true, open: false },
      { id: 'b2', name: 'Sales', locked: false, open: false },
    ]);
    await renderWithApp(<Bridges backend={backend} />, {});
    await userEvent.click(await screen.findByRole('button', { name: 'Toggle Board' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toBe(
      'Something went wrong. Try again; if it keeps happening, tell your administrator.',
    );
    const rowUnder = (name: string) => screen.getByRole('cell', { name }).closest('tr')!.nextElementSibling;
    expect(rowUnder('Board')?.contains(refusal)).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Toggle Sales' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Sales is now open.'));
    expect(rowUnder('Sales')?.textContent).toBe('Sales is now open.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(backend.loads).toEqual([2, 2]);
  });

  it('forgets what it said once the admin leaves the panel', async () => {
    const backend = office([{ id: 'b2', name: 'Sales', locked: false, open: false }]);
    function Switchable() {
      const [shown, setShown] = useState(true);
      return (
        <>
          <button type="button" onClick={() => setShown(!shown)}>
            Elsewhere
          </button>
          <ScreenShownContext.Provider value={shown}>
            <Bridges backend={backend} />
          </ScreenShownContext.Provider>
        </>
      );
    }
    await renderWithApp(<Switchable />, {});
    await userEvent.click(await screen.findByRole('button', { name: 'Toggle Sales' }));
    // Said twice: to screen readers, and beside the row (hidden from them).
    expect(await screen.findAllByText('Sales is now open.')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }));
    await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryAllByText('Sales is now open.')).toEqual([]);
  });

  it('offers the add button again under an empty list', async () => {
    await renderWithApp(<Bridges backend={office([])} />, {});
    expect(await screen.findByText('No bridges yet.')).toBeTruthy();
    const adds = screen.getAllByRole('button', { name: 'Add bridge' });
    expect(adds).toHaveLength(2);
    await userEvent.click(adds[1]!);
    expect(screen.getByRole('dialog', { name: 'Add bridge' })).toBeTruthy();
  });
});
