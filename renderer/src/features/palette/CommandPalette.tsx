import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalFocus } from '../../ui/Dialog';
import { useColleagueSearch } from '../softphone/use-colleague-search';
import { paletteCommands, type PaletteCommand } from './commands';
import './palette.css';

export interface CommandPaletteProps {
  /** The sections the person may open, with their names in the app's language. */
  sections: readonly { id: string; label: string }[];
  onRun: (command: PaletteCommand) => void;
  onClose: () => void;
}

/**
 * Ctrl+K: one field to go anywhere or call anyone. Focus stays in the field (the options are
 * announced through aria-activedescendant), arrows move, Enter runs, Escape closes, and focus
 * returns to where it was.
 */
export function CommandPalette({ sections, onRun, onClose }: CommandPaletteProps) {
  const { t } = useTranslation();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  // The field is the palette's only stop: it takes the focus, and gives it back on close.
  const modal = useModalFocus(box, onClose);
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const search = useColleagueSearch(typed);
  const colleagues = search.status === 'done' ? search.colleagues : [];

  const commands = useMemo(
    () =>
      paletteCommands(typed, sections, colleagues, {
        goTo: (section) => t('palette.goTo', { section }),
        call: (target) => t('palette.call', { target }),
        colleague: (colleague) =>
          t('palette.colleague', { name: colleague.name, extension: colleague.extension }),
        signOut: t('shell.signOut'),
      }),
    [typed, sections, colleagues, t],
  );
  const current = commands[Math.min(active, commands.length - 1)];

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    onRun(command);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves && commands.length > 0) {
      event.preventDefault();
      const from = Math.min(active, commands.length - 1);
      setActive((from + moves[event.key]! + commands.length) % commands.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(current);
    }
  };

  const optionId = (command: PaletteCommand) => `${id}-${command.id}`;
  return (
    <div
      className="palette-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        ref={box}
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('palette.title')}
        onKeyDown={modal.onKeyDown}
      >
        <input
          className="palette-field"
          role="combobox"
          aria-label={t('palette.field')}
          aria-expanded={commands.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(current) : undefined}
          placeholder={t('palette.placeholder')}
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={`${id}-list`} className="palette-list" role="listbox" aria-label={t('palette.results')}>
          {commands.map((command) => (
            <li
              key={command.id}
              id={optionId(command)}
              role="option"
              aria-selected={command === current}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => run(command)}
            >
              {command.label}
            </li>
          ))}
        </ul>
        {commands.length === 0 && (
          <p className="palette-empty" role="status">
            {search.status === 'searching' ? t('palette.searching') : t('palette.nothing')}
          </p>
        )}
      </div>
    </div>
  );
}
