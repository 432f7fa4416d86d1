import { ownBox } from '../../directory/voicemail';
import type { GreetingStorage } from '../../voicemail/greeting';
import { callerOf } from '../auth';
import type { Api } from '../types';
import { greetingRoutes } from './greeting-routes';

/** The greeting callers hear: the user's own upload, or the office default when none. */
export function meVoicemailGreetingRoutes(app: Api, storage: GreetingStorage): void {
  greetingRoutes(app, storage, {
    path: '/me/voicemail/greeting',
    tags: ['voicemail'],
    operationIds: {
      put: 'putVoicemailGreeting',
      get: 'getVoicemailGreeting',
      delete: 'deleteVoicemailGreeting',
    },
    whose: 'your',
    boxOf: (request) => ownBox(storage.db, callerOf(request).userId),
  });
}
