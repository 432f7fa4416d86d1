import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { SessionEndReason } from '../../../common/api/auth';
import type { FirstRunAdmin } from '../../../common/ipc/domains/app';
import type { Session } from '../../../common/ipc/domains/auth';
import { FirstRun } from '../features/first-run/FirstRun';
import { SignIn } from '../features/sign-in/SignIn';
import { ForcedPasswordChange } from '../features/password-change/ForcedPasswordChange';
import { Shell, type ShellNotice } from '../features/shell/Shell';
import { ElevatedSession } from '../features/admin/ElevatedSession';
import { useApi } from './api-context';
import { useFollowSettings } from './follow-settings';

type Boot =
  | { stage: 'loading' }
  | { stage: 'first-run'; admin: Static<typeof FirstRunAdmin>; lastLogin: string }
  /**
   * `endedByOffice`: the office ended the session, for the reason it gave, so sign-in says why.
   * `recoveryCode`: a switchboard://recover link's, so it opens on password recovery with it;
   * `linked` counts the links that came, each opening its screen afresh.
   */
  | {
      stage: 'signed-out';
      lastLogin: string;
      endedByOffice?: { reason: SessionEndReason | null };
      recoveryCode?: string;
      linked?: number;
    }
  | { stage: 'signed-in'; session: Static<typeof Session> };

export function App() {
  const { t } = useTranslation();
  const api = useApi();
  const [boot, setBoot] = useState<Boot>({ stage: 'loading' });
  // Whether sign-in's "Keep me signed in" starts ticked: the settings' at launch, then each sign-in's outcome.
  const [staySignedIn, setStaySignedIn] = useState(true);
  // Said once after a sign-in that asked to stay signed in where no keyring could keep it.
  const [notKept, setNotKept] = useState(false);
  useFollowSettings();

  useEffect(() => {
    let live = true;
    // A switchboard: link from the office's pages opens sign-in, or recovery with the mail's code.
    // Signed in (or on the first run), there is nothing to open: it is taken and let go.
    const takeLink = async () => {
      const taken = await api.app.takeLink({});
      if (!live || !taken.ok || taken.value === null) return;
      const link = taken.value;
      setBoot((current) =>
        current.stage === 'signed-out'
          ? {
              stage: 'signed-out',
              lastLogin: current.lastLogin,
              recoveryCode: link.screen === 'recover' ? link.code : undefined,
              linked: (current.linked ?? 0) + 1,
            }
          : current,
      );
    };
    const unsubscribeLinks = api.app.onLinkOpened(() => void takeLink());
    void (async () => {
      const [settings, firstRun, resumed] = await Promise.all([
        api.settings.get({}),
        api.app.firstRunAdmin({}),
        api.auth.resume({}),
      ]);
      if (!live) return;
      const lastLogin = settings.ok ? (settings.value.lastLogin ?? '') : '';
      if (settings.ok) setStaySignedIn(settings.value.staySignedIn);
      if (firstRun.ok && firstRun.value) setBoot({ stage: 'first-run', admin: firstRun.value, lastLogin });
      else if (resumed.ok && resumed.value) setBoot({ stage: 'signed-in', session: resumed.value });
      else setBoot({ stage: 'signed-out', lastLogin });
      // One that started the app came before this page could be told.
      await takeLink();
    })();
    const unsubscribe = api.auth.onSessionChanged((session) => {
      if (!session) setNotKept(false);
      setBoot((current) =>
        session
          ? { stage: 'signed-in', session }
          : current.stage === 'signed-in'
            ? { stage: 'signed-out', lastLogin: current.session.user.email }
            : current,
      );
    });
    const unsubscribeEnded = api.auth.onEndedByOffice((ended) =>
      setBoot((current) => (current.stage === 'signed-out' ? { ...current, endedByOffice: ended } : current)),
    );
    return () => {
      live = false;
      unsubscribe();
      unsubscribeEnded();
      unsubscribeLinks();
    };
  }, [api]);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  switch (boot.stage) {
    case 'loading':
      return (
        <main className="screen-center" aria-busy="true" aria-label={t('app.loading')}>
          <div className="card stack">
            <div className="skeleton title" />
            <div className="skeleton" />
            <div className="skeleton" />
          </div>
        </main>
      );
    case 'first-run':
      return (
        <FirstRun
          admin={boot.admin}
          onContinue={() => setBoot({ stage: 'signed-out', lastLogin: boot.admin.email })}
        />
      );
    case 'signed-out':
      return (
        <SignIn
          key={boot.linked ?? 0}
          initialLogin={boot.lastLogin}
          recoveryCode={boot.recoveryCode}
          initialRemember={staySignedIn}
          endedByOffice={boot.endedByOffice}
          onSignedIn={({ staySignedIn: outcome, ...session }) => {
            // An elevated sign-in is never kept and leaves the box as it was.
            if (session.scope === 'user') setStaySignedIn(outcome === 'kept');
            setNotKept(outcome === 'not-possible');
            setBoot({ stage: 'signed-in', session });
          }}
        />
      );
    case 'signed-in':
      // A temporary password leads straight to choosing one's own; main then sends the session again.
      if (boot.session.mustChangePassword) return <ForcedPasswordChange session={boot.session} />;
      return signedIn(
        boot.session,
        notKept ? { text: t('signIn.notKept'), onDismiss: () => setNotKept(false) } : null,
      );
  }
}

/**
 * The same person signing in again (the elevated session's password prompt) keeps every screen
 * as it was; anyone else gets screens of their own, none of the last person's state.
 */
function signedIn(session: Static<typeof Session>, notice: ShellNotice | null) {
  const key = `${session.user.id} ${session.scope}`;
  if (session.scope !== 'admin') return <Shell key={key} session={session} notice={notice} />;
  return (
    <ElevatedSession key={key} admin={session.user}>
      <Shell session={session} notice={notice} />
    </ElevatedSession>
  );
}
