// The states every list screen shares: loading skeletons, empty with the one next step, and an
// error that says what happened and offers to try again.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../common/ipc/result';
import { errorMessageKey } from './error-message';
import './screen-states.css';

/** One grey block where something will be (a field, a card), named for readers while it loads. */
export function Skeleton({ label, className }: { label: string; className?: string }) {
  return (
    <div
      className={className ? `skeleton ${className}` : 'skeleton'}
      role="status"
      aria-busy="true"
      aria-label={label}
    />
  );
}

/** Grey rows where content will be, so the layout does not jump; a status named for readers. */
export function LoadingRows({
  label,
  rows = 5,
  className = 'screen-loading',
}: {
  label: string;
  rows?: number;
  className?: string;
}) {
  return (
    <div className={className} aria-busy="true" aria-label={label} role="status">
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="skeleton" />
      ))}
    </div>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint: string; action?: ReactNode }) {
  return (
    <div className="screen-empty">
      <h2>{title}</h2>
      <p>{hint}</p>
      {action}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: IpcError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="screen-error" role="alert">
      <p>{t(errorMessageKey(error))}</p>
      <button className="button" type="button" onClick={onRetry}>
        {t('screen.retry')}
      </button>
    </div>
  );
}

/**
 * The first load of a screen failed: offline, what needs the office and a retry; otherwise the
 * error itself.
 */
export function LoadFailed({
  error,
  offlineTitle,
  offlineHint,
  onRetry,
}: {
  error: IpcError;
  offlineTitle: string;
  offlineHint: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (error.code !== 'offline') return <ErrorState error={error} onRetry={onRetry} />;
  return (
    <EmptyState
      title={offlineTitle}
      hint={offlineHint}
      action={
        <button className="button" type="button" onClick={onRetry}>
          {t('screen.retry')}
        </button>
      }
    />
  );
}
