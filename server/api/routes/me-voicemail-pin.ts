import { VoicemailPinRequest } from '../../../common/api/voicemail';
import { setVoicemailPin, type PinServices } from '../../voicemail/pin';
import { callerOf } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

export function meVoicemailPinRoutes(app: Api, services: Pick<PinServices, 'db' | 'loginThrottle'>): void {
  app.put(
    '/me/voicemail/pin',
    {
      schema: {
        tags: ['voicemail'],
        operationId: 'putVoicemailPin',
        summary: 'Set the PIN that opens your voicemail from a phone (4 to 10 digits, not an easy one)',
        body: VoicemailPinRequest,
        response: replies(NO_CONTENT),
      },
    },
    async (request, reply) => {
      await setVoicemailPin(services, callerOf(request).userId, request.body.pin);
      return reply.status(204).send();
    },
  );
}
