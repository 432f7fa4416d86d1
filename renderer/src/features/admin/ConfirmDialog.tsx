import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { Dialog } from './Dialog';
import { FormError } from './PanelStatus';

export interface ConfirmDialogProps<T> {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  /** Runs on confirm; a refusal stays in the dialog, in words. */
  action: () => Promise<IpcResult<T>>;
  onDone: (value: T) => void;
  onCancel: () => void;
}

/** Asks before an action that cannot be taken back, and shows why it failed if it does. */
export function ConfirmDialog<T>({
  title,
  message,
  confirmLabel,
  danger,
  action,
  onDone,
  onCancel,
}: ConfirmDialogProps<T>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };

  return (
    <Dialog title={title} onClose={onCancel}>
      <FormError error={error} />
      <p>{message}</p>
      <div className="admin-actions">
        <button className="button" type="button" onClick={onCancel}>
          {t('admin.common.cancel')}
        </button>
        <button
          className={danger ? 'button danger' : 'button primary'}
          type="button"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
