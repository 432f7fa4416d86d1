// A tel:, sip: or callto: link from outside the app (a web page, another app) is dialled only
// when the person says so: main asks through the calls channels, this asks the person. Calls
// the window makes itself (dial pad, palette, call log) are never asked.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context';
import { ConfirmDialog } from '../../ui/FormDialog';

/** `onCall` dials the link's target as the window's own call does. */
export function DialLinkPrompt({ onCall }: { onCall: (target: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [target, setTarget] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // An event that arrived before the first answer is the fresher word.
    let heard = false;
    const unsubscribe = api.calls.onLinkToConfirmChanged((link) => {
      heard = true;
      setTarget(link?.target ?? null);
    });
    void api.calls.linkToConfirm({}).then((result) => {
      if (live && !heard && result.ok) setTarget(result.value?.target ?? null);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);

  if (target === null) return null;
  // Either answer ends the question on every page; only Call dials.
  const answered = () => {
    setTarget(null);
    return api.calls.linkAnswered({ target });
  };
  return (
    <ConfirmDialog
      title={t('softphone.dialLink.title', { target })}
      message={t('softphone.dialLink.body')}
      confirmLabel={t('softphone.dialLink.call')}
      action={answered}
      onDone={() => onCall(target)}
      onCancel={() => void answered()}
    />
  );
}
