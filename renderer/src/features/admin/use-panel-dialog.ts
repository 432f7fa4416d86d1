import { useState } from 'react';

/**
 * Which of a panel's dialogs is open, and the notice the last one left. A dialog closed with a
 * message (something changed) shows it and reloads the panel's list.
 */
export function usePanelDialog<Open>(reload: () => void) {
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const close = (message: string | null) => {
    setOpen(null);
    if (message) {
      setNotice(message);
      reload();
    }
  };

  return { open, setOpen, notice, setNotice, close };
}
