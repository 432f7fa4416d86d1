// A button that opens a menu of actions, as the ARIA menu button pattern has it: Enter, Space or
// ↓ open it on the first item (↑ on the last), ↑ ↓ Home End move, a letter jumps to the next item
// starting with it, Escape closes it back to the button, Tab closes it and moves on; a click
// outside closes it. The menu is drawn over the page (fixed), so a scrolling table never clips it;
// it follows its button as the page scrolls, and closes once the button is out of sight.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './menu-button.css';

export interface MenuItem {
  /** The item's words. */
  label: string;
  danger?: boolean;
  onSelect: () => void;
}

export interface MenuButtonProps {
  /** What the button says to screen readers ("Actions for Ana Ruiz"); it shows `text`. */
  label: string;
  /** What the button shows (an ellipsis by default). */
  text?: string;
  items: MenuItem[];
}

/** Where the menu goes: under the button, its right edge on the button's, above it when there is no room below. */
function place(button: DOMRect, menu: DOMRect): { top: number; left: number } {
  const below = button.bottom + 4;
  const top = below + menu.height <= window.innerHeight ? below : Math.max(4, button.top - 4 - menu.height);
  const left = Math.min(Math.max(4, button.right - menu.width), window.innerWidth - menu.width - 4);
  return { top, left };
}

export function MenuButton({ label, text = '⋯', items }: MenuButtonProps) {
  const menuId = useId();
  const buttonId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  // Which item has the focus when open; null when closed.
  const [active, setActive] = useState<number | null>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const open = active !== null;

  const close = (focusButton: boolean) => {
    setActive(null);
    setPosition(null);
    if (focusButton) button.current?.focus();
  };

  useLayoutEffect(() => {
    if (!open || !button.current || !menu.current) return;
    setPosition(place(button.current.getBoundingClientRect(), menu.current.getBoundingClientRect()));
  }, [open]);

  useEffect(() => {
    if (active === null) return;
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus({ preventScroll: true });
  }, [active, position]);

  // A click elsewhere closes it; the page moving under it moves it along with its button.
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    const moved = () => {
      if (!button.current || !menu.current) return;
      const at = button.current.getBoundingClientRect();
      if (at.bottom < 0 || at.top > window.innerHeight) close(false);
      else setPosition(place(at, menu.current.getBoundingClientRect()));
    };
    document.addEventListener('pointerdown', outside);
    window.addEventListener('scroll', moved, true);
    window.addEventListener('resize', moved);
    return () => {
      document.removeEventListener('pointerdown', outside);
      window.removeEventListener('scroll', moved, true);
      window.removeEventListener('resize', moved);
    };
  }, [open]);

  const select = (item: MenuItem) => {
    // Focus is back on the button first, so a dialog the item opens returns it there.
    close(true);
    item.onSelect();
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(event.key === 'ArrowDown' ? 0 : items.length - 1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    if (active === null) return;
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active === last ? 0 : active + 1,
      ArrowUp: active === 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    } else if (event.key.length === 1 && /\S/.test(event.key)) {
      const letter = event.key.toLocaleLowerCase();
      const order = [...items.keys()].map((offset) => (active + 1 + offset) % items.length);
      const next = order.find((index) => items[index]!.label.toLocaleLowerCase().startsWith(letter));
      if (next !== undefined) setActive(next);
    }
  };

  return (
    <>
      <button
        ref={button}
        id={buttonId}
        className="button small menu-button"
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(true) : setActive(0))}
        onKeyDown={onButtonKeyDown}
      >
        <span aria-hidden="true">{text}</span>
      </button>
      {open && (
        <ul
          ref={menu}
          id={menuId}
          className="menu"
          role="menu"
          aria-labelledby={buttonId}
          style={position ?? { visibility: 'hidden' }}
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item, index) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={index === active ? 0 : -1}
                className={item.danger ? 'menu-item danger' : 'menu-item'}
                onClick={() => select(item)}
                onMouseEnter={() => setActive(index)}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
