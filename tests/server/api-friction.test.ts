// What a new user of the API trips on: a wrong choice is answered with the right ones, and the
// routes that need no body take none, or an empty one labelled JSON as many clients send it.
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, useTestOffice } from '../support/office';

const NIL_ID = '00000000-0000-0000-0000-000000000000';

describe.each(DATABASES)('API friction on %s', (database) => {
  const office = useTestOffice(database, { smtpUrl: null });
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
  });

  it('answers a value outside a list with the values the field allows, in bodies and query strings', async () => {
    const target = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Enum Target', email: 'enum.target@example.com', sendWelcomeEmail: false },
    });
    expect(target.status).toBe(201);
    for (const mode of ['auto', 42, null]) {
      const reset = await office.request('POST', `/admin/users/${target.body.id}/password-reset`, {
        token: admin,
        body: { mode },
      });
      expect(reset.status).toBe(400);
      expect(reset.body.error).toEqual({
        code: 'invalid_field',
        field: 'body.mode',
        message: 'body.mode must be one of "automatic", "manual"',
      });
    }

    const users = await office.request('GET', '/admin/users?role=boss', { token: admin });
    expect(users.status).toBe(400);
    expect(users.body.error).toEqual({
      code: 'invalid_field',
      field: 'query.role',
      message: 'query.role must be one of "user", "admin", "superadmin"',
    });
    const calls = await office.request('GET', '/me/call-log?filter=everything', { token: admin });
    expect(calls.body.error.message).toBe(
      'query.filter must be one of "all", "incoming", "outgoing", "missed"',
    );
  });

  it('takes a DELETE with no body, or an empty one labelled JSON, at every DELETE route', async () => {
    const spec = await office.request('GET', '/openapi.json');
    const deletes = Object.entries(spec.body.paths as Record<string, Record<string, unknown>>)
      .filter(([, operations]) => 'delete' in operations)
      .map(([path]) => path.replace(/^\/api\/v1/, '').replace('{id}', NIL_ID))
      // Going back to the default greeting has no row to miss: it answers 204 every time.
      .filter((path) => path !== '/me/voicemail/greeting');
    expect(deletes.length).toBeGreaterThan(5);
    for (const path of deletes) {
      for (const options of [{}, { rawBody: '' }]) {
        const reply = await office.request('DELETE', path, { token: admin, ...options });
        // Past the body: the route looked for the row and found none.
        expect({ path, ...options, status: reply.status, code: reply.body.error?.code }).toEqual({
          path,
          ...options,
          status: 404,
          code: 'not_found',
        });
      }
    }

    const group = await office.request('POST', '/admin/user-groups', {
      token: admin,
      body: { name: 'Empty' },
    });
    const deleted = await office.request('DELETE', `/admin/user-groups/${group.body.id}`, {
      token: admin,
      rawBody: '',
    });
    expect(deleted.status).toBe(204);
    expect(
      (await office.request('GET', `/admin/user-groups/${group.body.id}`, { token: admin })).status,
    ).toBe(404);
  });

  it('takes a logout with no body or an empty JSON one, and still refuses an empty body where one is needed', async () => {
    expect((await office.request('POST', '/auth/logout')).status).toBe(204);
    expect((await office.request('POST', '/auth/logout', { rawBody: '' })).status).toBe(204);

    const signedIn = await office.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'admin');
    const { refreshToken } = signedIn.body;
    expect((await office.request('POST', '/auth/logout', { body: { refreshToken } })).status).toBe(204);
    const refreshed = await office.request('POST', '/auth/refresh', { body: { refreshToken } });
    expect(refreshed.body.error.code).toBe('session_expired');

    const noBody = await office.request('POST', '/admin/users', { token: admin, rawBody: '' });
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.code).toBe('invalid_json');
    const missing = await office.request('POST', '/admin/users', { token: admin });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('body');
    // A PATCH that changes nothing is a mistake, with or without a body.
    for (const options of [{}, { rawBody: '' }, { body: {} }]) {
      const patch = await office.request('PATCH', '/admin/company', { token: admin, ...options });
      expect(patch.status).toBe(400);
    }
  });
});
