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
