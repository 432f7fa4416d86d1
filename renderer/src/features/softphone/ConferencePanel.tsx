// The conferences the person is in now (dialled from any of their phones), with who is in each,
// kept live by the office's pushes. A moderator may mute, unmute and remove participants here;
// the office checks that they are one.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveConference, LiveParticipant } from '../../../../common/api/conferences';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { useIpc } from '../../app/use-ipc';
import { FormError } from '../../ui/FormError';

export function ConferencePanel() {
  const api = useApi();
  const [conferences, reload] = useIpc(() => api.portal.conferences({}), 'conferences');
  const [error, setError] = useState<IpcError | null>(null);
  // Someone came, left or was muted: the list is asked for again (a push says it changed).
  useEffect(() => api.portal.onConferenceChanged(() => reload()), [api, reload]);
  if (conferences.status !== 'ready' || conferences.value.items.length === 0) return null;

  const act = async (request: Promise<IpcResult<unknown>>) => {
    setError(null);
    const result = await request;
    if (!result.ok) setError(result.error);
    reload();
  };

  return (
    <>
      {conferences.value.items.map((conference) => (
        <ConferenceCard
          key={conference.id}
          conference={conference}
          onMute={(participant, muted) =>
            act(api.portal.muteConferenceParticipant({ id: participant.id, body: { muted } }))
          }
          onRemove={(participant) => act(api.portal.removeConferenceParticipant({ id: participant.id }))}
        />
      ))}
      <FormError error={error} />
    </>
  );
}

function ConferenceCard({
  conference,
  onMute,
  onRemove,
}: {
  conference: LiveConference;
  onMute: (participant: LiveParticipant, muted: boolean) => Promise<void>;
  onRemove: (participant: LiveParticipant) => Promise<void>;
}) {
  const { t } = useTranslation();
  const title = t('softphone.conference.title', { name: conference.name });
  return (
    <section className="call-card conference-card" aria-label={title}>
      <h2>{title}</h2>
      <ul aria-label={t('softphone.conference.participants')}>
        {conference.participants.map((participant) => {
          const name =
            participant.name ?? t('softphone.conference.unknownName', { number: participant.number });
          return (
            <li key={participant.id}>
              <span>{name}</span> <span className="hint">{participant.number}</span>
              {participant.moderator && <span className="badge"> {t('softphone.conference.moderator')}</span>}
              {participant.muted && <span className="badge"> {t('softphone.conference.muted')}</span>}
              {conference.moderator && (
                <span className="conference-actions">
                  <button
                    type="button"
                    className="button small"
                    onClick={() => void onMute(participant, !participant.muted)}
                  >
                    {t(participant.muted ? 'softphone.conference.unmute' : 'softphone.conference.mute', {
                      name,
                    })}
                  </button>
                  <button type="button" className="button small" onClick={() => void onRemove(participant)}>
                    {t('softphone.conference.remove', { name })}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
