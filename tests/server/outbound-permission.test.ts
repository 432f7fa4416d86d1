// A person's outbound permission, set by an admin on the person: any admin narrows it, only a
// super admin grants international calls, and what is set is what the office then allows. The
// same holds for every other way to give the permission: a settings template (chosen at creation
// directly or through a user group, or written by an admin), and for admins racing each other.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';

describe.each(DATABASES)('outbound permission set on a user, on %s', (database) => {
  const office = useTestOffice(database);
  let superAdmin: string;
  let plainAdmin: string;

  beforeAll(async () => {
    superAdmin = await office.adminToken();
    const pat = await office.createSignedInUser(superAdmin, 'Pat Admin', { role: 'admin' });
    plainAdmin = (await office.login(pat.email, pat.password, 'admin')).body.accessToken as string;
  });

  const patch = (token: string, id: string, body: Record<string, unknown>) =>
    office.request('PATCH', `/admin/users/${id}`, { token, body });
  /** The person forwarding their calls to a number in London: allowed only with international calls. */
  const forwardAbroad = (token: string) =>
    office.request('PATCH', '/me/preferences', {
      token,
      body: { forwardAlways: { enabled: true, target: '+442079460000' } },
    });

  it('lets a super admin grant international calls, and the person may then use them', async () => {
    const ann = await office.createSignedInUser(superAdmin, 'Ann Abroad');
    const listed = await office.request('GET', `/admin/users/${ann.id}`, { token: superAdmin });
    expect(listed.body.outboundCalls).toBe('national');
    expect((await forwardAbroad(ann.token)).body.error.code).toBe('outbound_not_allowed');

    const granted = await patch(superAdmin, ann.id, { outboundCalls: 'international' });
    expect(granted.status).toBe(200);
    expect(granted.body.outboundCalls).toBe('international');
    expect((await office.request('GET', '/me/preferences', { token: ann.token })).body.outboundCalls).toBe(
      'international',
    );
    expect((await forwardAbroad(ann.token)).status).toBe(200);

    const audit = await office.request('GET', '/admin/audit-log', { token: superAdmin });
    const entry = (audit.body.items as { action: string; details: Record<string, unknown> }[]).find(
      (item) => item.action === 'user.updated' && item.details.outboundCalls === 'international',
    );
    expect(entry).toBeTruthy();
  });

  it('refuses a plain admin who grants international calls, and changes nothing', async () => {
    const bo = await office.createSignedInUser(superAdmin, 'Bo Local');
    const refused = await patch(plainAdmin, bo.id, { outboundCalls: 'international', name: 'Bo Renamed' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', field: 'body.outboundCalls' });
    const after = await office.request('GET', `/admin/users/${bo.id}`, { token: superAdmin });
    expect(after.body).toMatchObject({ name: 'Bo Local', outboundCalls: 'national' });
  });

  it('lets a plain admin narrow a permission, and leave an international one as it is', async () => {
    const cy = await office.createSignedInUser(superAdmin, 'Cy Traveller');
    expect((await patch(superAdmin, cy.id, { outboundCalls: 'international' })).status).toBe(200);
    // Saving the form again with the permission unchanged is no grant.
    expect((await patch(plainAdmin, cy.id, { outboundCalls: 'international' })).status).toBe(200);
    const narrowed = await patch(plainAdmin, cy.id, { outboundCalls: 'internal' });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.outboundCalls).toBe('internal');
    expect((await forwardAbroad(cy.token)).body.error.code).toBe('outbound_not_allowed');
    // Once narrowed, international is a grant again: the plain admin may not give it back.
    expect((await patch(plainAdmin, cy.id, { outboundCalls: 'international' })).status).toBe(403);
  });

  it('refuses a permission that is none of the three', async () => {
    const ed = await office.createSignedInUser(superAdmin, 'Ed Odd');
    const wrong = await patch(superAdmin, ed.id, { outboundCalls: 'everywhere' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe('body.outboundCalls');
  });

  it('holds when a super admin narrows the permission while a plain admin saves it unchanged', async () => {
    // The plain admin's save reads "international" (no grant) just before the narrowing commits:
    // written after it, it would give back what the super admin took away.
    for (let round = 0; round < 8; round++) {
      const di = (
        await office.request('POST', '/admin/users', {
          token: superAdmin,
          body: {
            name: `Di Racer ${round}`,
            email: `di.racer.${round}@example.com`,
            sendWelcomeEmail: false,
          },
        })
      ).body as { id: string };
      expect((await patch(superAdmin, di.id, { outboundCalls: 'international' })).status).toBe(200);
      const [keep, narrow] = await Promise.all([
        patch(plainAdmin, di.id, { outboundCalls: 'international' }),
        patch(superAdmin, di.id, { outboundCalls: 'internal' }),
      ]);
      expect(narrow.status).toBe(200);
      expect([200, 403]).toContain(keep.status);
      const after = await office.request('GET', `/admin/users/${di.id}`, { token: superAdmin });
      expect(after.body.outboundCalls).toBe('internal');
    }
  });

  describe('through a settings template', () => {
    let abroadTemplate: string;
    let abroadGroup: string;

    beforeAll(async () => {
      const template = await createTemplate(superAdmin, 'Travelling sales', 'international');
      expect(template.status).toBe(201);
      abroadTemplate = template.body.id as string;
      const group = await office.request('POST', '/admin/user-groups', {
        token: superAdmin,
        body: { name: 'Export desk', settingsTemplateId: abroadTemplate },
      });
      expect(group.status, JSON.stringify(group.body)).toBe(201);
      abroadGroup = group.body.id as string;
    });

    function createTemplate(token: string, name: string, outboundCalls: string) {
      return office.request('POST', '/admin/settings-templates', {
        token,
        body: { name, preferences: { outboundCalls } },
      });
    }
    const createUser = (token: string, name: string, extra: Record<string, unknown>) =>
      office.request('POST', '/admin/users', {
        token,
        body: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`, ...extra },
      });
    const userCount = async () =>
      ((await office.request('GET', '/admin/users', { token: superAdmin })).body.items as unknown[]).length;

    it('refuses a plain admin who creates a user with a template granting international calls', async () => {
      const before = await userCount();
      const refused = await createUser(plainAdmin, 'Flo Template', { settingsTemplateId: abroadTemplate });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', field: 'body.settingsTemplateId' });
      expect(refused.body.error.message).toMatch(/super admin.*international.*Travelling sales/);
      expect(await userCount()).toBe(before);
    });

    it('refuses a plain admin who creates a user in a group whose template grants them', async () => {
      const before = await userCount();
      const refused = await createUser(plainAdmin, 'Gil Group', { userGroupId: abroadGroup });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', field: 'body.userGroupId' });
      expect(await userCount()).toBe(before);
    });

    it('lets a super admin create those users, who may then call abroad', async () => {
      for (const extra of [{ settingsTemplateId: abroadTemplate }, { userGroupId: abroadGroup }]) {
        const created = await createUser(superAdmin, `Hal ${Object.keys(extra)[0]}`, extra);
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        expect(created.body.outboundCalls).toBe('international');
      }
    });

    it('grants nothing by moving a user into a group: its template applies only to users created in it', async () => {
      const local = await createUser(superAdmin, 'Jo Mover', {});
      const moved = await office.request('PATCH', `/admin/users/${local.body.id}`, {
        token: plainAdmin,
        body: { userGroupId: abroadGroup },
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body.outboundCalls).toBe('national');
    });

    it('lets a plain admin create users with a template of national calls', async () => {
      const local = await createTemplate(superAdmin, 'Front desk', 'national');
      const created = await createUser(plainAdmin, 'Ida Local', { settingsTemplateId: local.body.id });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.outboundCalls).toBe('national');
    });

    it('refuses a plain admin who writes international calls into a template', async () => {
      const refused = await createTemplate(plainAdmin, 'Sneaky', 'international');
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'forbidden',
        field: 'body.preferences.outboundCalls',
      });
      const names = (await office.request('GET', '/admin/settings-templates', { token: superAdmin })).body
        .items;
      expect((names as { name: string }[]).map((item) => item.name)).not.toContain('Sneaky');

      const local = await createTemplate(plainAdmin, 'Warehouse', 'internal');
      expect(local.status).toBe(201);
      const widened = await office.request('PATCH', `/admin/settings-templates/${local.body.id}`, {
        token: plainAdmin,
        body: { preferences: { outboundCalls: 'international' } },
      });
      expect(widened.status).toBe(403);
      const after = await office.request('GET', `/admin/settings-templates/${local.body.id}`, {
        token: superAdmin,
      });
      expect(after.body.preferences.outboundCalls).toBe('internal');
    });

    it('lets a plain admin edit a template that already grants international calls, and narrow it', async () => {
      const template = await createTemplate(superAdmin, 'Roaming', 'international');
      const path = `/admin/settings-templates/${template.body.id}`;
      const kept = await office.request('PATCH', path, {
        token: plainAdmin,
        body: {
          description: 'Staff abroad',
          preferences: { outboundCalls: 'international', doNotDisturb: false },
        },
      });
      expect(kept.status, JSON.stringify(kept.body)).toBe(200);
      const narrowed = await office.request('PATCH', path, {
        token: plainAdmin,
        body: { preferences: { outboundCalls: 'national' } },
      });
      expect(narrowed.body.preferences.outboundCalls).toBe('national');
      const regranted = await office.request('PATCH', path, {
        token: plainAdmin,
        body: { preferences: { outboundCalls: 'international' } },
      });
      expect(regranted.status).toBe(403);
      const bySuper = await office.request('PATCH', path, {
        token: superAdmin,
        body: { preferences: { outboundCalls: 'international' } },
      });
      expect(bySuper.status).toBe(200);
    });

    it('holds when a super admin narrows a template while a plain admin saves it unchanged', async () => {
      for (let round = 0; round < 8; round++) {
        const template = await createTemplate(superAdmin, `Race ${round}`, 'international');
        const path = `/admin/settings-templates/${template.body.id}`;
        const [keep, narrow] = await Promise.all([
          office.request('PATCH', path, {
            token: plainAdmin,
            body: { preferences: { outboundCalls: 'international' } },
          }),
          office.request('PATCH', path, {
            token: superAdmin,
            body: { preferences: { outboundCalls: 'national' } },
          }),
        ]);
        expect(narrow.status).toBe(200);
        expect([200, 403]).toContain(keep.status);
        const after = await office.request('GET', path, { token: superAdmin });
        expect(after.body.preferences.outboundCalls).toBe('national');
      }
    });
  });
});
