import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import { useApi } from '../../app/api-context';

/** Who is signed in, and the way out. The softphone and portal screens grow from here. */
export function Home({ session }: { session: Static<typeof Session> }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const { user } = session;

  return (
    <main className="screen-center">
      <section className="card stack" aria-labelledby="home-title">
        <div>
          <h1 id="home-title">{t('home.greeting', { name: user.name })}</h1>
          <p className="lead">
            {user.extension ? t('home.extension', { extension: user.extension }) : t('home.noExtension')}
          </p>
        </div>
        {session.scope === 'admin' && <p role="status">{t('home.elevated')}</p>}
        <button
          className="button"
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void api.auth.signOut({}).finally(() => setBusy(false));
          }}
        >
          {t('home.signOut')}
        </button>
      </section>
    </main>
  );
}
