// Who may call what: every route of the API, enumerated from the Fastify app itself (so a new
// route fails this test until it says who may call it), called as nobody, a user, a plain
// admin and a super admin, against targets that belong to a user, an admin and a super admin.
// The rule (server/accounts/authority.ts): admins manage what belongs to users; what belongs to
// an administrator is the super admin's. Reads show no secrets and stay open to every admin.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { toneWav } from '../support/wav';
import { DATABASES, useTestOffice } from '../support/office';
import { storeVoicemail } from '../../server/directory/voicemail';
import { defaultRanges } from '../../server/directory/numbering-plan';

const CALLERS = ['nobody', 'user', 'admin', 'superadmin'] as const;
const OWNERS = ['user', 'admin', 'superadmin'] as const;
type Caller = (typeof CALLERS)[number];
type Owner = (typeof OWNERS)[number];

/** `METHOD /path` of every route the app serves (HEAD mirrors GET), read from its route tree. */
function routesOf(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const segments: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[└├]── (\S+) \(([^)]*)\)$/.exec(line);
    if (!match) continue;
    segments.length = match[1]!.length / 4;
    segments.push(match[2]!);
    for (const method of match[3]!.split(', ')) {
      if (method !== 'HEAD' && method !== '-') routes.push(`${method} ${segments.join('')}`);
    }
  }
  return routes.sort();
}

/**
 * Who gets through: `public` everyone; `me` anyone signed in; `admin` any admin; `managed` any
 * admin who may manage the target's owner; `superadmin` only a super admin (what binds every
 * account: security settings, the templates of security mails); `phone` no one signed in, only a
 * desk phone with its own provisioning credential (tests/server/provisioning.test.ts). `ok` is the
 * answer when let through.
 */
type Access = 'public' | 'me' | 'admin' | 'managed' | 'superadmin' | 'phone';
interface Sweep {
  access: Access;
  ok: number;
  /** Swept against a target of each owner; the request is built afresh for every call. */
  owned?: boolean;
  request?: (owner: Owner) => Promise<{ url?: string; body?: unknown }>;
  /** Sent without the caller's token: with it, signing out would end the sweep's own session. */
  anonymous?: boolean;
  /**
   * Outside the API's /api/v1: one of the office's pages (`/`, `/recover`) or a desk phone's
   * provisioning file. Its URL is the address.
   */
  page?: boolean;
}

function expected(sweep: Sweep, caller: Caller, owner: Owner): number {
  if (sweep.access === 'public') return sweep.ok;
  if (sweep.access === 'phone') return 401;
  if (caller === 'nobody') return 401;
  if (sweep.access === 'me') return sweep.ok;
  if (caller === 'user') return 403;
  if (sweep.access === 'managed' && caller === 'admin' && owner !== 'user') return 403;
  if (sweep.access === 'superadmin' && caller === 'admin') return 403;
  return sweep.ok;
}

describe.each(DATABASES)('authorisation of every route on %s', (database) => {
  const office = useTestOffice(database);
  const tokens: Record<Caller, string | undefined> = {
    nobody: undefined,
    user: undefined,
    admin: undefined,
    superadmin: undefined,
  };
  const owners = {} as Record<Owner, { id: string; extension: string }>;
  let voicemailId: string;
  let serial = 0;

  const asBoss = async (method: string, url: string, body?: unknown) => {
    const response = await office.request(method, `${url}`, { token: tokens.superadmin, body });
    if (response.status >= 300) throw new Error(`${method} ${url}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const createdId = async (url: string, body: unknown) => (await asBoss('POST', url, body)).id as string;
  const unique = () => `${++serial}`.padStart(4, '0');

  // Fresh targets, each belonging to `owner`.
  const account = (owner: Owner) =>
    createdId('/admin/users', {
      name: `Swept ${owner} ${unique()}`,
      email: `swept.${owner}.${unique()}@example.com`,
      role: owner,
      sendWelcomeEmail: false,
    });
  const device = (owner: Owner) =>
    createdId('/admin/devices', { kind: 'desk-phone', model: 'Swept', extension: owners[owner].extension });
  const phoneNumber = (owner: Owner) =>
    createdId('/admin/phone-numbers', {
      number: `+1555000${unique()}`,
      routeType: 'extension',
      routeTarget: owners[owner].extension,
    });
  /** A group with the owner as its member. */
  const group = async (owner: Owner, settingsTemplateId: string | null = null) => {
    const id = await createdId('/admin/user-groups', { name: `Group ${unique()}`, settingsTemplateId });
    await asBoss('PATCH', `/admin/users/${owners[owner].id}`, { userGroupId: id });
    return id;
  };
  /** A template applied by a group with the owner as its member. */
  const template = async (owner: Owner) => {
    const id = await createdId('/admin/settings-templates', {
      name: `Template ${unique()}`,
      preferences: {},
    });
    await group(owner, id);
    return id;
  };
  /** A ring group with the owner's extension as its member. */
  const ringGroup = (owner: Owner) =>
    createdId('/admin/ring-groups', {
      name: `Ring ${unique()}`,
      strategy: 'all',
      members: [owners[owner].extension],
    });
  /** A music-on-hold file, uploaded as a one-second tone. */
  const music = async () => {
    const response = await office.request('POST', '/admin/music', {
      token: tokens.superadmin,
      rawBody: toneWav(1) as unknown as string,
      headers: { 'content-type': 'audio/wav', slug: `Swept${unique()}` },
    });
    if (response.status !== 201) throw new Error(`music upload: ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  };
  /** A receptionist whose menu's fallback rings the owner's extension. */
  const receptionistBody = (owner: Owner) => {
    const none: never[] = [];
    return {
      name: `Desk ${unique()}`,
      hours: { mon: none, tue: none, wed: none, thu: none, fri: none, sat: none, sun: none },
      holidays: [],
      menus: [
        {
          id: 'main',
          greeting: { kind: 'text', text: 'Hello' },
          options: [],
          timeoutSeconds: 5,
          fallback: { type: 'extension', number: owners[owner].extension },
        },
      ],
      openMenu: 'main',
      closedMenu: 'main',
      holidayMenu: 'main',
    };
  };
  const receptionist = (owner: Owner) => createdId('/admin/receptionists', receptionistBody(owner));
  const ipTrunk = () => ({
    kind: 'ip',
    name: `Trunk ${unique()}`,
    host: '192.0.2.10',
    addresses: ['192.0.2.10'],
  });
  const trunk = () => createdId('/admin/trunks', ipTrunk());
  const emailTemplate = () =>
    createdId('/admin/email-templates', {
      kind: 'welcome',
      name: `Mail ${unique()}`,
      subject: 'Hello',
      body: 'Welcome',
    });

  const on = (url: (id: string) => string, make: (owner: Owner) => Promise<string>, body?: unknown) => ({
    owned: true,
    request: async (owner: Owner) => ({ url: url(await make(owner)), body }),
  });
  const unowned = (url: (id: string) => string, make: () => Promise<string>, body?: unknown) => ({
    request: async () => ({ url: url(await make()), body }),
  });
  const withBody = (body: () => unknown) => ({ request: async () => ({ body: body() }) });
  const ownerAccount = (owner: Owner) => Promise.resolve(owners[owner].id);

  const conference = () => createdId('/admin/conferences', { name: `Bridge ${unique()}` });

  const SWEEPS: Record<string, Sweep> = {
    'GET /': { access: 'public', ok: 200, page: true },
    'GET /recover': { access: 'public', ok: 200, page: true },
    'GET /api/v1/health': { access: 'public', ok: 200 },
    'GET /provision/:file': {
      access: 'phone',
      ok: 200,
      page: true,
      request: async () => ({ url: '/provision/001565000001.cfg' }),
    },
    'GET /api/v1/openapi.json': { access: 'public', ok: 200 },
    'POST /api/v1/auth/login': {
      access: 'public',
      ok: 401,
      ...withBody(() => ({ login: 'nobody@example.com', password: 'not-the-password', scope: 'user' })),
    },
    'POST /api/v1/auth/refresh': {
      access: 'public',
      ok: 401,
      ...withBody(() => ({ refreshToken: 'not-a-refresh-token' })),
    },
    'POST /api/v1/auth/logout': { access: 'public', ok: 204, anonymous: true, ...withBody(() => ({})) },
    'POST /api/v1/auth/password-recovery': {
      access: 'public',
      ok: 202,
      ...withBody(() => ({ login: 'nobody@example.com' })),
    },
    'GET /api/v1/auth/password-policy': { access: 'public', ok: 200 },
    'GET /api/v1/auth/sign-in-options': { access: 'public', ok: 200 },
    'POST /api/v1/auth/password-recovery/confirm': {
      access: 'public',
      ok: 400,
      ...withBody(() => ({ code: 'ABCDEFGH', newPassword: 'Some-new-password-9' })),
    },

    'GET /api/v1/me': { access: 'me', ok: 200 },
    'POST /api/v1/me/password': {
      access: 'me',
      ok: 400,
      ...withBody(() => ({ currentPassword: 'not-the-password', newPassword: 'Another-password-9' })),
    },
    'GET /api/v1/me/preferences': { access: 'me', ok: 200 },
    'PATCH /api/v1/me/preferences': { access: 'me', ok: 200, ...withBody(() => ({ doNotDisturb: false })) },
    'GET /api/v1/me/softphone': { access: 'me', ok: 200 },
    'GET /api/v1/me/events': { access: 'me', ok: 200 },
    'GET /api/v1/directory': { access: 'me', ok: 200 },
    'GET /api/v1/me/call-log': { access: 'me', ok: 200 },
    'GET /api/v1/me/voicemail': { access: 'me', ok: 200 },
    // Someone else's voicemail: nobody but its owner finds it.
    'GET /api/v1/me/voicemail/:id/audio': {
      access: 'me',
      ok: 404,
      request: async () => ({ url: `/me/voicemail/${voicemailId}/audio` }),
    },
    'PATCH /api/v1/me/voicemail/:id': {
      access: 'me',
      ok: 404,
      request: async () => ({ url: `/me/voicemail/${voicemailId}`, body: { read: true } }),
    },
    // Nobody in the sweep has a greeting of their own, and a JSON body is not audio.
    'GET /api/v1/me/voicemail/greeting': { access: 'me', ok: 404 },
    'PUT /api/v1/me/voicemail/greeting': { access: 'me', ok: 415, ...withBody(() => ({})) },
    'DELETE /api/v1/me/voicemail/greeting': { access: 'me', ok: 204 },
    // A trivial PIN: refused after the caller is let through, and nothing changes.
    'PUT /api/v1/me/voicemail/pin': { access: 'me', ok: 400, ...withBody(() => ({ pin: '1111' })) },
    'DELETE /api/v1/me/voicemail/:id': {
      access: 'me',
      ok: 404,
      request: async () => ({ url: `/me/voicemail/${voicemailId}` }),
    },

    'GET /api/v1/admin/users': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/users': {
      access: 'managed',
      ok: 201,
      owned: true,
      request: async (owner) => ({
        body: {
          name: `New ${owner} ${unique()}`,
          email: `new.${owner}.${unique()}@example.com`,
          role: owner,
          sendWelcomeEmail: false,
        },
      }),
    },
    'GET /api/v1/admin/users/:id': {
      access: 'admin',
      ok: 200,
      ...on((id) => `/admin/users/${id}`, ownerAccount),
    },
    'PATCH /api/v1/admin/users/:id': {
      access: 'managed',
      ok: 200,
      ...on((id) => `/admin/users/${id}`, ownerAccount, { callerIdName: 'Swept' }),
    },
    'DELETE /api/v1/admin/users/:id': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/users/${id}`, account),
    },
    'POST /api/v1/admin/users/:id/password-reset': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/users/${id}/password-reset`, ownerAccount, { mode: 'automatic' }),
    },

    'GET /api/v1/admin/devices': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/devices': {
      access: 'managed',
      ok: 201,
      owned: true,
      request: async (owner) => ({
        body: { kind: 'desk-phone', model: 'Swept', extension: owners[owner].extension },
      }),
    },
    'GET /api/v1/admin/devices/:id': {
      access: 'admin',
      ok: 200,
      ...on((id) => `/admin/devices/${id}`, device),
    },
    'PATCH /api/v1/admin/devices/:id': {
      access: 'managed',
      ok: 200,
      ...on((id) => `/admin/devices/${id}`, device, { label: 'Swept' }),
    },
    'DELETE /api/v1/admin/devices/:id': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/devices/${id}`, device),
    },

    'GET /api/v1/admin/phone-numbers': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/phone-numbers': {
      access: 'managed',
      ok: 201,
      owned: true,
      request: async (owner) => ({
        body: { number: `+1555111${unique()}`, routeType: 'extension', routeTarget: owners[owner].extension },
      }),
    },
    'GET /api/v1/admin/phone-numbers/:id': {
      access: 'admin',
      ok: 200,
      ...on((id) => `/admin/phone-numbers/${id}`, phoneNumber),
    },
    'PATCH /api/v1/admin/phone-numbers/:id': {
      access: 'managed',
      ok: 200,
      ...on((id) => `/admin/phone-numbers/${id}`, phoneNumber, { label: 'Swept' }),
    },
    'DELETE /api/v1/admin/phone-numbers/:id': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/phone-numbers/${id}`, phoneNumber),
    },

    'GET /api/v1/admin/ring-groups': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/ring-groups': {
      access: 'managed',
      ok: 201,
      owned: true,
      request: async (owner) => ({
        body: {
          name: `R ${unique()}`,
          strategy: 'hunt',
          members: [],
          overflowType: 'extension',
          overflowTarget: owners[owner].extension,
        },
      }),
    },
    'GET /api/v1/admin/ring-groups/:id': {
      access: 'admin',
      ok: 200,
      ...on((id) => `/admin/ring-groups/${id}`, ringGroup),
    },
    'PATCH /api/v1/admin/ring-groups/:id': {
      access: 'managed',
      ok: 200,
      ...on((id) => `/admin/ring-groups/${id}`, ringGroup, { skipBusy: false }),
    },
    'DELETE /api/v1/admin/ring-groups/:id': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/ring-groups/${id}`, ringGroup),
    },
    'GET /api/v1/admin/receptionists': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/receptionists': {
      access: 'managed',
      ok: 201,
      owned: true,
      request: async (owner) => ({ body: receptionistBody(owner) }),
    },
    'GET /api/v1/admin/receptionists/:id': {
      access: 'admin',
      ok: 200,
      ...on((id) => `/admin/receptionists/${id}`, receptionist),
    },
    'GET /api/v1/admin/receptionists/:id/now': {
      access: 'admin',
      ok: 200,
      ...on((id) => `/admin/receptionists/${id}/now`, receptionist),
    },
    'PATCH /api/v1/admin/receptionists/:id': {
      access: 'managed',
      ok: 200,
      ...on((id) => `/admin/receptionists/${id}`, receptionist, { name: 'Swept' }),
    },
    'DELETE /api/v1/admin/receptionists/:id': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/receptionists/${id}`, receptionist),
    },
    // Let through, a JSON body is no greeting.
    'PUT /api/v1/admin/receptionists/:id/menus/:menuId/greeting': {
      access: 'managed',
      ok: 415,
      ...on((id) => `/admin/receptionists/${id}/menus/main/greeting`, receptionist, {}),
    },
    'GET /api/v1/admin/ring-groups/:id/voicemail': {
      access: 'admin',
      ok: 200,
      ...on((id) => `/admin/ring-groups/${id}/voicemail`, ringGroup),
    },
    'PUT /api/v1/admin/ring-groups/:id/voicemail/pin': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/ring-groups/${id}/voicemail/pin`, ringGroup, { pin: '480273' }),
    },
    'GET /api/v1/admin/ring-groups/:id/voicemail/greeting': {
      access: 'admin',
      ok: 404,
      ...on((id) => `/admin/ring-groups/${id}/voicemail/greeting`, ringGroup),
    },
    'PUT /api/v1/admin/ring-groups/:id/voicemail/greeting': {
      access: 'managed',
      ok: 415,
      ...on((id) => `/admin/ring-groups/${id}/voicemail/greeting`, ringGroup, {}),
    },
    'DELETE /api/v1/admin/ring-groups/:id/voicemail/greeting': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/ring-groups/${id}/voicemail/greeting`, ringGroup),
    },
    'GET /api/v1/me/ring-groups': { access: 'me', ok: 200 },
    'GET /api/v1/directory/destinations': { access: 'me', ok: 200 },
    // Only one's own membership: a group the caller is not in is not found.
    'PUT /api/v1/me/ring-groups/:id/membership': {
      access: 'me',
      ok: 404,
      ...unowned(
        (id) => `/me/ring-groups/${id}/membership`,
        () => ringGroup('user'),
        { loggedIn: false },
      ),
    },

    // Music on hold is the company's, no one's phones: any admin manages it. A JSON body is not audio.
    'GET /api/v1/admin/music': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/music': { access: 'admin', ok: 415, ...withBody(() => ({})) },
    'GET /api/v1/admin/music/:id': {
      access: 'admin',
      ok: 200,
      ...unowned((id) => `/admin/music/${id}`, music),
    },
    'PATCH /api/v1/admin/music/:id': {
      access: 'admin',
      ok: 200,
      ...unowned((id) => `/admin/music/${id}`, music, { name: 'Renamed' }),
    },
    'DELETE /api/v1/admin/music/:id': {
      access: 'admin',
      ok: 204,
      ...unowned((id) => `/admin/music/${id}`, music),
    },
    'PUT /api/v1/admin/music/:id/audio': {
      access: 'admin',
      ok: 415,
      ...unowned((id) => `/admin/music/${id}/audio`, music, {}),
    },
    'GET /api/v1/admin/music/:id/audio': {
      access: 'admin',
      ok: 200,
      ...unowned((id) => `/admin/music/${id}/audio`, music),
    },
    'PUT /api/v1/admin/music-default': { access: 'admin', ok: 200, ...withBody(() => ({ musicId: null })) },
    // Any admin manages bridges: a bridge rings nobody's phone.
    'GET /api/v1/admin/conferences': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/conferences': {
      access: 'admin',
      ok: 201,
      ...withBody(() => ({ name: `Bridge ${unique()}`, pin: '4826' })),
    },
    'GET /api/v1/admin/conferences/:id': {
      access: 'admin',
      ok: 200,
      ...unowned((id) => `/admin/conferences/${id}`, conference),
    },
    'PATCH /api/v1/admin/conferences/:id': {
      access: 'admin',
      ok: 200,
      ...unowned((id) => `/admin/conferences/${id}`, conference, { endWithModerator: true }),
    },
    'DELETE /api/v1/admin/conferences/:id': {
      access: 'admin',
      ok: 204,
      ...unowned((id) => `/admin/conferences/${id}`, conference),
    },
    'GET /api/v1/me/conferences': { access: 'me', ok: 200 },
    // Only a moderator in the participant's conference: one the caller is not in is not found
    // (moderators and participants: tests/sip/conferences.test.ts).
    'PUT /api/v1/me/conference-participants/:id/mute': {
      access: 'me',
      ok: 404,
      request: async () => ({ url: '/me/conference-participants/seat/mute', body: { muted: true } }),
    },
    'DELETE /api/v1/me/conference-participants/:id': {
      access: 'me',
      ok: 404,
      request: async () => ({ url: '/me/conference-participants/seat' }),
    },

    'GET /api/v1/admin/user-groups': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/user-groups': {
      access: 'admin',
      ok: 201,
      ...withBody(() => ({ name: `G ${unique()}` })),
    },
    'GET /api/v1/admin/user-groups/:id': {
      access: 'admin',
      ok: 200,
      ...on(
        (id) => `/admin/user-groups/${id}`,
        (owner) => group(owner),
      ),
    },
    'PATCH /api/v1/admin/user-groups/:id': {
      access: 'managed',
      ok: 200,
      ...on(
        (id) => `/admin/user-groups/${id}`,
        (owner) => group(owner),
        { description: 'Swept' },
      ),
    },
    'DELETE /api/v1/admin/user-groups/:id': {
      access: 'managed',
      ok: 204,
      ...on(
        (id) => `/admin/user-groups/${id}`,
        (owner) => group(owner),
      ),
    },

    'GET /api/v1/admin/settings-templates': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/settings-templates': {
      access: 'admin',
      ok: 201,
      ...withBody(() => ({ name: `T ${unique()}`, preferences: {} })),
    },
    'GET /api/v1/admin/settings-templates/:id': {
      access: 'admin',
      ok: 200,
      ...on((id) => `/admin/settings-templates/${id}`, template),
    },
    'PATCH /api/v1/admin/settings-templates/:id': {
      access: 'managed',
      ok: 200,
      ...on((id) => `/admin/settings-templates/${id}`, template, { preferences: { doNotDisturb: true } }),
    },
    'DELETE /api/v1/admin/settings-templates/:id': {
      access: 'managed',
      ok: 204,
      ...on((id) => `/admin/settings-templates/${id}`, template),
    },

    'GET /api/v1/admin/email-templates': { access: 'admin', ok: 200 },
    'POST /api/v1/admin/email-templates': {
      access: 'superadmin',
      ok: 201,
      ...withBody(() => ({ kind: 'welcome', name: `M ${unique()}`, subject: 'Hi', body: 'Welcome' })),
    },
    'GET /api/v1/admin/email-templates/:id': {
      access: 'admin',
      ok: 200,
      ...unowned((id) => `/admin/email-templates/${id}`, emailTemplate),
    },
    'PATCH /api/v1/admin/email-templates/:id': {
      access: 'superadmin',
      ok: 200,
      ...unowned((id) => `/admin/email-templates/${id}`, emailTemplate, { subject: 'Swept' }),
    },
    'DELETE /api/v1/admin/email-templates/:id': {
      access: 'superadmin',
      ok: 204,
      ...unowned((id) => `/admin/email-templates/${id}`, emailTemplate),
    },

    // A trunk names the office's carrier account: reading one as well is a super admin's.
    'GET /api/v1/admin/trunks': { access: 'superadmin', ok: 200 },
    'POST /api/v1/admin/trunks': { access: 'superadmin', ok: 201, ...withBody(ipTrunk) },
    'GET /api/v1/admin/trunks/:id': {
      access: 'superadmin',
      ok: 200,
      ...unowned((id) => `/admin/trunks/${id}`, trunk),
    },
    'PATCH /api/v1/admin/trunks/:id': {
      access: 'superadmin',
      ok: 200,
      ...unowned((id) => `/admin/trunks/${id}`, trunk, { maxChannels: 20 }),
    },
    'DELETE /api/v1/admin/trunks/:id': {
      access: 'superadmin',
      ok: 204,
      ...unowned((id) => `/admin/trunks/${id}`, trunk),
    },

    'GET /api/v1/admin/route-targets': { access: 'admin', ok: 200 },
    'GET /api/v1/admin/numbering-plan': { access: 'admin', ok: 200 },
    // Any admin's, as the company details are; saving the plan in force changes nothing.
    'PUT /api/v1/admin/numbering-plan': {
      access: 'admin',
      ok: 200,
      ...withBody(() => ({ extensionLength: 3, ranges: defaultRanges(3) })),
    },
    'GET /api/v1/admin/sip-server': { access: 'admin', ok: 200 },
    'GET /api/v1/admin/company': { access: 'admin', ok: 200 },
    // Company details are any admin's (security-settings.test.ts); the security settings are not.
    'PATCH /api/v1/admin/company': {
      access: 'superadmin',
      ok: 200,
      ...withBody(() => ({ name: 'My Office', security: { lockoutThreshold: 5 } })),
    },
    'GET /api/v1/admin/audit-log': { access: 'admin', ok: 200 },
    'GET /api/v1/admin/outbox': { access: 'admin', ok: 200 },
    'GET /api/v1/admin/call-log': { access: 'admin', ok: 200 },
    'GET /api/v1/admin/call-log.csv': { access: 'admin', ok: 200 },
  };

  beforeAll(async () => {
    tokens.superadmin = await office.adminToken();
    tokens.user = (await office.createSignedInUser(tokens.superadmin, 'Sweep User')).token;
    const admin = await office.createSignedInUser(tokens.superadmin, 'Sweep Admin', { role: 'admin' });
    tokens.admin = (await office.login(admin.email, admin.password, 'admin')).body.accessToken;
    for (const owner of OWNERS) {
      const id = await account(owner);
      owners[owner] = { id, extension: (await asBoss('GET', `/admin/users/${id}`)).extension };
    }
    voicemailId = await storeVoicemail(office.office.db, office.office.voicemailFiles, {
      extension: owners.user.extension,
      callerNumber: '100',
      callerName: 'Someone',
      receivedAt: new Date().toISOString(),
      durationSeconds: 3,
      audio: Buffer.from('RIFF....WAVE'),
      audioType: 'audio/wav',
    });
  });

  it('knows who may call each of them', () => {
    const routes = routesOf(office.app);
    expect(routes.length).toBeGreaterThan(40);
    expect(
      routes.filter((route) => !SWEEPS[route]),
      'routes the sweep does not know: add each to SWEEPS',
    ).toEqual([]);
    expect(Object.keys(SWEEPS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('answers every caller as the rule says, against targets of every owner', async () => {
    const wrong: string[] = [];
    for (const route of routesOf(office.app)) {
      const sweep = SWEEPS[route]!;
      const [method, path] = route.split(' ') as [string, string];
      for (const owner of sweep.owned ? OWNERS : (['user'] as const)) {
        for (const caller of CALLERS) {
          const built = (await sweep.request?.(owner)) ?? {};
          const url = built.url ?? path.replace(/^\/api\/v1/, '');
          const token = sweep.anonymous ? undefined : tokens[caller];
          const response = sweep.page
            ? await fetch(new URL(url, office.baseUrl), {
                method,
                headers: token ? { authorization: `Bearer ${token}` } : {},
              })
            : await office.request(method, url, { token, body: built.body });
          const want = expected(sweep, caller, owner);
          if (response.status !== want) {
            const error = JSON.stringify(response.body?.error ?? '').slice(0, 120);
            wrong.push(`${route} as ${caller} on ${owner}'s: ${response.status} (want ${want}) ${error}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it('lets a plain admin move nothing onto an administrator’s extension', async () => {
    const asAdmin = (method: string, url: string, body: unknown) =>
      office.request(method, url, { token: tokens.admin, body });
    const deviceId = await device('user');
    const moved = await asAdmin('PATCH', `/admin/devices/${deviceId}`, {
      extension: owners.superadmin.extension,
    });
    expect(moved.status).toBe(403);
    expect(moved.body.error).toMatchObject({ code: 'forbidden', field: 'body.extension' });
    expect((await asBoss('GET', `/admin/devices/${deviceId}`)).extension).toBe(owners.user.extension);

    const numberId = await phoneNumber('user');
    const rerouted = await asAdmin('PATCH', `/admin/phone-numbers/${numberId}`, {
      routeTarget: owners.admin.extension,
    });
    expect(rerouted.status).toBe(403);
    expect(rerouted.body.error.field).toBe('body.routeTarget');
    expect((await asBoss('GET', `/admin/phone-numbers/${numberId}`)).routeTarget).toBe(owners.user.extension);
    // Among users it is theirs to do.
    const other = await account('user');
    const otherExtension = (await asBoss('GET', `/admin/users/${other}`)).extension;
    expect((await asAdmin('PATCH', `/admin/devices/${deviceId}`, { extension: otherExtension })).status).toBe(
      200,
    );
  });

  it('shows no SIP password when a device or a user is read', async () => {
    const boss = tokens.superadmin;
    const id = await device('superadmin');
    for (const token of [tokens.admin, boss]) {
      const read = await office.request('GET', `/admin/devices/${id}`, { token });
      expect(read.body).not.toHaveProperty('sipPassword');
      const list = await office.request('GET', '/admin/devices', { token });
      expect(list.body.items.some((d: object) => 'sipPassword' in d)).toBe(false);
      const user = await office.request('GET', `/admin/users/${owners.superadmin.id}`, { token });
      expect(user.body.devices.length).toBeGreaterThan(0);
      expect(user.body.devices.some((d: object) => 'sipPassword' in d)).toBe(false);
    }
  });
});
