import { useTranslation } from 'react-i18next';

/**
 * Offline: the cached messages are what the person sees, and their changes wait in main's
 * queue until the office is back; this says so, with how many changes wait.
 */
export function VoicemailSyncBanner({ pending }: { pending: number }) {
  const { t } = useTranslation();
  return (
    <div className="voicemail-offline" role="status">
      <p>{t('voicemailSync.offline')}</p>
      {pending > 0 && <p>{t('voicemailSync.pending', { count: pending })}</p>}
    </div>
  );
}
