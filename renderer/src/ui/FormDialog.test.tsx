import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcError, IpcResult } from '../../../common/ipc/result';
import { renderWithApp } from '../test-support/render';
import { ErrorWordsContext } from './error-message';
import { ConfirmDialog, FormDialog } from './FormDialog';

afterEach(cleanup);

/** A page with a button that opens the dialog, and what became of it. */
function Page({ answer }: { answer: () => Promise<IpcResult<string>> }) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState('');
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <output>{outcome}</output>
      {open && (
        <ConfirmDialog
          title="Delete Sales?"
          message="Its members stay, without a group."
          confirmLabel="Delete"
          danger
          action={answer}
          onDone={(value) => {
            setOpen(false);
            setOutcome(value);
          }}
          onCancel={() => {
            setOpen(false);
            setOutcome('cancelled');
          }}
        />
      )}
    </>
  );
}

const refusal = (code: IpcError['code']): IpcResult<string> => ({
  ok: false,
  error: { code, message: 'raw' },
});

describe('ConfirmDialog', () => {
  it('asks with its title and message, starts on Cancel, keeps Tab inside and gives the focus back', async () => {
    await renderWithApp(<Page answer={async () => ({ ok: true, value: 'deleted' })} />, {});
    const opener = screen.getByRole('button', { name: 'Open' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Sales?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Its members stay, without a group.',
    );
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);
    await userEvent.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Delete' }));
    await userEvent.tab();
    expect(document.activeElement).toBe(cancel);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Delete' }));

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('cancelled');
    expect(document.activeElement).toBe(opener);

    await userEvent.click(opener);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('deleted');
  });

  it('keeps a refusal in the dialog, in the words of the area it is in', async () => {
    const answers = [refusal('in_use'), { ok: true as const, value: 'deleted' }];
    await renderWithApp(
      <ErrorWordsContext.Provider value={(error) => (error.code === 'in_use' ? 'admin.errors.inUse' : 'x')}>
        <Page answer={async () => answers.shift()!} />
      </ErrorWordsContext.Provider>,
      {},
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    const dialog = screen.getByRole('alertdialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('still in use');
    expect(screen.getByRole('status').textContent).toBe('');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('deleted');
  });
});

describe('FormDialog', () => {
  it('sends only once ready, and is busy while the request is on its way', async () => {
    let release!: (result: IpcResult<null>) => void;
    const sent: string[] = [];
    function Form() {
      const [name, setName] = useState('');
      return (
        <FormDialog
          title="Add user group"
          submitLabel="Add"
          ready={name !== ''}
          save={() => {
            sent.push(name);
            return new Promise<IpcResult<null>>((resolve) => (release = resolve));
          }}
          onSaved={() => sent.push('saved')}
          onCancel={() => {}}
        >
          {() => <input aria-label="Name" value={name} onChange={(event) => setName(event.target.value)} />}
        </FormDialog>
      );
    }
    await renderWithApp(<Form />, {});
    const dialog = screen.getByRole('dialog', { name: 'Add user group' });
    const add = within(dialog).getByRole('button', { name: 'Add' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Name'));
    expect(add).toHaveProperty('disabled', true);
    await userEvent.keyboard('{Enter}');
    expect(sent).toEqual([]);

    await userEvent.type(within(dialog).getByLabelText('Name'), 'Sales{Enter}');
    expect(sent).toEqual(['Sales']);
    expect(add).toHaveProperty('disabled', true);
    release({ ok: true, value: null });
    await within(dialog).findByRole('button', { name: 'Add' });
    await expect.poll(() => sent).toEqual(['Sales', 'saved']);
  });
});
