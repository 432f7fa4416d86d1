import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** Opens a console section from its navigation, as a person would. */
export async function openSection(name: string): Promise<void> {
  // The console's one navigation, whatever its language.
  const nav = screen.getByRole('navigation');
  await userEvent.click(within(nav).getByRole('button', { name }));
}
