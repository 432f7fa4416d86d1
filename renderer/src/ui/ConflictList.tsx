// What stands in the way of a change, as the office listed it with its refusal: the extensions a
// numbering plan would leave out, or what still sends calls to something being deleted.
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../common/api/errors';

// Each key written out whole, so the catalogue check sees it used.
const KIND_KEYS: Partial<Record<string, string>> = {
  extension: 'conflicts.kinds.extension',
  'ring-group': 'conflicts.kinds.ring-group',
  receptionist: 'conflicts.kinds.receptionist',
  conference: 'conflicts.kinds.conference',
  'phone-number': 'conflicts.kinds.phone-number',
  forwarding: 'conflicts.kinds.forwarding',
};
const REASON_KEYS: Partial<Record<string, string>> = {
  range: 'conflicts.reasons.range',
  length: 'conflicts.reasons.length',
};

export function ConflictList({ conflicts, label }: { conflicts: Conflict[]; label?: string }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <ul className="conflict-list" aria-label={label ?? t('conflicts.label')}>
      {conflicts.map((conflict) => {
        const kindKey = KIND_KEYS[conflict.kind];
        const kind = kindKey ? t(kindKey) : conflict.kind;
        const reasonKey = conflict.reason ? REASON_KEYS[conflict.reason] : undefined;
        return (
          <li key={`${conflict.kind}:${conflict.number}`}>
            {conflict.name
              ? t('conflicts.item', { kind, number: conflict.number, name: conflict.name })
              : t('conflicts.itemNoName', { kind, number: conflict.number })}
            {reasonKey && ` — ${t(reasonKey)}`}
          </li>
        );
      })}
    </ul>
  );
}
