// The ARIA menu button pattern, driven as a keyboard and a mouse would.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { MenuButton } from './MenuButton';

afterEach(cleanup);

function Row() {
  const [done, setDone] = useState('');
  return (
    <>
      <button type="button">Before</button>
      <MenuButton
        label="Actions for Zoë Brontë-Ødegaard"
        items={[
          { label: 'Edit', onSelect: () => setDone('edit') },
          { label: 'Reset password', onSelect: () => setDone('reset') },
          { label: 'Delete', danger: true, onSelect: () => setDone('delete') },
        ]}
      />
      <button type="button">After</button>
      <output>{done}</output>
    </>
  );
}

const button = () => screen.getByRole('button', { name: 'Actions for Zoë Brontë-Ødegaard' });
const item = (name: string) => screen.getByRole('menuitem', { name });

describe('MenuButton', () => {
  it('is a closed menu button until opened', () => {
    render(<Row />);
    expect(button().getAttribute('aria-haspopup')).toBe('menu');
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('opens from the keyboard on its first item (↓, Enter) or its last (↑), and moves with ↑ ↓ Home End', async () => {
    render(<Row />);
    button().focus();
    await userEvent.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu', { name: 'Actions for Zoë Brontë-Ødegaard' });
    expect(button().getAttribute('aria-expanded')).toBe('true');
    expect(button().getAttribute('aria-controls')).toBe(menu.id);
    expect(document.activeElement).toBe(item('Edit'));
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(item('Delete'));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(item('Edit'));
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(item('Delete'));
    await userEvent.keyboard('{Home}');
    expect(document.activeElement).toBe(item('Edit'));
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(item('Delete'));
    // One tab stop: only the item with the focus is in the tab order.
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((each) => each.tabIndex),
    ).toEqual([-1, -1, 0]);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button());

    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(item('Delete'));
    await userEvent.keyboard('{Escape}{Enter}');
    expect(document.activeElement).toBe(item('Edit'));
  });

  it('jumps to the next item starting with a typed letter', async () => {
    render(<Row />);
    button().focus();
    await userEvent.keyboard('{ArrowDown}r');
    expect(document.activeElement).toBe(item('Reset password'));
    await userEvent.keyboard('d');
    expect(document.activeElement).toBe(item('Delete'));
  });

  it('runs the chosen item with Enter or a click, closes, and gives the focus back to the button', async () => {
    render(<Row />);
    button().focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(screen.getByRole('status').textContent).toBe('reset');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button());

    await userEvent.click(button());
    await userEvent.click(item('Delete'));
    expect(screen.getByRole('status').textContent).toBe('delete');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('closes on Tab (the focus moves on) and on a click elsewhere', async () => {
    render(<Row />);
    await userEvent.click(button());
    expect(screen.getByRole('menu')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Before' }));
    expect(screen.queryByRole('menu')).toBeNull();

    await userEvent.click(button());
    await userEvent.tab();
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('marks a dangerous item', async () => {
    render(<Row />);
    await userEvent.click(button());
    expect(item('Delete').className).toContain('danger');
    expect(item('Edit').className).not.toContain('danger');
  });
});
