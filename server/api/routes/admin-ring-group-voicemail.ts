// A ring group's shared voicemail box, seen by any admin (like the group itself) and set up by an
// admin who may manage the group: its greeting
// (the same routes as a user's own) and its PIN (hashed like a user's), which opens the box from
// any phone with *98, the group's extension and the PIN.
import type { FastifyRequest } from 'fastify';
import { IdParams } from '../../../common/api/primitives';
import { RingGroupVoicemail } from '../../../common/api/ring-groups';
import { VoicemailPinRequest } from '../../../common/api/voicemail';
import { assertMayManageRingGroup } from '../../accounts/authority';
import { writeAudit } from '../../directory/audit';
import { NO_PIN, ringGroupBox } from '../../directory/voicemail-boxes';
import type { OfficeServices } from '../../office-services';
import { setBoxPin } from '../../voicemail/pin';
import { adminOf } from '../auth';
import type { RouteErrors } from '../openapi';
import { NO_CONTENT, replies, type Api } from '../types';
import { greetingRoutes } from './greeting-routes';

const AUDIT_TYPE = 'ring-group';
const REFUSALS: RouteErrors = { 403: ['forbidden'], 404: ['not_found'] };

/** The group's id: each route's schema has checked the parameter. */
const groupIdOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export function adminRingGroupVoicemailRoutes(
  app: Api,
  services: Pick<OfficeServices, 'db' | 'voicemailFiles' | 'loginThrottle' | 'clock'>,
): void {
  const { db } = services;
  /** The group's box; to change it, the admin must be allowed to manage the group. */
  const boxOf = async (request: FastifyRequest, intent: 'read' | 'change') => {
    const groupId = groupIdOf(request);
    if (intent === 'change') await assertMayManageRingGroup(db, adminOf(request), groupId);
    return ringGroupBox(db, groupId);
  };
  const audit = (request: FastifyRequest, details: Record<string, unknown>) =>
    writeAudit(
      db,
      services.clock(),
      adminOf(request),
      `${AUDIT_TYPE}.updated`,
      { type: AUDIT_TYPE, id: groupIdOf(request) },
      details,
    );

  app.get(
    '/admin/ring-groups/:id/voicemail',
    {
      schema: {
        tags: ['admin'],
        params: IdParams,
        operationId: 'getRingGroupVoicemail',
        summary: 'Whether the group’s shared voicemail box has a PIN and a greeting of its own',
        response: replies({ 200: RingGroupVoicemail }),
        errors: { 404: ['not_found'] },
      },
    },
    async (request) => {
      const box = await boxOf(request, 'read');
      return { hasPin: box.pin_hash !== NO_PIN, ownGreeting: box.greeting_file !== null };
    },
  );

  app.put(
    '/admin/ring-groups/:id/voicemail/pin',
    {
      schema: {
        tags: ['admin'],
        params: IdParams,
        operationId: 'putRingGroupVoicemailPin',
        summary:
          'Set the PIN that opens the group’s shared box from a phone (*98, the group’s extension, the PIN): 4 to 10 digits, not an easy one',
        body: VoicemailPinRequest,
        response: replies(NO_CONTENT),
        errors: REFUSALS,
      },
    },
    async (request, reply) => {
      await setBoxPin(services, await boxOf(request, 'change'), request.body.pin);
      await audit(request, { voicemailPin: true });
      return reply.status(204).send();
    },
  );

  greetingRoutes(app, services, {
    path: '/admin/ring-groups/:id/voicemail/greeting',
    tags: ['admin'],
    params: IdParams,
    operationIds: {
      put: 'putRingGroupVoicemailGreeting',
      get: 'getRingGroupVoicemailGreeting',
      delete: 'deleteRingGroupVoicemailGreeting',
    },
    whose: 'the ring group’s',
    boxOf,
    refusals: REFUSALS,
    changed: (request, change) => audit(request, { voicemailGreeting: change }),
  });
}
