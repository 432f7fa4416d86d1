import type { ReactNode } from 'react';

/** A panel's title and the buttons that act on the whole panel (add, refresh, download). */
export function PanelHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="admin-panel-head">
      <h1>{title}</h1>
      {children}
    </header>
  );
}

/** What the panel's last action did, announced to screen readers; nothing until there is one. */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="admin-notice" role="status">
      {text}
    </p>
  );
}
