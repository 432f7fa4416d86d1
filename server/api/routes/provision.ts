// The provisioning server desk phones fetch their configuration from: GET /provision/<file>,
// outside /api/v1 (phones speak their vendor's file formats, not JSON). Every request needs the
// phone's own digest credential, whatever the file: a stranger learns nothing, not even which
// MAC addresses the office knows. A phone is served only files named after its own MAC address
// (or its vendor's common files); another phone's name is answered as a name that does not
// exist, and counts as a failed attempt.
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import { StrictObject } from '../../../common/api/primitives';
import { serverSecret } from '../../db/server-secrets';
import { recordFetch } from '../../directory/desk-phones';
import { ProvisioningGate } from '../../provision/gate';
import { loadPhoneProfile, type ProfileServices } from '../../provision/profile';
import { phoneFile } from '../../provision/files';
import { oneLine } from '../../provision/phone-file';
import type { Api } from '../types';

const ProvisionParams = StrictObject({ file: Type.String({ maxLength: 200 }) });

/** What a phone's request records: bounded, on one line. */
const recorded = (text: string | undefined) => oneLine(text ?? '').slice(0, 200);

function plain(reply: FastifyReply, status: number, text: string) {
  return reply
    .code(status)
    .header('Cache-Control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send(`${text}\n`);
}

export async function provisionRoutes(app: Api, services: ProfileServices): Promise<void> {
  const { db, secrets, clock } = services;
  const gate = new ProvisioningGate(
    db,
    secrets,
    clock,
    Buffer.from(await serverSecret(db, 'provisioning-nonce-key'), 'base64url'),
  );

  app.get('/provision/:file', { schema: { hide: true, params: ProvisionParams } }, async (request, reply) => {
    const name = request.params.file;
    const address = request.ip;
    const admitted = await gate.admit(request.method, request.url, address, request.headers.authorization);
    if (admitted.kind === 'throttled') {
      reply.header('Retry-After', String(admitted.retryAfterSeconds));
      return plain(reply, 429, 'Too many failed attempts from this address; try again later');
    }
    if (admitted.kind === 'challenge') {
      if (request.headers.authorization) request.log.warn({ address, file: name }, 'provisioning refused');
      reply.header('WWW-Authenticate', admitted.challenge);
      return plain(reply, 401, 'Unauthorized');
    }
    let counts = false;
    try {
      const profile = await loadPhoneProfile(services, admitted.deviceId);
      if (profile === 'sip-down') {
        reply.header('Retry-After', '30');
        return plain(reply, 503, 'The office’s SIP service is starting; try again shortly');
      }
      const file = profile && phoneFile(profile.model.vendor, name);
      if (!profile || !file) return plain(reply, 404, 'Not found');
      if (file.mac !== null && file.mac !== profile.mac) {
        counts = true;
        request.log.warn({ address, file: name }, 'provisioning: a phone asked for another phone’s file');
        return plain(reply, 404, 'Not found');
      }
      const body = file.write(profile);
      await recordFetch(
        db,
        admitted.deviceId,
        { address, file: recorded(name), userAgent: recorded(request.headers['user-agent']) },
        clock(),
      );
      return reply.code(200).header('Cache-Control', 'no-store').type(file.contentType).send(body);
    } finally {
      admitted.done(counts);
    }
  });
}
