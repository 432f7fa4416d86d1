import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import { useApi } from '../../app/api-context';
import { ConnectionContext, useConnectionState } from '../../app/connection';
import { ScreenShownContext } from '../../ui/feedback';
import { Skeleton } from '../../ui/ScreenStates';
import { CallLog } from '../call-log/CallLog';
import { Preferences } from '../preferences/Preferences';
import { useMailLanguage } from '../preferences/use-mail-language';
import { CommandPalette } from '../palette/CommandPalette';
import { DoNotDisturbToggle } from './DoNotDisturbToggle';
import type { PaletteCommand } from '../palette/commands';
import { DialLinkPrompt } from '../softphone/DialLinkPrompt';
import { RegistrationStatus } from '../softphone/RegistrationStatus';
import { Softphone, type DialRequest } from '../softphone/Softphone';
import { isIncomingRinging, useCalls } from '../softphone/use-calls';
import { useVoicemail } from '../voicemail/use-voicemail';
import { Voicemail } from '../voicemail/Voicemail';
import './shell.css';

// Only an elevated session ever downloads the admin console's code.
const AdminConsole = lazy(() => import('../admin/AdminConsole'));

type Section = 'phone' | 'call-log' | 'voicemail' | 'preferences' | 'admin';

const LABEL_KEYS: Record<Section, string> = {
  phone: 'shell.nav.phone',
  'call-log': 'shell.nav.callLog',
  voicemail: 'shell.nav.voicemail',
  preferences: 'shell.nav.preferences',
  admin: 'shell.nav.admin',
};

/** What a compact window's navigation bar shows: a word of the full label, which fits 72 px. */
const SHORT_LABEL_KEYS: Record<Section, string> = {
  phone: 'shell.navShort.phone',
  'call-log': 'shell.navShort.callLog',
  voicemail: 'shell.navShort.voicemail',
  preferences: 'shell.navShort.preferences',
  admin: 'shell.navShort.admin',
};

/** Something the person is told once, above every section, until they dismiss it. */
export interface ShellNotice {
  text: string;
  onDismiss: () => void;
}

/** The signed-in app: header, navigation, and the section the person chose. */
export function Shell({ session, notice }: { session: Static<typeof Session>; notice?: ShellNotice | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const connection = useConnectionState();
  const voicemail = useVoicemail();
  const calls = useCalls();
  // A call in progress is marked on Phone in the navigation, so it is not lost on another screen.
  const onACall = calls.calls.some((call) => !isIncomingRinging(call));
  const mail = useMailLanguage(session.user);
  const [section, setSection] = useState<Section>('phone');
  // Sections once opened stay mounted (hidden), so their scroll position and filters survive.
  const [opened, setOpened] = useState<ReadonlySet<Section>>(new Set(['phone']));
  const [signingOut, setSigningOut] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [dialRequest, setDialRequest] = useState<DialRequest | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const navigated = useRef(false);
  const elevated = session.scope === 'admin';
  const sections: Section[] = [
    'phone',
    'call-log',
    'voicemail',
    'preferences',
    ...(elevated ? ['admin' as const] : []),
  ];

  useEffect(() => {
    if (navigated.current) heading.current?.focus();
  }, [section]);

  // The call log is the screen people open next: it is drawn, hidden, once the app is idle after
  // sign-in, so opening it shows its calls at once (it fetches the newest again when shown).
  useEffect(() => {
    const open = () => setOpened((current) => new Set([...current, 'call-log']));
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(open, 0);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(open, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  /** Shows a section; its heading takes the focus unless what brought it has a better place for it. */
  const go = useCallback((next: Section, focusHeading = true) => {
    navigated.current = focusHeading;
    setSection(next);
    setOpened((current) => (current.has(next) ? current : new Set([...current, next])));
  }, []);

  // A clicked system notification (a missed call, a new message) brings the window up on its screen.
  useEffect(() => api.app.onShowScreen(({ screen }) => go(screen)), [api, go]);

  // A ringing call is answered on the phone screen, whatever screen the person was on; its card
  // takes the focus there (Answer), not the heading.
  useEffect(
    () =>
      api.calls.onIncoming((call) => {
        if (isIncomingRinging(call)) go('phone', false);
      }),
    [api, go],
  );

  // A call placed from elsewhere (the palette, the call log, a voice message) goes through the
  // softphone, where its controls and any error are.
  const call = useCallback(
    (target: string) => {
      go('phone');
      setDialRequest({ target });
    },
    [go],
  );

  const signOut = () => {
    setSigningOut(true);
    void api.auth.signOut({}).finally(() => setSigningOut(false));
  };

  const runCommand = (command: PaletteCommand) => {
    if (command.kind === 'go') go(command.section as Section);
    else if (command.kind === 'call') call(command.target);
    else signOut();
  };

  const screens: Record<Section, ReactNode> = {
    phone: <Softphone calls={calls} dialRequest={dialRequest} />,
    'call-log': <CallLog shown={section === 'call-log'} onCall={call} />,
    voicemail: <Voicemail box={voicemail} onCall={call} />,
    preferences: <Preferences session={session} mail={mail} />,
    admin: (
      <Suspense fallback={<Skeleton className="title" label={t('shell.loadingAdmin')} />}>
        <AdminConsole session={session} />
      </Suspense>
    ),
  };

  const { user } = session;
  return (
    <ConnectionContext.Provider value={connection}>
      <div className="shell" data-elevated={elevated}>
        <header className="shell-header">
          <div className="shell-identity">
            <span className="shell-name">{user.name}</span>
            <span className="shell-extension">
              {user.extension ? t('shell.extension', { extension: user.extension }) : t('shell.noExtension')}
            </span>
          </div>
          <RegistrationStatus />
          {user.extension && <DoNotDisturbToggle />}
          {elevated && (
            <span className="shell-elevated">
              {t('shell.elevated')}
              {session.idleMinutes != null && (
                <span className="shell-elevated-limit">
                  <span aria-hidden="true"> · </span>
                  {t('shell.elevatedLimit', { minutes: session.idleMinutes })}
                </span>
              )}
            </span>
          )}
          <button
            className="button shell-commands"
            type="button"
            aria-keyshortcuts="Control+K Meta+K"
            onClick={() => setPaletteOpen(true)}
          >
            {t('palette.open')} <kbd aria-hidden="true">Ctrl K</kbd>
          </button>
          <button className="button shell-sign-out" type="button" disabled={signingOut} onClick={signOut}>
            {t('shell.signOut')}
          </button>
        </header>
        <nav className="shell-nav" aria-label={t('shell.navigation')}>
          <ul>
            {sections.map((id) => (
              <li key={id} className={id === 'admin' ? 'shell-nav-admin' : undefined}>
                <button
                  type="button"
                  aria-current={section === id ? 'page' : undefined}
                  onClick={() => go(id)}
                >
                  <span className="shell-nav-label">{t(LABEL_KEYS[id])}</span>
                  <span className="shell-nav-short" aria-hidden="true">
                    {t(SHORT_LABEL_KEYS[id])}
                  </span>
                  {id === 'phone' && onACall && (
                    <>
                      <span className="shell-call-dot" aria-hidden="true" />
                      <span className="visually-hidden">{t('shell.onACall')}</span>
                    </>
                  )}
                  {id === 'voicemail' && voicemail.unread > 0 && (
                    <span className="shell-badge">
                      <span aria-hidden="true">{voicemail.unread}</span>
                      <span className="visually-hidden">
                        {t('shell.unread', { count: voicemail.unread })}
                      </span>
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="shell-main" aria-labelledby="shell-heading">
          {connection === 'offline' && (
            <p className="shell-offline" role="status">
              {t('shell.offline')}
            </p>
          )}
          {notice && (
            <div className="shell-notice" role="status">
              <p>{notice.text}</p>
              <button className="button" type="button" onClick={notice.onDismiss}>
                {t('signIn.dismissNotice')}
              </button>
            </div>
          )}
          <h1 id="shell-heading" ref={heading} tabIndex={-1}>
            {t(LABEL_KEYS[section])}
          </h1>
          {sections
            .filter((id) => opened.has(id))
            .map((id) => (
              <div key={id} hidden={id !== section} className="shell-screen">
                <ScreenShownContext.Provider value={id === section}>
                  {screens[id]}
                </ScreenShownContext.Provider>
              </div>
            ))}
        </main>
      </div>
      <DialLinkPrompt onCall={call} />
      {paletteOpen && (
        <CommandPalette
          sections={sections.map((id) => ({ id, label: t(LABEL_KEYS[id]) }))}
          onRun={runCommand}
          onClose={() => setPaletteOpen(false)}
        />
      )}
    </ConnectionContext.Provider>
  );
}
