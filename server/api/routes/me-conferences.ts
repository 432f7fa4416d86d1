import { Type } from 'typebox';
import { LiveConference, ParticipantMute, ParticipantParams } from '../../../common/api/conferences';
import { StrictObject } from '../../../common/api/primitives';
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

  const moderate = async (
    caller: Caller,
    params: { id: string; participantId: string },
    action: ModeratorAction,
  ) => {
    // Without a media agent nobody sits in a conference.
    const rooms = services.runningSip.conferences;
    if (!rooms) throw notFound('Conference');
    rooms.moderate(caller.userId, params.id, params.participantId, action);
    const what = action.kind === 'remove' ? 'removed' : action.muted ? 'muted' : 'unmuted';
    await writeAudit(
      services.db,
      services.clock(),
      { id: caller.userId, name: caller.name },
      `conference.participant-${what}`,
      { type: 'conference', id: params.id },
      { participantId: params.participantId },
    );
  };

  app.put(
    '/me/conferences/:id/participants/:participantId/mute',
    {
      schema: {
        tags: ['me'],
        operationId: 'putConferenceParticipantMute',
        summary: 'Mute or unmute a participant of a conference you moderate',
        params: ParticipantParams,
        body: ParticipantMute,
        response: replies(NO_CONTENT),
        errors: { 403: ['forbidden'], 404: ['not_found'] },
      },
    },
    async (request, reply) => {
      const action = { kind: 'mute' as const, muted: request.body.muted };
      await moderate(callerOf(request), request.params, action);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/me/conferences/:id/participants/:participantId',
    {
      schema: {
        tags: ['me'],
        operationId: 'removeConferenceParticipant',
        summary: 'Hang up a participant of a conference you moderate',
        params: ParticipantParams,
        response: replies(NO_CONTENT),
        errors: { 403: ['forbidden'], 404: ['not_found'] },
      },
    },
    async (request, reply) => {
      await moderate(callerOf(request), request.params, { kind: 'remove' });
      return reply.code(204).send();
    },
  );
}
