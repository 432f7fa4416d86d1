import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import { ErrorWordsContext } from '../../ui/error-message';
import { ScreenShownContext } from '../../ui/feedback';
import { SelectField } from '../../ui/Field';
import { adminErrorKey } from './admin-errors';
import { FIRST_SECTION, sectionGroupsFor } from './sections';
import './admin.css';

/**
 * The admin console of an elevated session. A section, once opened, stays mounted (hidden when
 * another is shown), so its filters, page and half-typed forms are there when the admin comes back;
 * what it said about the last change is not. A narrow window picks the section from a list.
 */
export default function AdminConsole({ session }: { session: Static<typeof Session> }) {
  const { t } = useTranslation();
  const consoleShown = useContext(ScreenShownContext);
  const [current, setCurrent] = useState(FIRST_SECTION);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([current]));
  const actor = { id: session.user.id, role: session.user.role };
  const groups = sectionGroupsFor(actor.role);

  const open = (id: string) => {
    setCurrent(id);
    setOpened((before) => new Set(before).add(id));
  };

  return (
    <ErrorWordsContext.Provider value={adminErrorKey}>
      <div className="admin-console">
        <nav className="admin-nav" aria-label={t('admin.nav')}>
          {groups.map((group) => (
            <div key={group.label} className="admin-nav-group">
              <h2>{t(group.label)}</h2>
              <ul>
                {group.sections.map((section) => (
                  <li key={section.id}>
                    <button
                      type="button"
                      aria-current={section.id === current ? 'page' : undefined}
                      onClick={() => open(section.id)}
                    >
                      {t(section.label)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="admin-nav-compact">
          <SelectField id="admin-section" label={t('admin.section')} value={current} onChange={open}>
            {groups.map((group) => (
              <optgroup key={group.label} label={t(group.label)}>
                {group.sections.map((section) => (
                  <option key={section.id} value={section.id}>
                    {t(section.label)}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </div>
        {groups
          .flatMap((group) => group.sections)
          .filter((section) => opened.has(section.id))
          .map(({ id, label, Panel }) => (
            <section key={id} className="admin-panel" hidden={id !== current} aria-label={t(label)}>
              <ScreenShownContext.Provider value={consoleShown && id === current}>
                <Panel actor={actor} />
              </ScreenShownContext.Provider>
            </section>
          ))}
      </div>
    </ErrorWordsContext.Provider>
  );
}
