import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../../common/ipc/result';
import type { IpcState } from '../../app/use-ipc';
import { LoadingRows as ScreenLoadingRows } from '../../ui/ScreenStates';
import { adminErrorKey } from './admin-errors';

/** Rows of grey while a panel loads. */
export function LoadingRows({ label }: { label: string }) {
  return <ScreenLoadingRows label={label} rows={4} className="admin-loading" />;
}

/** A panel that could not load: what happened, in words, and a way to try again. */
export function LoadError({ error, onRetry }: { error: IpcError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={error.code === 'offline' ? 'admin-offline stack' : 'alert stack'} role="alert">
      <p>{error.code === 'offline' ? t('admin.common.offline') : t(adminErrorKey(error))}</p>
      <div>
        <button className="button" type="button" onClick={onRetry}>
          {t('admin.common.retry')}
        </button>
      </div>
    </div>
  );
}

/** What a panel or dialog loads, while it loads and when it failed; `children` once it is there. */
export function Loading<T>({
  state,
  onRetry,
  children,
}: {
  state: IpcState<T>;
  onRetry: () => void;
  children: (value: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <LoadingRows label={t('admin.common.loading')} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={onRetry} />;
  return <>{children(state.value)}</>;
}

/**
 * The four states of a list a panel shows: loading, failed, empty (with what to do next) and
 * its rows, drawn by `children`.
 */
export function ListStates<T>({
  state,
  onRetry,
  empty,
  children,
}: {
  state: IpcState<{ items: T[] }>;
  onRetry: () => void;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <Loading state={state} onRetry={onRetry}>
      {({ items }) =>
        items.length === 0 ? <div className="admin-empty stack">{empty}</div> : children(items)
      }
    </Loading>
  );
}
