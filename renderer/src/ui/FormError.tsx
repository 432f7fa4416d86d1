import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../common/ipc/result';
import { ConflictList } from './ConflictList';
import { useErrorKey } from './error-message';

/**
 * A request's refusal shown in a form, a dialog or above a list, in the words of the area it is
 * in (or the `wording` given).
 */
export function FormError({
  error,
  wording,
  id,
}: {
  error: IpcError | null;
  wording?: (error: IpcError) => string;
  id?: string;
}) {
  const { t } = useTranslation();
  const areaWording = useErrorKey();
  if (!error) return null;
  return (
    <div className="alert" role="alert" id={id}>
      {t((wording ?? areaWording)(error))}
      {error.conflicts && <ConflictList conflicts={error.conflicts} />}
    </div>
  );
}
