import type { PushHub } from '../../push/hub';
import { OfficeError } from '../../errors';
import { callerOf } from '../auth';
import { fileReply, replies, type Api } from '../types';

/**
 * The push channel: server-sent events for the signed-in app (each call as it is logged, new voice
 * messages, forced sign-out).
 * The stream outlives the access token that opened it; the office's heartbeat re-checks the
 * session instead and ends the stream with `signed-out` when it no longer holds.
 */
export function meEventRoutes(app: Api, push: PushHub): void {
  app.get(
    '/me/events',
    {
      schema: {
        tags: ['me'],
        operationId: 'streamEvents',
        summary:
          'Server-sent events for the signed-in app: calls as they are logged, voice messages, forced sign-out',
        response: replies(
          fileReply(
            'text/event-stream',
            'An endless event stream; each event is named by its type, its data a PushEvent',
          ),
        ),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const raw = reply.raw;
      const stream = {
        userId: caller.userId,
        sessionId: caller.sessionId,
        write: (chunk: string) => void raw.write(chunk),
        end: () => raw.end(),
      };
      if (push.size >= push.capacity)
        throw new OfficeError(
          503,
          'too_many_requests',
          'The office holds as many event streams as it can; retry later',
        );
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.on('close', () => push.close(stream));
      push.open(stream);
    },
  );
}
