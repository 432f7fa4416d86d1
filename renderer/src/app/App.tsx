import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { SessionEndReason } from '../../../common/api/auth';
import type { FirstRunAdmin } from '../../../common/ipc/domains/app';
import type { Session } from '../../../common/ipc/domains/auth';
import { FirstRun } from '../features/first-run/FirstRun';
import { SignIn } from '../features/sign-in/SignIn';
import { ForcedPasswordChange } from '../features/password-change/ForcedPasswordChange';
import { Shell } from '../features/shell/Shell';
import { ElevatedSession } from '../features/admin/ElevatedSession';
import { useApi } from './api-context';
import { useFollowSettings } from './follow-settings';

type Boot =
  | { stage: 'loading' }
  | { stage: 'first-run'; admin: Static<typeof FirstRunAdmin>; lastLogin: string }
  /** `endedByOffice`: the office ended the session, for the reason it gave, so sign-in says why. */
  | { stage: 'signed-out'; lastLogin: string; endedByOffice?: { reason: SessionEndReason | null } }
  | { stage: 'signed-in'; session: Static<typeof Session> };

export function App() {
  const { t } = useTranslation();
  const api = useApi();
  const [boot, setBoot] = useState<Boot>({ stage: 'loading' });
  useFollowSettings();

  useEffect(() => {
    let live = true;
    void (async () => {
      const [settings, firstRun, resumed] = await Promise.all([
        api.settings.get({}),
        api.app.firstRunAdmin({}),
        api.auth.resume({}),
      ]);
      if (!live) return;
      const lastLogin = settings.ok ? (settings.value.lastLogin ?? '') : '';
      if (firstRun.ok && firstRun.value) setBoot({ stage: 'first-run', admin: firstRun.value, lastLogin });
      else if (resumed.ok && resumed.value) setBoot({ stage: 'signed-in', session: resumed.value });
      else setBoot({ stage: 'signed-out', lastLogin });
    })();
    const unsubscribe = api.auth.onSessionChanged((session) =>
      setBoot((current) =>
        session
          ? { stage: 'signed-in', session }
          : current.stage === 'signed-in'
            ? { stage: 'signed-out', lastLogin: current.session.user.email }
            : current,
      ),
    );
    const unsubscribeEnded = api.auth.onEndedByOffice((ended) =>
      setBoot((current) => (current.stage === 'signed-out' ? { ...current, endedByOffice: ended } : current)),
    );
    return () => {
      live = false;
      unsubscribe();
      unsubscribeEnded();
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
          initialLogin={boot.lastLogin}
          endedByOffice={boot.endedByOffice}
          onSignedIn={(session) => setBoot({ stage: 'signed-in', session })}
        />
      );
    case 'signed-in':
      // A temporary password leads straight to choosing one's own; main then sends the session again.
      if (boot.session.mustChangePassword) return <ForcedPasswordChange session={boot.session} />;
      return signedIn(boot.session);
  }
}

/**
 * The same person signing in again (the elevated session's password prompt) keeps every screen
 * as it was; anyone else gets screens of their own, none of the last person's state.
 */
function signedIn(session: Static<typeof Session>) {
  const key = `${session.user.id} ${session.scope}`;
  if (session.scope !== 'admin') return <Shell key={key} session={session} />;
  return (
    <ElevatedSession key={key} admin={session.user}>
      <Shell session={session} />
    </ElevatedSession>
  );
}
