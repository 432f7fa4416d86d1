import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences } from '../../../../common/api/preferences';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { useConnection } from '../../app/connection';
import { errorMessageKey } from '../../ui/error-message';
import { CheckField, TextField } from '../../ui/Field';
import { LoadFailed, LoadingRows } from '../../ui/ScreenStates';
import { callRoute } from './call-route';
import { CallRouteView } from './CallRouteView';
import { changes, draftOf, RULES, validate, type PreferencesDraft, type RuleName } from './validate';

const RULE_KEYS: Record<RuleName, string> = {
  forwardAlways: 'preferences.forwardAlways',
  forwardBusy: 'preferences.forwardBusy',
  forwardNoAnswer: 'preferences.forwardNoAnswer',
};

const WAIT_FOR_SAVE = new Set(['preferences.errors.targetRequired', 'preferences.errors.callerIdName']);

type Load =
  { state: 'loading' } | { state: 'failed'; error: IpcError } | { state: 'ready'; saved: Preferences };

/** The extension's own settings, kept by the office: do-not-disturb, forwarding, ring time, caller ID. */
export function ExtensionForm({ extension }: { extension: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const offline = useConnection() === 'offline';
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [draft, setDraft] = useState<PreferencesDraft | null>(null);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: true } | { error: IpcError } | null>(null);

  const fetchPreferences = useCallback(async () => {
    setLoad({ state: 'loading' });
    const result = await api.portal.preferences({});
    if (!result.ok) return setLoad({ state: 'failed', error: result.error });
    setLoad({ state: 'ready', saved: result.value });
    setDraft(draftOf(result.value));
  }, [api]);

  useEffect(() => {
    void fetchPreferences();
  }, [fetchPreferences]);

  if (load.state === 'loading' || (load.state === 'ready' && !draft))
    return <LoadingRows label={t('preferences.loading')} />;
  if (load.state === 'failed')
    return (
      <LoadFailed
        error={load.error}
        offlineTitle={t('preferences.offlineTitle')}
        offlineHint={t('preferences.offlineHint')}
        onRetry={() => void fetchPreferences()}
      />
    );

  const current = draft!;
  const { saved } = load;
  const errors = validate(current, extension);
  const patch = changes(saved, current);
  const dirty = Object.keys(patch).length > 0;
  // "Missing" is said once the person tries to save; "wrong" as soon as it is typed.
  const shownError = (field: keyof typeof errors) => {
    const key = errors[field];
    return key && (tried || !WAIT_FOR_SAVE.has(key)) ? t(key) : undefined;
  };
  const ringSeconds = errors.ringTimeoutSeconds
    ? saved.ringTimeoutSeconds
    : Number(current.ringTimeoutSeconds);
  const route = callRoute({ ...current, ringTimeoutSeconds: ringSeconds }, { extension, voicemail: true });

  const edit = (next: Partial<PreferencesDraft>) => {
    setOutcome(null);
    setDraft({ ...current, ...next });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0 || !dirty) return;
    setSaving(true);
    const result = await api.portal.updatePreferences({ body: patch });
    setSaving(false);
    if (!result.ok) return setOutcome({ error: result.error });
    setLoad({ state: 'ready', saved: result.value });
    setDraft(draftOf(result.value));
    setOutcome({ saved: true });
  };

  return (
    <div className="preferences-extension">
      <form className="preferences-card stack" onSubmit={(event) => void submit(event)} noValidate>
        <h2>{t('preferences.extensionTitle')}</h2>
        <CheckField
          label={t('preferences.doNotDisturb')}
          checked={current.doNotDisturb}
          onChange={(doNotDisturb) => edit({ doNotDisturb })}
        />
        <fieldset className="preferences-forwarding">
          <legend>{t('preferences.forwarding')}</legend>
          {RULES.map((rule) => (
            <div key={rule} className="preferences-rule">
              <CheckField
                label={t(RULE_KEYS[rule])}
                checked={current[rule].enabled}
                onChange={(enabled) => edit({ [rule]: { ...current[rule], enabled } })}
              />
              <TextField
                id={`forward-${rule}`}
                label={t('preferences.target')}
                value={current[rule].target ?? ''}
                maxLength={8}
                inputMode="numeric"
                error={shownError(rule)}
                onChange={(target) => edit({ [rule]: { ...current[rule], target: target || null } })}
              />
            </div>
          ))}
        </fieldset>
        <TextField
          id="ring-time"
          label={t('preferences.ringTime')}
          value={current.ringTimeoutSeconds}
          maxLength={3}
          inputMode="numeric"
          hint={t('preferences.ringTimeHint')}
          error={shownError('ringTimeoutSeconds')}
          onChange={(ringTimeoutSeconds) => edit({ ringTimeoutSeconds })}
        />
        <TextField
          id="caller-id-name"
          label={t('preferences.callerIdName')}
          value={current.callerIdName}
          maxLength={40}
          error={shownError('callerIdName')}
          onChange={(callerIdName) => edit({ callerIdName })}
        />
        {outcome && 'error' in outcome && (
          <p className="alert" role="alert">
            {t(errorMessageKey(outcome.error))}
          </p>
        )}
        {outcome && 'saved' in outcome && (
          <p className="preferences-saved" role="status">
            {t('preferences.saved')}
          </p>
        )}
        <div className="preferences-buttons">
          <button className="button primary" type="submit" disabled={saving || !dirty || offline}>
            {saving ? t('preferences.saving') : t('preferences.save')}
          </button>
          <button
            className="button"
            type="button"
            disabled={saving || !dirty}
            onClick={() => edit(draftOf(saved))}
          >
            {t('preferences.discard')}
          </button>
        </div>
        {offline && <p className="hint">{t('preferences.saveWhenOnline')}</p>}
      </form>
      <CallRouteView route={route} />
    </div>
  );
}
