import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { FirstRunAdmin } from '../../../../common/ipc/domains/app';
import { Secret } from '../../ui/Secret';

export interface FirstRunProps {
  admin: Static<typeof FirstRunAdmin>;
  onContinue: () => void;
}

/**
 * The embedded office's first super admin, shown once on the launch that created it: the app is
 * the only place this password ever appears, so it says so and offers a copy.
 */
export function FirstRun({ admin, onContinue }: FirstRunProps) {
  const { t } = useTranslation();

  return (
    <main className="screen-center">
      <section className="card stack" aria-labelledby="first-run-title">
        <div>
          <h1 id="first-run-title">{t('firstRun.title')}</h1>
          <p className="lead">{t('firstRun.lead')}</p>
        </div>
        <div className="field">
          <span>{t('firstRun.email')}</span>
          <strong>{admin.email}</strong>
        </div>
        <div className="field">
          <span id="first-run-password">{t('firstRun.password')}</span>
          <div className="secret">
            <Secret value={admin.temporaryPassword} labelledBy="first-run-password" />
          </div>
        </div>
        <p role="note">{t('firstRun.onlyOnce')}</p>
        <p>{t('firstRun.next')}</p>
        <button className="button primary" type="button" onClick={onContinue}>
          {t('firstRun.continue')}
        </button>
      </section>
    </main>
  );
}
