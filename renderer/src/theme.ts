export type ThemeChoice = 'system' | 'light' | 'dark';

let current: ThemeChoice = 'system';
let following = false;

function resolved(): 'light' | 'dark' {
  if (current !== 'system') return current;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Sets `data-theme` on the document; "system" follows the OS, also when it changes later. */
export function applyTheme(choice: ThemeChoice): void {
  current = choice;
  document.documentElement.dataset.theme = resolved();
  if (following) return;
  following = true;
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
    document.documentElement.dataset.theme = resolved();
  });
}
