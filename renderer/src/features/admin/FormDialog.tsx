import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { Dialog } from './Dialog';
import { FormError } from './PanelStatus';
import { useSubmit } from './use-submit';

export interface FormDialogProps<T> {
  title: string;
  submitLabel: string;
  /** Sends the form; a refusal stays in the dialog with the typed values. */
  save: () => Promise<IpcResult<T>>;
  onSaved: (value: T) => void;
  onCancel: () => void;
  /** False while what is typed cannot be sent yet. */
  ready?: boolean;
  /** The fields, given the office's last refusal so they can mark themselves. */
  children: (error: IpcError | null) => ReactNode;
}

/** A dialog with a form: its refusal in words, Cancel, and a submit button that shows it is busy. */
export function FormDialog<T>({
  title,
  submitLabel,
  save,
  onSaved,
  onCancel,
  ready = true,
  children,
}: FormDialogProps<T>) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmit(save, onSaved);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) void submit();
  };

  return (
    <Dialog title={title} onClose={onCancel}>
      <form className="stack" onSubmit={onSubmit}>
        <FormError error={error} />
        {children(error)}
        <div className="admin-actions">
          <button className="button" type="button" onClick={onCancel}>
            {t('admin.common.cancel')}
          </button>
          <button className="button primary" type="submit" disabled={busy || !ready}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Whether the office's refusal is about this body field. */
export const refused = (error: IpcError | null, field: string, ...codes: IpcError['code'][]) =>
  error !== null && (error.field === `body.${field}` || codes.includes(error.code));
