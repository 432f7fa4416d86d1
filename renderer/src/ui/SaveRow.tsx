import { Announcer, InlineNotice } from './feedback';

/**
 * A settings form's save button, and what was saved said beside it (heard once, shown until the
 * person changes something).
 */
export function SaveRow({ busy, label, saved }: { busy: boolean; label: string; saved: string | null }) {
  return (
    <div className="stack">
      <div>
        <button className="button primary" type="submit" disabled={busy}>
          {label}
        </button>
      </div>
      <Announcer text={saved} />
      {saved && (
        <InlineNotice>
          <span aria-hidden="true">{saved}</span>
        </InlineNotice>
      )}
    </div>
  );
}
