import { useEffect, useId, useState, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { DialTarget } from '../../../../common/ipc/domains/calls';
import { errorMessageKey } from '../../ui/error-message';
import { TextField } from '../../ui/Field';
import { schemaLimits } from '../../ui/field-limits';
import { cleanPasted, dialTarget } from './dial-number';
import { useColleagueSearch } from './use-colleague-search';

export interface TargetFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A dialable target: the typed number, or the extension of the colleague picked. */
  onSubmit: (target: string) => void;
  /** Told what Enter would call now (null: nothing dialable yet), for the buttons beside the field. */
  onTargetChange?: (target: string | null) => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A number or a colleague's name: typing a name (or the start of an extension) lists matching
 * colleagues to pick with the arrow keys; Enter calls the one picked, or the number typed.
 */
export function TargetField({ label, value, onChange, onSubmit, onTargetChange, ref }: TargetFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const search = useColleagueSearch(value);
  const [active, setActive] = useState(-1);
  const [notDialable, setNotDialable] = useState(false);
  const colleagues = search.status === 'done' ? search.colleagues : [];
  const open = colleagues.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  const change = (next: string) => {
    setActive(-1);
    setNotDialable(false);
    onChange(next);
  };

  // The colleague picked with the arrows, else the only one listed for a name (no need to pick
  // them first), else the number typed.
  const picked =
    colleagues[active] ?? (colleagues.length === 1 && !dialTarget(value) ? colleagues[0] : undefined);
  const target = picked ? picked.extension : dialTarget(value);
  useEffect(() => onTargetChange?.(target), [onTargetChange, target]);

  const submit = () => {
    if (target) onSubmit(target);
    else setNotDialable(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && colleagues.length > 0) {
      event.preventDefault();
      setActive((index) => (index + 1) % colleagues.length);
    } else if (event.key === 'ArrowUp' && colleagues.length > 0) {
      event.preventDefault();
      setActive((index) => (index <= 0 ? colleagues.length - 1 : index - 1));
    } else if (event.key === 'Escape' && value) {
      event.preventDefault();
      change('');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    event.preventDefault();
    const input = event.currentTarget;
    const pasted = cleanPasted(event.clipboardData.getData('text'));
    const start = input.selectionStart ?? value.length;
    const end = input.selectionEnd ?? value.length;
    change(`${value.slice(0, start)}${pasted}${value.slice(end)}`);
  };

  const hint = notDialable
    ? t('softphone.search.notDialable')
    : search.status === 'searching'
      ? t('softphone.search.searching')
      : search.status === 'error'
        ? `${t('softphone.search.failed')} ${t(errorMessageKey(search.error))}`
        : search.status === 'done' && colleagues.length === 0
          ? t('softphone.search.noMatch', { text: value.trim() })
          : null;

  return (
    <TextField
      ref={ref}
      id={`${id}-input`}
      className="target-field"
      label={label}
      role="combobox"
      autoComplete="off"
      spellCheck={false}
      // A colleague's name is typed here too: only the length of a dial target holds.
      maxLength={schemaLimits(DialTarget).maxLength}
      aria-expanded={open}
      aria-controls={open ? `${id}-list` : undefined}
      aria-autocomplete="list"
      aria-activedescendant={active >= 0 ? optionId(active) : undefined}
      invalid={notDialable}
      describedBy={`${id}-hint`}
      value={value}
      onChange={change}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
    >
      {/* Always there (empty when there is nothing to say), so what it says next is read out. */}
      <p id={`${id}-hint`} className="target-hint" aria-live="polite">
        {hint}
      </p>
      {open && (
        <ul
          id={`${id}-list`}
          role="listbox"
          aria-label={t('softphone.search.colleagues')}
          className="suggestions"
        >
          {colleagues.map((colleague, index) => (
            <li
              key={colleague.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onSubmit(colleague.extension)}
            >
              <span className="suggestion-name">{colleague.name}</span>
              <span className="suggestion-extension">{colleague.extension}</span>
            </li>
          ))}
        </ul>
      )}
    </TextField>
  );
}
