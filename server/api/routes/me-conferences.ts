import { Type } from 'typebox';
import { LiveConference, ParticipantMute } from '../../../common/api/conferences';
import { IdParams, StrictObject } from '../../../common/api/primitives';
import type { OfficeServices } from '../../office-services';
import { notFound } from '../../errors';
import type { Caller } from '../../accounts/sessions';
import type { ModeratorAction } from '../../media/conference/rooms';
import { writeAudit } from '../../directory/audit';
import { callerOf } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

/**
 * The conferences the signed-in user sits in now, and what their moderators may do in them:
 * mute, unmute and remove a participant. Each moderator action is audited.
 */
export function meConferenceRoutes(
  app: Api,
  services: Pick<OfficeServices, 'runningSip' | 'db' | 'clock'>,
): void {
  app.get(
    '/me/conferences',
    {
      schema: {
        tags: ['me'],
        operationId: 'listMyConferences',
        summary: 'The conferences you are in now, with their participants',
        response: replies({ 200: StrictObject({ items: Type.Array(LiveConference) }) }),
      },
    },
    async (request) => ({ items: services.runningSip.conferences?.of(callerOf(request).userId) ?? [] }),
  );

  const moderate = async (caller: Caller, participantId: string, action: ModeratorAction) => {
    // Without a media agent nobody sits in a conference.
    const rooms = services.runningSip.conferences;
    if (!rooms) throw notFound('Participant');
    const conferenceId = rooms.moderate(caller.userId, participantId, action);
    const what = action.kind === 'remove' ? 'removed' : action.muted ? 'muted' : 'unmuted';
    await writeAudit(
      services.db,
      services.clock(),
      { id: caller.userId, name: caller.name },
      `conference.participant-${what}`,
      { type: 'conference', id: conferenceId },
      { participantId },
    );
  };

  app.put(
    '/me/conference-participants/:id/mute',
    {
      schema: {
        tags: ['me'],
        operationId: 'putConferenceParticipantMute',
        summary: 'Mute or unmute a participant of a conference you moderate',
        params: IdParams,
        body: ParticipantMute,
        response: replies(NO_CONTENT),
        errors: { 403: ['forbidden'], 404: ['not_found'] },
      },
    },
    async (request, reply) => {
      const action = { kind: 'mute' as const, muted: request.body.muted };
      await moderate(callerOf(request), request.params.id, action);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/me/conference-participants/:id',
    {
      schema: {
        tags: ['me'],
        operationId: 'removeConferenceParticipant',
        summary: 'Hang up a participant of a conference you moderate',
        params: IdParams,
        response: replies(NO_CONTENT),
        errors: { 403: ['forbidden'], 404: ['not_found'] },
      },
    },
    async (request, reply) => {
      await moderate(callerOf(request), request.params.id, { kind: 'remove' });
      return reply.code(204).send();
    },
  );
}
