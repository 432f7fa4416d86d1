// A person's outbound permission, set by an admin on the person: any admin narrows it, only a
// super admin grants international calls, and what is set is what the office then allows.
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
});
