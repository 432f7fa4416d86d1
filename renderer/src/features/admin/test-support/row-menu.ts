import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';

/** A row's actions menu button, in any language ("Actions for Ada", "Acciones de Ada"). */
const menuOf = (row: string) =>
  screen.findByRole('button', {
    name: (name, element) => name.endsWith(` ${row}`) && element.hasAttribute('aria-haspopup'),
  });

/** Chooses an action from a row's actions menu, as a person would. */
export async function chooseAction(row: string, action: string): Promise<void> {
  await userEvent.click(await menuOf(row));
  await userEvent.click(screen.getByRole('menuitem', { name: action }));
}

/** The actions a row's menu offers, in order (the menu is closed again after). */
export async function actionsOf(row: string): Promise<string[]> {
  await userEvent.click(await menuOf(row));
  const items = screen.getAllByRole('menuitem').map((item) => item.textContent ?? '');
  await userEvent.keyboard('{Escape}');
  return items;
}

/** Waits until the panel has told screen readers `text` about the last change. */
export async function expectSaid(text: string): Promise<void> {
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe(text));
}
