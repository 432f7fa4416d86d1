import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../../common/ipc/result';
import { Dialog } from './Dialog';
import { FormError } from './PanelStatus';
import { useSubmit } from './use-submit';

export interface ConfirmDialogProps<T> {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  /** Runs on confirm; a refusal stays in the dialog, in words. */
  action: () => Promise<IpcResult<T>>;
  onDone: (value: T) => void;
  onCancel: () => void;
  /** False while the dialog cannot act yet (what it shows is still loading). */
  ready?: boolean;
  /** What the admin should see before the message (what the action will also affect). */
  children?: ReactNode;
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
  ready = true,
  children,
}: ConfirmDialogProps<T>) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmit(action, onDone);

  return (
    <Dialog title={title} onClose={onCancel}>
      <FormError error={error} />
      {children}
      <p>{message}</p>
      <div className="admin-actions">
        <button className="button" type="button" onClick={onCancel}>
          {t('admin.common.cancel')}
        </button>
        <button
          className={danger ? 'button danger' : 'button primary'}
          type="button"
          disabled={busy || !ready}
          onClick={() => void submit()}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
