import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CallerIdName, ForwardTarget, MAX_RING_SECONDS } from '../../../../common/api/preferences';
import { useApi } from '../../app/api-context';
import { useConnection } from '../../app/connection';
import { useIpc, useSubmit } from '../../app/use-ipc';
import { CheckField, TextField } from '../../ui/Field';
import { textLimits } from '../../ui/field-limits';
import { FormError } from '../../ui/FormError';
import { Announcer, InlineNotice, useFirstProblemInView, useScreenFeedback } from '../../ui/feedback';
import { LoadFailed, LoadingRows } from '../../ui/ScreenStates';
import { callRoute } from './call-route';
import { CallRouteView } from './CallRouteView';
import type { RouteTarget } from '../../../../common/api/directory';
import { RouteTargetPicker, type Route } from '../admin/numbers/RouteTargetPicker';
import {
  changes,
  draftOf,
  EXTENSION,
  RULES,
  validate,
  type PreferencesDraft,
  type RuleName,
} from './validate';

const RULE_KEYS: Record<RuleName, string> = {
  forwardAlways: 'preferences.forwardAlways',
  forwardBusy: 'preferences.forwardBusy',
  forwardNoAnswer: 'preferences.forwardNoAnswer',
};

const WAIT_FOR_SAVE = new Set(['preferences.errors.targetRequired', 'preferences.errors.callerIdName']);

/** A saved target as the picker shows it: of the kind the office lists it as (a colleague unless known). */
function routeOf(target: string | null, destinations: RouteTarget[] | null): Route | null {
  if (!target) return null;
  return { kind: destinations?.find((d) => d.number === target)?.kind ?? 'extension', number: target };
}

/** The extension's own settings, kept by the office: do-not-disturb, forwarding, ring time, caller ID. */
export function ExtensionForm({ extension }: { extension: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const offline = useConnection() === 'offline';
  // A change from the header, the tray or another app shows here at once (the office pushes it).
  const [preferences, reload, setSaved] = useIpc(
    () => api.portal.preferences({}),
    'preferences',
    (update) => api.portal.onPreferencesChanged(update),
  );
  // What the person typed; null while it is what the office keeps.
  const [draft, setDraft] = useState<PreferencesDraft | null>(null);
  const [tried, setTried] = useState(false);
  // Said beside the buttons until the person changes something or leaves the screen.
  const [savedNotice, setSavedNotice] = useScreenFeedback<true>();
  // Set on each refused try: the first wrong field is brought into view (it may be far above).
  const [problem, setProblem] = useState<object | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // Where calls may go: colleagues and the office's services, picked from the office's own list.
  const [destinationList] = useIpc(() => api.portal.destinations({}), 'destinations');
  const destinations = destinationList.status === 'ready' ? destinationList.value.items : null;
  const save = useSubmit(
    // Sent from the form, once the preferences are loaded and `patch` (below) is this render's.
    () => api.portal.updatePreferences({ body: patch }),
    (value) => {
      setSaved(value);
      setDraft(null);
      setSavedNotice(true);
    },
  );
  useFirstProblemInView(form, problem ?? save.error);

  if (preferences.status === 'loading') return <LoadingRows label={t('preferences.loading')} />;
  if (preferences.status === 'error')
    return (
      <LoadFailed
        error={preferences.error}
        offlineTitle={t('preferences.offlineTitle')}
        offlineHint={t('preferences.offlineHint')}
        onRetry={reload}
      />
    );

  const saved = preferences.value;
  const current = draft ?? draftOf(saved);
  // Whose each chosen number is; once the list is known, a number it lacks is nobody's (null).
  const owners = new Map<string, string | null>(
    RULES.map((rule) => current[rule].target ?? '')
      .filter((number) => EXTENSION.test(number))
      .flatMap((number) => {
        if (!destinations) return [];
        const found = destinations.find((destination) => destination.number === number);
        return [[number, found?.name ?? null] as const];
      }),
  );
  const errors = validate(current, extension, owners);
  // Someone who may call outside may forward there too: a number typed, not picked.
  const mayCallOutside = saved.outboundCalls !== 'internal';
  const isOutside = (target: string | null) => mayCallOutside && target !== null && !EXTENSION.test(target);
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
    save.clear();
    setSavedNotice(null);
    setDraft({ ...current, ...next });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) return setProblem({});
    if (!dirty) return;
    void save.submit();
  };

  return (
    <div className="preferences-extension">
      <form ref={form} className="preferences-card stack" onSubmit={submit} noValidate>
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
              <RouteTargetPicker
                id={`forward-${rule}`}
                label={t('preferences.target')}
                targets={destinations ?? []}
                known={destinations !== null}
                exclude={(target) => target.number === extension}
                emptyLabel={t('preferences.chooseTarget')}
                value={isOutside(current[rule].target) ? null : routeOf(current[rule].target, destinations)}
                error={isOutside(current[rule].target) ? undefined : shownError(rule)}
                onChange={(route) => edit({ [rule]: { ...current[rule], target: route?.number ?? null } })}
              />
              {mayCallOutside && (
                <TextField
                  id={`forward-${rule}-outside`}
                  label={t('preferences.outsideTarget')}
                  value={isOutside(current[rule].target) ? (current[rule].target ?? '') : ''}
                  {...textLimits(ForwardTarget)}
                  inputMode="tel"
                  error={isOutside(current[rule].target) ? shownError(rule) : undefined}
                  onChange={(target) => edit({ [rule]: { ...current[rule], target: target || null } })}
                />
              )}
            </div>
          ))}
        </fieldset>
        <TextField
          id="ring-time"
          label={t('preferences.ringTime')}
          value={current.ringTimeoutSeconds}
          // Typed as digits: as many as the longest ring time has.
          maxLength={String(MAX_RING_SECONDS).length}
          inputMode="numeric"
          hint={t('preferences.ringTimeHint')}
          error={shownError('ringTimeoutSeconds')}
          onChange={(ringTimeoutSeconds) => edit({ ringTimeoutSeconds })}
        />
        {saved.outboundCalls !== 'internal' && (
          <CheckField
            label={t('preferences.hideCallerId')}
            checked={current.hideCallerId}
            onChange={(hideCallerId) => edit({ hideCallerId })}
          />
        )}
        <TextField
          id="caller-id-name"
          label={t('preferences.callerIdName')}
          value={current.callerIdName}
          {...textLimits(CallerIdName)}
          error={shownError('callerIdName')}
          onChange={(callerIdName) => edit({ callerIdName })}
        />
        <FormError error={save.error} />
        <Announcer text={savedNotice && t('preferences.saved')} />
        {savedNotice && (
          <InlineNotice>
            <span aria-hidden="true">{t('preferences.saved')}</span>
          </InlineNotice>
        )}
        <div className="preferences-buttons">
          <button className="button primary" type="submit" disabled={save.busy || !dirty || offline}>
            {save.busy ? t('preferences.saving') : t('preferences.save')}
          </button>
          <button
            className="button"
            type="button"
            disabled={save.busy || !dirty}
            onClick={() => edit(draftOf(saved))}
          >
            {t('preferences.discard')}
          </button>
        </div>
        {offline && <p className="hint">{t('preferences.saveWhenOnline')}</p>}
      </form>
      <CallRouteView route={route} destinations={destinations} />
    </div>
  );
}
