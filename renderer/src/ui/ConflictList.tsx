// What stands in the way of a change, as the office listed it with its refusal: the extensions a
// numbering plan would leave out, or what still sends calls to something being deleted.
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../common/api/errors';

const KNOWN_KINDS = new Set([
  'extension',
  'ring-group',
  'receptionist',
  'conference',
  'phone-number',
  'forwarding',
]);
const KNOWN_REASONS = new Set(['range', 'length']);

export function ConflictList({ conflicts, label }: { conflicts: Conflict[]; label?: string }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <ul className="conflict-list" aria-label={label ?? t('conflicts.label')}>
      {conflicts.map((conflict) => {
        const kind = KNOWN_KINDS.has(conflict.kind) ? t(`conflicts.kinds.${conflict.kind}`) : conflict.kind;
        const reason = conflict.reason && KNOWN_REASONS.has(conflict.reason) ? conflict.reason : null;
        return (
          <li key={`${conflict.kind}:${conflict.number}`}>
            {conflict.name
              ? t('conflicts.item', { kind, number: conflict.number, name: conflict.name })
              : t('conflicts.itemNoName', { kind, number: conflict.number })}
            {reason && ` (${t(`conflicts.reasons.${reason}`)})`}
          </li>
        );
      })}
    </ul>
  );
}
