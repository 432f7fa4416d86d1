import { useTranslation } from 'react-i18next';
import { failureKey } from './failure-key';
import type { Call } from './use-calls';

/** A call that has ended and that the person is told about: why it did not connect, or where it went. */
export function CallOutcomeCard({ call, onDismiss }: { call: Call; onDismiss: () => void }) {
  const { t } = useTranslation();
  const name = call.remoteName ?? call.remoteNumber;
  const transfer = call.transfer;
  const text = call.failure
    ? `${t('softphone.failure.title', { name })} ${t(failureKey(call.failure))}`
    : transfer && t('softphone.transfer.done', { name, target: transfer.targetName ?? transfer.target });
  return (
    <section className={`call-outcome${call.failure ? ' failed' : ''}`} role="status">
      <p>{text}</p>
      <button type="button" className="button small" onClick={onDismiss}>
        {t('softphone.failure.dismiss')}
      </button>
    </section>
  );
}
