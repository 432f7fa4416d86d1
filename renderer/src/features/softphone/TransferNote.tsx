import { useTranslation } from 'react-i18next';
import { failureKey } from './failure-key';
import type { Call } from './use-calls';

type Transfer = NonNullable<Call['transfer']>;

/** How a transfer of this call goes: asked for here (under way, or why it failed), or made by the other side. */
export function TransferNote({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  const target = transfer.targetName ?? transfer.target;
  const text =
    transfer.by === 'other-side'
      ? t('softphone.transfer.transferredTo', { target })
      : transfer.state === 'failed'
        ? t('softphone.transfer.failed', {
            target,
            reason: t(failureKey(transfer.failure ?? 'refused')),
          })
        : transfer.state === 'trying'
          ? t('softphone.transfer.trying', { target })
          : null;
  if (!text) return null;
  return (
    <p className={`call-transfer${transfer.state === 'failed' ? ' failed' : ''}`} role="status">
      {text}
    </p>
  );
}

/** Who put this call through to this phone, when someone transferred it here. */
export function TransferredByNote({ by }: { by: NonNullable<Call['transferredBy']> }) {
  const { t } = useTranslation();
  return (
    <span className="call-transfer">
      {t('softphone.incoming.transferredBy', { name: by.name ?? by.number })}
    </span>
  );
}
