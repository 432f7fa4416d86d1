import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import './dialog.css';

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href]';

/**
 * What makes a box modal for the keyboard: focus moves to its first control on open, Tab and
 * Shift+Tab stay inside, Escape calls `onClose`, and focus returns to where it was when it closes.
 * Spread the answered `onKeyDown` on the box.
 */
export function useModalFocus(box: RefObject<HTMLElement | null>, onClose: () => void) {
  // In the same commit that shows the box (a layout effect, not a later one): a key pressed as it
  // appears must not land on the screen behind it.
  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    return () => previous?.focus();
  }, [box]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return { onKeyDown };
}

export interface DialogProps {
  title: string;
  /** Escape and the dialog's own cancel buttons call this. */
  onClose: () => void;
  /** `alertdialog` for a question asked before an action that cannot be taken back. */
  role?: 'dialog' | 'alertdialog';
  /** The id of what the dialog says, read with its title. */
  describedBy?: string;
  children: ReactNode;
}

/** The app's modal dialog: a title above what it holds, over a dimmed window. */
export function Dialog({ title, onClose, role = 'dialog', describedBy, children }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const { onKeyDown } = useModalFocus(box, onClose);

  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        className="dialog stack"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
