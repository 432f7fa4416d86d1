import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../../common/ipc/result';
import { adminErrorKey } from './admin-errors';

/** Rows of grey while a panel loads: the layout does not jump when the data arrives. */
export function LoadingRows({ label }: { label: string }) {
  return (
    <div className="admin-loading" aria-busy="true" role="status" aria-label={label}>
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="skeleton" />
      ))}
    </div>
  );
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

/** A request's refusal shown inside a form or dialog. */
export function FormError({ error }: { error: IpcError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert" role="alert">
      {t(adminErrorKey(error))}
    </div>
  );
}
