import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** Opens a console section from its navigation, as a person would. */
export async function openSection(name: string): Promise<void> {
  const nav = screen.getByRole('navigation', { name: 'Admin console sections' });
  await userEvent.click(within(nav).getByRole('button', { name }));
}
