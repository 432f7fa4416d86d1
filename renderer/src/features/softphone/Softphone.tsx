// The softphone: the calls in progress above everything else while they last, then the dial
// pad with colleague search, and the audio choices. Its registration state is the app header's
// (RegistrationStatus), shown wherever the person is.
// Mount it anywhere inside the app's ApiContext and i18n. Wrap it in
// <InputLevelContext.Provider value={engine}> to show the microphone level.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/use-settings';
import { errorMessageKey } from '../../ui/error-message';
import { Skeleton } from '../../ui/ScreenStates';
import { AudioPanel } from './AudioPanel';
import { CallCard } from './CallCard';
import { CallOutcomeCard } from './CallOutcomeCard';
import { ConferencePanel } from './ConferencePanel';
import { Dialer } from './Dialer';
import { IncomingCallCard } from './IncomingCallCard';
import { MicLevel } from './input-level';
import { useCallActions } from './use-call-actions';
import { isIncomingRinging, type CallsState } from './use-calls';
import { useNow } from './use-now';
import { useRegistration } from './use-registration';
import { useRingtone } from './use-ringtone';
import './softphone.css';

export { InputLevelContext, type InputLevelSource } from './input-level';

/** A number to call asked for from outside the dial pad (the command palette); a new object each time. */
export interface DialRequest {
  target: string;
}

/** The phone screen; `calls` come from the shell, which also marks a call in progress elsewhere. */
export function Softphone({
  calls,
  dialRequest = null,
}: {
  calls: CallsState;
  dialRequest?: DialRequest | null;
}) {
  const { t } = useTranslation();
  const { view: registration } = useRegistration();
  const { actions, error, consultation } = useCallActions(calls.calls);
  // Dialled through the same actions as the dial pad: other calls go on hold, failures show here.
  const dialled = useRef<DialRequest | null>(null);
  useEffect(() => {
    if (!dialRequest || dialled.current === dialRequest) return;
    dialled.current = dialRequest;
    void actions.dial(dialRequest.target);
  }, [dialRequest, actions]);
  const { settings } = useSettings();
  const [audioOpen, setAudioOpen] = useState(false);
  const audioId = useId();

  const ringing = calls.calls.filter(isIncomingRinging);
  const current = calls.calls.filter((call) => !isIncomingRinging(call));
  const inCall = current.length > 0;
  const now = useNow(current.some((call) => call.state === 'active'));
  useRingtone(ringing.length > 0, inCall, settings.status === 'ready' ? settings.value : null);
  const registered =
    registration.status === 'ready' && registration.value.registration.state === 'registered';

  return (
    <section className="softphone" aria-label={t('softphone.title')}>
      {error && (
        <p className="alert" role="alert">
          {t(errorMessageKey(error))}
        </p>
      )}
      {calls.error && (
        <p className="alert" role="alert">
          {t('softphone.callsUnavailable')} {t(errorMessageKey(calls.error))}
        </p>
      )}
      {calls.outcomes.map((call) => (
        <CallOutcomeCard key={call.id} call={call} onDismiss={() => calls.dismissOutcome(call.id)} />
      ))}
      {ringing.map((call) => (
        <IncomingCallCard key={call.id} call={call} actions={actions} waiting={inCall} />
      ))}
      {calls.loading ? (
        <Skeleton className="call-skeleton" label={t('softphone.loadingCalls')} />
      ) : (
        current.map((call) => (
          <CallCard
            key={call.id}
            call={call}
            actions={actions}
            connectedAt={calls.connectedAt[call.id]}
            now={now}
            consultation={consultation?.consultationCallId === call.id ? consultation : null}
          />
        ))
      )}
      <ConferencePanel />
      {!inCall && <Dialer onDial={(target) => void actions.dial(target)} disabled={!registered} />}
      <MicLevel />
      <div className="audio-section">
        <button
          type="button"
          className="button small"
          aria-expanded={audioOpen}
          aria-controls={audioId}
          onClick={() => setAudioOpen((open) => !open)}
        >
          {t('softphone.audio.title')}
        </button>
        {audioOpen && (
          <div id={audioId}>
            <AudioPanel settings={settings} />
          </div>
        )}
      </div>
    </section>
  );
}
