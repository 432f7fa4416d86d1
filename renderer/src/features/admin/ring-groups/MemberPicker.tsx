// A ring group's members, chosen from the colleagues the office lists (by name or extension),
// never typed as numbers: the order shown is the order they ring in.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteTarget } from '../../../../../common/api/directory';
import type { RingGroupMember } from '../../../../../common/api/ring-groups';
import { TextField } from '../../../ui/Field';

/** Most matches offered at once: a longer search narrows them. */
const MAX_MATCHES = 8;

export interface MemberPickerProps {
  /** Colleagues' extensions the office lists (route targets of kind `extension`). */
  colleagues: RouteTarget[];
  /** The group's members as saved: names for those the list no longer has. */
  saved: RingGroupMember[];
  /** Chosen extensions, in ringing order. */
  value: string[];
  onChange: (members: string[]) => void;
  invalid?: boolean;
}

export function MemberPicker({ colleagues, saved, value, onChange, invalid }: MemberPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const nameOf = (number: string) =>
    colleagues.find((colleague) => colleague.number === number)?.name ??
    saved.find((member) => member.extension === number)?.name ??
    number;
  const term = search.trim().toLocaleLowerCase();
  const matches = term
    ? colleagues
        .filter((colleague) => !value.includes(colleague.number))
        .filter(
          (colleague) =>
            colleague.name.toLocaleLowerCase().includes(term) || colleague.number.startsWith(term),
        )
        .slice(0, MAX_MATCHES)
    : [];
  const moveUp = (index: number) =>
    onChange([...value.slice(0, index - 1), value[index]!, value[index - 1]!, ...value.slice(index + 1)]);

  return (
    <fieldset className="member-picker" aria-invalid={invalid || undefined}>
      <legend>{t('admin.ringGroups.members')}</legend>
      {value.length === 0 ? (
        <p className="hint">{t('admin.ringGroups.noMembers')}</p>
      ) : (
        <ol aria-label={t('admin.ringGroups.members')}>
          {value.map((number, index) => {
            const name = nameOf(number);
            return (
              <li key={number}>
                <span>{t('admin.numbers.target', { number, name })}</span>
                {index > 0 && (
                  <button type="button" onClick={() => moveUp(index)}>
                    {t('admin.ringGroups.moveUp', { name })}
                  </button>
                )}
                <button type="button" onClick={() => onChange(value.filter((chosen) => chosen !== number))}>
                  {t('admin.ringGroups.removeMember', { name })}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <TextField
        id="ring-group-member-search"
        label={t('admin.ringGroups.findMember')}
        hint={t('admin.ringGroups.findMemberHint')}
        type="search"
        value={search}
        onChange={setSearch}
      />
      {term && matches.length === 0 && <p className="hint">{t('admin.ringGroups.noMatch')}</p>}
      {matches.length > 0 && (
        <ul aria-label={t('admin.ringGroups.matches')}>
          {matches.map((colleague) => (
            <li key={colleague.number}>
              <button
                type="button"
                onClick={() => {
                  onChange([...value, colleague.number]);
                  setSearch('');
                }}
              >
                {t('admin.ringGroups.addMember', { name: colleague.name, number: colleague.number })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
