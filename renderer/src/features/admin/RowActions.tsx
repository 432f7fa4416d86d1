export interface RowButton {
  /** The button's word ("Edit"). */
  label: string;
  /** What it does to which row, for screen readers ("Edit Ada Lovelace"). */
  name: string;
  danger?: boolean;
  onClick: () => void;
}

/** A table row's action buttons; `false` stands for an action this row does not offer. */
export function RowActions({ actions }: { actions: (RowButton | false)[] }) {
  return (
    <td className="admin-row-actions">
      {actions.map(
        (action) =>
          action && (
            <button
              key={action.name}
              className={action.danger ? 'button small danger' : 'button small'}
              type="button"
              aria-label={action.name}
              onClick={action.onClick}
            >
              {action.label}
            </button>
          ),
      )}
    </td>
  );
}
