import { useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcResult } from '../../../common/ipc/result';
import { useSubmit } from '../app/use-ipc';
import { Dialog, type DialogProps } from './Dialog';
import { FormError } from './FormError';
import { useFirstProblemInView } from './feedback';

export interface FormDialogProps<T> {
  title: string;
  submitLabel: string;
  /** Sends the form; a refusal stays in the dialog with the typed values. */
  save: () => Promise<IpcResult<T>>;
  onSaved: (value: T) => void;
  onCancel: () => void;
  /** False while what is typed cannot be sent yet (or what the dialog shows is still loading). */
  ready?: boolean;
  /** The submit button in the colour of an action that cannot be taken back. */
  danger?: boolean;
  role?: DialogProps['role'];
  describedBy?: string;
  /** The fields, given the last refusal so they can mark themselves. */
  children: (error: IpcError | null) => ReactNode;
}

/** A dialog that sends one request: its refusal in words, Cancel, and a submit button that shows it is busy. */
export function FormDialog<T>({
  title,
  submitLabel,
  save,
  onSaved,
  onCancel,
  ready = true,
  danger = false,
  role,
  describedBy,
  children,
}: FormDialogProps<T>) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmit(save, onSaved);
  const form = useRef<HTMLFormElement>(null);
  // A refusal shows at the top and marks its fields: the first is brought into view.
  useFirstProblemInView(form, error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) void submit();
  };

  return (
    <Dialog title={title} onClose={onCancel} role={role} describedBy={describedBy}>
      <form ref={form} className="stack" onSubmit={onSubmit}>
        <FormError error={error} />
        {children(error)}
        <div className="dialog-actions">
          <button className="button" type="button" onClick={onCancel}>
            {t('dialog.cancel')}
          </button>
          <button
            className={danger ? 'button danger' : 'button primary'}
            type="submit"
            disabled={busy || !ready}
          >
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export interface ConfirmDialogProps<T> {
  title: string;
  /** What the action does, read with the title. */
  message: string;
  confirmLabel: string;
  danger?: boolean;
  /** Runs on confirm; a refusal stays in the dialog, in words. */
  action: () => Promise<IpcResult<T>>;
  onDone: (value: T) => void;
  onCancel: () => void;
  /** False while the dialog cannot act yet (what it shows is still loading). */
  ready?: boolean;
  /** What the person should see before the message (what the action will also affect). */
  children?: ReactNode;
}

/**
 * Asks before an action that cannot be taken back. Focus starts on Cancel, the safe choice (the
 * first control), and the refusal, if any, shows in the dialog.
 */
export function ConfirmDialog<T>({
  title,
  message,
  confirmLabel,
  danger,
  action,
  onDone,
  onCancel,
  ready,
  children,
}: ConfirmDialogProps<T>) {
  const messageId = useId();
  return (
    <FormDialog
      title={title}
      submitLabel={confirmLabel}
      save={action}
      onSaved={onDone}
      onCancel={onCancel}
      ready={ready}
      danger={danger}
      role="alertdialog"
      describedBy={messageId}
    >
      {() => (
        <>
          {children}
          <p id={messageId}>{message}</p>
        </>
      )}
    </FormDialog>
  );
}

/** Whether the office's refusal is about this body field (or is one of `codes`). */
export const refused = (error: IpcError | null, field: string, ...codes: IpcError['code'][]) =>
  error !== null && (error.field === `body.${field}` || codes.includes(error.code));
