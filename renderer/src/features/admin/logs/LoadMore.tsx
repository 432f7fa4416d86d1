import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../../../common/ipc/result';
import { FormError } from '../../../ui/FormError';

/** The end of a growing list: its next page on demand, or why it could not come. */
export function LoadMore({
  nextCursor,
  loading,
  error,
  onLoad,
}: {
  nextCursor: string | null;
  loading: boolean;
  error: IpcError | null;
  onLoad: () => void;
}) {
  const { t } = useTranslation();
  if (!nextCursor) return null;
  return (
    <div className="stack">
      <FormError error={error} />
      <div>
        <button className="button" type="button" disabled={loading} onClick={onLoad}>
          {loading ? t('admin.common.loading') : t('admin.logs.loadMore')}
        </button>
      </div>
    </div>
  );
}
