// Ring groups through the office with real softphones (sip.js over WebSocket) and a raw-UDP desk
// phone: all at once, hunt in order, round robin across calls, busy and logged-out members
// skipped, every phone of a member rung, overflow, and the call logged once for the group with
// the member who answered.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation } from 'sip.js';
import type { TestOffice } from '../support/office';
import { DOMAIN, startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { TestPhone, reaches, SessionState } from './softphone';
import { parseMessage, serializeMessage, type SipRequest } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import { udpPeer } from './support';
import { registerWithDigest } from './desk-phone';

interface Person {
  name: string;
  token: string;
  extension: string;
  phone: TestPhone;
}

describe('ring groups', { timeout: 60_000 }, () => {
  let office: TestOffice;
  let sip: SipService;
  let admin: string;
  let people: Person[];
  let caller: Person, ana: Person, ben: Person, cleo: Person, dev: Person;

  const uri = (extension: string) => `sip:${extension}@${DOMAIN}`;

  async function person(name: string): Promise<Person> {
    const user = await office.createSignedInUser(admin, name);
    const phone = await TestPhone.ofUser(office, user.token, name);
    return { name, token: user.token, extension: user.extension, phone };
  }

  async function group(body: Record<string, unknown>) {
    const created = await office.request('POST', '/admin/ring-groups', { token: admin, body });
    expect(created.status).toBe(201);
    return created.body as { id: string; extension: string; name: string };
  }

  /** The phone rings; nothing else of the given phones rings meanwhile. */
  async function ringsOnly(ringing: Person, others: Person[]): Promise<Invitation> {
    const invitation = await ringing.phone.nextInvitation(8000);
    for (const other of others) await expect(other.phone.nextInvitation(300)).rejects.toThrow('no call rang');
    return invitation;
  }

  /** Dials, lets `member` take it, hangs up; resolves once the call is over and logged. */
  async function answeredBy(groupExtension: string, member: Person, others: Person[]) {
    const { session, final } = caller.phone.dial(uri(groupExtension));
    const invitation = await ringsOnly(member, others);
    await invitation.accept();
    expect(await final).toBe(200);
    await reaches(session, SessionState.Established);
    await session.bye();
    await reaches(invitation, SessionState.Terminated);
    await expect.poll(() => sip.calls.activeCalls).toBe(0);
  }

  const lastCall = () =>
    office.office.db.selectFrom('calls').selectAll().orderBy('started_at', 'desc').executeTakeFirstOrThrow();

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    admin = await office.adminToken();
    people = [];
    for (const name of ['Carl Caller', 'Ana Member', 'Ben Member', 'Cleo Member', 'Dev Other'])
      people.push(await person(name));
    [caller, ana, ben, cleo, dev] = people as [Person, Person, Person, Person, Person];
  });
  afterEach(async () => {
    await expect.poll(() => sip.calls.activeCalls).toBe(0);
  });
  afterAll(async () => {
    await Promise.all(people.map((p) => p.phone.stop()));
    await sip?.close();
    await office?.close();
  });

  it('rings every member at once; the first to answer takes it, the others stop ringing, and the call is logged once for the group', async () => {
    const sales = await group({
      name: 'Sales',
      strategy: 'all',
      members: [ana, ben, cleo].map((p) => p.extension),
    });
    const { session, final } = caller.phone.dial(uri(sales.extension));
    const [a, b, c] = await Promise.all([ana, ben, cleo].map((p) => p.phone.nextInvitation()));
    expect(b!.remoteIdentity.uri.user).toBe(caller.extension);
    await b!.accept();
    expect(await final).toBe(200);
    await reaches(a!, SessionState.Terminated);
    await reaches(c!, SessionState.Terminated);
    await session.bye();
    await expect.poll(() => sip.calls.activeCalls).toBe(0);

    await expect.poll(async () => (await lastCall()).answered_by_number).toBe(ben.extension);
    const row = await lastCall();
    expect([row.callee_number, row.result]).toEqual([sales.extension, 'answered']);
    // The office's call log names the member, and finds the call under their extension.
    const officeLog = await office.request('GET', `/admin/call-log?extension=${ben.extension}`, {
      token: admin,
    });
    expect(officeLog.body.items[0]).toMatchObject({
      id: row.id,
      calleeNumber: sales.extension,
      answeredByNumber: ben.extension,
    });
    const ownLog = (await office.request('GET', '/me/call-log', { token: caller.token })).body.items;
    expect(ownLog[0]).toMatchObject({ otherNumber: sales.extension, otherName: 'Sales', result: 'answered' });
    const bensLog = (await office.request('GET', '/me/call-log', { token: ben.token })).body.items;
    expect(bensLog[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: caller.extension,
      result: 'answered',
    });
    const anasLog = (await office.request('GET', '/me/call-log', { token: ana.token })).body.items;
    expect(anasLog.filter((e: { callId: string }) => e.callId === row.id)).toEqual([]);
  });

  it('hunts in order: the first member rings for their ring time, then the next', async () => {
    const support = await group({
      name: 'Support',
      strategy: 'hunt',
      memberRingSeconds: 5,
      members: [ana, ben].map((p) => p.extension),
    });
    const { session, final } = caller.phone.dial(uri(support.extension));
    const first = await ringsOnly(ana, [ben]);
    const startedAt = Date.now();
    await reaches(first, SessionState.Terminated, 8000);
    const second = await ben.phone.nextInvitation(3000);
    expect(Date.now() - startedAt).toBeGreaterThan(4000);
    await second.accept();
    expect(await final).toBe(200);
    await session.bye();
    await expect.poll(async () => (await lastCall()).answered_by_number).toBe(ben.extension);
  });

  it('round robin starts after the member who answered last, across several calls', async () => {
    const desk = await group({
      name: 'Front desk',
      strategy: 'round-robin',
      members: [ana, ben, cleo].map((p) => p.extension),
    });
    await answeredBy(desk.extension, ana, [ben, cleo]);
    await answeredBy(desk.extension, ben, [ana, cleo]);
    await answeredBy(desk.extension, cleo, [ana, ben]);
    await answeredBy(desk.extension, ana, [ben, cleo]);
  });

  it('skips a member on a call and a member logged out of the group', async () => {
    const team = await group({
      name: 'Team',
      strategy: 'all',
      members: [ana, ben, cleo].map((p) => p.extension),
    });
    // Cleo logs out of the group from the app.
    const mine = (await office.request('GET', '/me/ring-groups', { token: cleo.token })).body.items;
    expect(mine).toContainEqual({ id: team.id, name: 'Team', extension: team.extension, loggedIn: true });
    const out = await office.request('PUT', `/me/ring-groups/${team.id}/membership`, {
      token: cleo.token,
      body: { loggedIn: false },
    });
    expect(out.body).toMatchObject({ id: team.id, loggedIn: false });

    // Ana is talking to Dev.
    const busy = dev.phone.dial(uri(ana.extension));
    const anaTalks = await ana.phone.nextInvitation();
    await anaTalks.accept();
    expect(await busy.final).toBe(200);

    const { session, final } = caller.phone.dial(uri(team.extension));
    const rung = await ringsOnly(ben, [ana, cleo]);
    await rung.accept();
    expect(await final).toBe(200);
    await session.bye();
    await busy.session.bye();
    await expect.poll(() => sip.calls.activeCalls).toBe(0);

    // Logged in again, Cleo is rung too.
    await office.request('PUT', `/me/ring-groups/${team.id}/membership`, {
      token: cleo.token,
      body: { loggedIn: true },
    });
    const again = caller.phone.dial(uri(team.extension));
    const [a, b, c] = await Promise.all([ana, ben, cleo].map((p) => p.phone.nextInvitation()));
    await c!.accept();
    expect(await again.final).toBe(200);
    await Promise.all([reaches(a!, SessionState.Terminated), reaches(b!, SessionState.Terminated)]);
    await again.session.bye();
  });

  it('overflows to another extension when nobody answers within the group time', async () => {
    const night = await group({
      name: 'Night line',
      strategy: 'hunt',
      memberRingSeconds: 5,
      groupRingSeconds: 5,
      overflowType: 'extension',
      overflowTarget: dev.extension,
      members: [ana.extension, ben.extension],
    });
    const { session, final } = caller.phone.dial(uri(night.extension));
    const first = await ringsOnly(ana, [ben, dev]);
    await reaches(first, SessionState.Terminated, 8000);
    const overflow = await dev.phone.nextInvitation(3000);
    await expect(ben.phone.nextInvitation(300)).rejects.toThrow('no call rang');
    await overflow.accept();
    expect(await final).toBe(200);
    await session.bye();
  });

  it('without voicemail, a group nobody can take refuses the call as unanswered', async () => {
    const empty = await group({ name: 'Empty', strategy: 'all', members: [] });
    const { final } = caller.phone.dial(uri(empty.extension));
    expect(await final).toBe(408);
  });

  it('rings all of a member’s phones in their turn: their raw-UDP desk phone answers, their softphone stops', async () => {
    const device = await office.addDeskPhone(admin, cleo.extension, 'Raw UDP');
    const desk = await udpPeer(sip.ports.udp);
    expect(
      (await registerWithDigest(desk, cleo.extension, device.sipUsername, device.sipPassword)).status,
    ).toBe(200);
    const line = await group({ name: 'Line', strategy: 'hunt', members: [cleo.extension] });
    const { session, final } = caller.phone.dial(uri(line.extension));
    const softphoneRings = await cleo.phone.nextInvitation();
    const invite = parseMessage(await desk.next(5000)) as SipRequest;
    expect(invite.method).toBe('INVITE');
    desk.send(serializeMessage(buildResponse(invite, 180, 'Ringing', { toTag: 'desk' })));
    desk.send(
      serializeMessage(
        buildResponse(invite, 200, 'OK', {
          toTag: 'desk',
          headers: [['Contact', `<sip:${cleo.extension}@127.0.0.1:${desk.localPort}>`]],
          body: Buffer.from(
            'v=0\r\no=desk 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n',
          ),
          contentType: 'application/sdp',
        }),
      ),
    );
    expect(await final).toBe(200);
    await reaches(softphoneRings, SessionState.Terminated);
    expect((parseMessage(await desk.next()) as SipRequest).method).toBe('ACK');
    await session.bye();
    const bye = parseMessage(await desk.next()) as SipRequest;
    expect(bye.method).toBe('BYE');
    desk.send(serializeMessage(buildResponse(bye, 200, 'OK')));
    await expect.poll(async () => (await lastCall()).answered_by_number).toBe(cleo.extension);
    await office.request('DELETE', `/admin/devices/${device.id}`, { token: admin });
    desk.close();
  });

  it('logs a member out and in by feature code from their phone: the office answers, hangs up, and the group follows', async () => {
    const desk = await group({
      name: 'Help desk',
      strategy: 'all',
      members: [ana, ben].map((p) => p.extension),
    });
    const myGroups = async (who: Person) =>
      (await office.request('GET', '/me/ring-groups', { token: who.token })).body.items as {
        extension: string;
        loggedIn: boolean;
      }[];
    /** Dials a feature code: the final status and, for a 200, the answer and the office's BYE. */
    const dialCode = async (who: Person, code: string) => {
      const { session, final } = who.phone.dial(uri(code));
      const status = await final;
      if (status === 200) {
        // Nothing to hear: every stream of the answer is refused (port 0), and the office hangs up.
        expect(who.phone.lastSdpFor(session)).toMatch(/^m=audio 0 RTP\/AVP 0\r?$/m);
        await reaches(session, SessionState.Terminated);
      }
      return status;
    };

    expect(await dialCode(ana, `*46${desk.extension}`)).toBe(200);
    expect((await myGroups(ana)).find((g) => g.extension === desk.extension)?.loggedIn).toBe(false);
    // Logged out, Ana is not rung; Ben takes the group's call.
    await answeredBy(desk.extension, ben, [ana]);

    expect(await dialCode(ana, `*45${desk.extension}`)).toBe(200);
    expect((await myGroups(ana)).find((g) => g.extension === desk.extension)?.loggedIn).toBe(true);

    // Someone who is not a member changes nothing; a code without a group, or an unknown group, neither.
    expect(await dialCode(dev, `*46${desk.extension}`)).toBe(403);
    expect(await dialCode(ana, '*46')).toBe(404);
    expect(await dialCode(ana, '*46999')).toBe(403);
    expect(await dialCode(ana, `*47${desk.extension}`)).toBe(404);
    expect((await myGroups(ben)).find((g) => g.extension === desk.extension)?.loggedIn).toBe(true);
    await expect.poll(() => sip.calls.activeCalls).toBe(0);
  });

  it('a person forwarding to a group: a call to them rings the group’s members', async () => {
    const team = await group({ name: 'Forward team', strategy: 'all', members: [cleo.extension] });
    const forward = (target: string | null) =>
      office.request('PATCH', '/me/preferences', {
        token: dev.token,
        body: { forwardAlways: { enabled: target !== null, target } },
      });
    expect((await forward(team.extension)).status).toBe(200);
    const { session, final } = caller.phone.dial(uri(dev.extension));
    const invitation = await ringsOnly(cleo, [dev, ana, ben]);
    await invitation.accept();
    expect(await final).toBe(200);
    await session.bye();
    await reaches(invitation, SessionState.Terminated);
    await expect.poll(async () => (await lastCall()).answered_by_number).toBe(cleo.extension);
    await forward(null);
  });
});
