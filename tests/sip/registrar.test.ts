import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { UserAgent, Registerer, RegistererState } from 'sip.js';
import type { TestOffice } from '../support/office';
import { startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import type { SipResponse } from '../../server/sip/message';
import { udpPeer } from './support';
import { authorization, exchange, register, registerWithDigest } from './desk-phone';

describe('the registrar', () => {
  let office: TestOffice;
  let sip: SipService;
  let admin: string;
  let user: Awaited<ReturnType<TestOffice['createSignedInUser']>>;
  let desk: { id: string; sipUsername: string; sipPassword: string };

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    admin = await office.adminToken();
    user = await office.createSignedInUser(admin, 'Phone Owner');
    desk = (
      await office.request('POST', '/admin/devices', {
        token: admin,
        body: { kind: 'desk-phone', model: 'Yealink T46U', extension: user.extension },
      })
    ).body;
  });
  afterAll(async () => {
    await sip?.close();
    await office?.close();
  });

  it('registers a sip.js softphone over WebSocket with the credentials from /me/softphone', async () => {
    const config = (await office.request('GET', '/me/softphone', { token: user.token })).body;
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    const agent = new UserAgent({
      uri: UserAgent.makeURI(config.sipUri),
      authorizationUsername: config.authorizationUsername,
      authorizationPassword: config.password,
      transportOptions: { server: config.websocketServers[0] },
      logLevel: 'error',
    });
    await agent.start();
    const registerer = new Registerer(agent, { expires: 300 });
    const registered = new Promise<void>((resolve) =>
      registerer.stateChange.addListener((state) => state === RegistererState.Registered && resolve()),
    );
    await registerer.register();
    await registered;
    const bindings = sip.registrar.contactsOf(user.extension);
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toMatchObject({
      sipUsername: config.authorizationUsername,
      flow: { transport: 'WS' },
    });

    // The WebSocket goes: so does the binding.
    await agent.stop();
    await expect.poll(() => sip.registrar.contactsOf(user.extension)).toHaveLength(0);
  });

  it('refuses a Contact no request could reach', async () => {
    const phone = await udpPeer(sip.ports.udp);
    for (const contact of [
      `<sip:${user.extension}@127.0.0.1:0>`,
      '<mailto:desk@example.com>',
      '<sip:broken',
    ]) {
      const refused = await registerWithDigest(phone, user.extension, desk.sipUsername, desk.sipPassword, {
        contact,
      });
      expect(refused.status, contact).toBe(400);
      expect(refused.reason).toBe('Bad Request (malformed Contact)');
    }
    expect(sip.registrar.contactsOf(user.extension)).toHaveLength(0);
    phone.close();
  });

  it('keeps one contact per device, bounds Expires, and un-registers', async () => {
    const phone = await udpPeer(sip.ports.udp);
    const ok = await registerWithDigest(phone, user.extension, desk.sipUsername, desk.sipPassword);
    expect(ok.status).toBe(200);
    expect(ok.headers.getAll('Contact')).toEqual([
      `<sip:${user.extension}@127.0.0.1:${phone.localPort}>;expires=600`,
    ]);

    const other = await udpPeer(sip.ports.udp);
    const soft = (await office.request('GET', '/me/softphone', { token: user.token })).body;
    const second = await registerWithDigest(
      other,
      user.extension,
      soft.authorizationUsername,
      soft.password,
      {
        callId: 'second-device',
        contact: `<sip:${user.extension}@127.0.0.1:${other.localPort}>;expires=7200`,
      },
    );
    expect(second.headers.getAll('Contact')).toHaveLength(2);
    expect(second.headers.getAll('Contact').join()).toContain('expires=3600');

    const brief = await registerWithDigest(phone, user.extension, desk.sipUsername, desk.sipPassword, {
      expires: 20,
    });
    expect(brief.status).toBe(423);
    expect(brief.headers.get('Min-Expires')).toBe('60');

    const gone = await registerWithDigest(phone, user.extension, desk.sipUsername, desk.sipPassword, {
      expires: 0,
    });
    expect(gone.headers.getAll('Contact')).toHaveLength(1);
    const all = await registerWithDigest(other, user.extension, soft.authorizationUsername, soft.password, {
      callId: 'second-device',
      contact: '*',
      expires: 0,
    });
    expect(all.status).toBe(200);
    expect(sip.registrar.contactsOf(user.extension)).toHaveLength(0);
    phone.close();
    other.close();
  });

  it('refuses a wrong password, a replayed answer, a stale nonce and another extension', async () => {
    const phone = await udpPeer(sip.ports.udp);
    const wrong = await registerWithDigest(phone, user.extension, desk.sipUsername, 'not-the-secret');
    expect(wrong.status).toBe(401);

    const challenge = (await exchange(phone, register(phone, user.extension))).headers.getAll(
      'WWW-Authenticate',
    )[0]!;
    const answer = authorization(challenge, desk.sipUsername, desk.sipPassword);
    expect((await exchange(phone, register(phone, user.extension, { authorization: answer }))).status).toBe(
      200,
    );
    // The same answer in a new transaction: a replay, refused with a fresh challenge.
    const replayed = await exchange(phone, register(phone, user.extension, { authorization: answer }));
    expect(replayed.status).toBe(401);
    expect(replayed.headers.getAll('WWW-Authenticate')[0]).not.toBe(challenge);

    const later = (await exchange(phone, register(phone, user.extension))).headers.getAll(
      'WWW-Authenticate',
    )[0]!;
    office.advance(6 * 60_000);
    const stale = await exchange(
      phone,
      register(phone, user.extension, {
        authorization: authorization(later, desk.sipUsername, desk.sipPassword),
      }),
    );
    expect(stale.status).toBe(401);
    expect(stale.headers.getAll('WWW-Authenticate')[0]).toContain('stale=true');

    const foreign = await registerWithDigest(phone, '199', desk.sipUsername, desk.sipPassword);
    expect(foreign.status).toBe(403);
    phone.close();
  });

  it('drops a released device at once and refuses it afterwards; portal access off stops only the softphone', async () => {
    const phone = await udpPeer(sip.ports.udp);
    expect((await registerWithDigest(phone, user.extension, desk.sipUsername, desk.sipPassword)).status).toBe(
      200,
    );
    const softPeer = await udpPeer(sip.ports.udp);
    const soft = (await office.request('GET', '/me/softphone', { token: user.token })).body;
    expect(
      (
        await registerWithDigest(softPeer, user.extension, soft.authorizationUsername, soft.password, {
          callId: 'soft',
        })
      ).status,
    ).toBe(200);
    const usernames = () => new Set(sip.registrar.contactsOf(user.extension).map((b) => b.sipUsername));
    expect(usernames()).toEqual(new Set([desk.sipUsername, soft.authorizationUsername]));

    await office.request('PATCH', `/admin/users/${user.id}`, { token: admin, body: { portalAccess: false } });
    expect(usernames()).toEqual(new Set([desk.sipUsername]));
    const refused = await registerWithDigest(
      softPeer,
      user.extension,
      soft.authorizationUsername,
      soft.password,
      { callId: 'soft' },
    );
    // A revoked device is answered as an unknown one: challenged again, like a wrong password.
    expect(refused.status).toBe(401);

    await office.request('PATCH', `/admin/devices/${desk.id}`, { token: admin, body: { extension: null } });
    expect(sip.registrar.contactsOf(user.extension)).toHaveLength(0);
    expect((await registerWithDigest(phone, user.extension, desk.sipUsername, desk.sipPassword)).status).toBe(
      401,
    );
    await office.request('PATCH', `/admin/users/${user.id}`, { token: admin, body: { portalAccess: true } });
    phone.close();
    softPeer.close();
  });

  it('keeps at most five contacts per device, replacing the oldest', async () => {
    const device = (
      await office.request('POST', '/admin/devices', {
        token: admin,
        body: { kind: 'desk-phone', model: 'Port hopper', extension: user.extension },
      })
    ).body;
    const phone = await udpPeer(sip.ports.udp);
    const contact = (port: number) => `sip:${user.extension}@127.0.0.1:${port}`;
    for (let port = 20001; port <= 20008; port++) {
      const ok = await registerWithDigest(phone, user.extension, device.sipUsername, device.sipPassword, {
        contact: `<${contact(port)}>`,
      });
      expect(ok.status).toBe(200);
    }
    const kept = sip.registrar
      .contactsOf(user.extension)
      .filter((b) => b.sipUsername === device.sipUsername)
      .map((b) => b.contact);
    expect(kept.sort()).toEqual([20004, 20005, 20006, 20007, 20008].map(contact));
    await office.request('DELETE', `/admin/devices/${device.id}`, { token: admin });
    phone.close();
  });

  it('answers an unknown username exactly as a wrong password, and an answer for another URI as a guess', async () => {
    const phone = await udpPeer(sip.ports.udp);
    const refusal = async (username: string, password: string, uri?: string) => {
      const challenge = await exchange(phone, register(phone, user.extension));
      const header = challenge.headers.getAll('WWW-Authenticate')[0]!;
      const answer = authorization(header, username, password, '00000001', 'REGISTER', uri);
      const response = await exchange(phone, register(phone, user.extension, { authorization: answer }));
      return {
        status: response.status,
        reason: response.reason,
        headers: response.headers.entries().map(([name]) => name),
        challenges: response.headers.getAll('WWW-Authenticate').map((c) => c.replace(/nonce="[^"]+"/, '')),
      };
    };
    const wrongPassword = await refusal(desk.sipUsername, 'not the password');
    expect(wrongPassword.status).toBe(401);
    expect(await refusal('d0000nosuchdevice', 'anything')).toEqual(wrongPassword);
    // The right password, but the digest was computed for another Request-URI.
    expect(
      await refusal(desk.sipUsername, desk.sipPassword, `sip:${user.extension}@elsewhere.example.org`),
    ).toEqual(wrongPassword);
    phone.close();
  });

  it('blocks a guesser while a device with the right password keeps registering from the same address', async () => {
    const attacker = await udpPeer(sip.ports.udp);
    let last: SipResponse | undefined;
    for (let i = 0; i < 16 && last?.reason !== 'Forbidden (too many failures)'; i++) {
      const challenge = await exchange(attacker, register(attacker, user.extension));
      const header = challenge.headers.getAll('WWW-Authenticate')[0]!;
      last = await exchange(
        attacker,
        register(attacker, user.extension, {
          authorization: authorization(header, 'd0000deadbeef', 'guess'),
        }),
      );
    }
    expect(last?.status).toBe(403);
    expect(last?.reason).toBe('Forbidden (too many failures)');
    // A desk phone of the user shares 127.0.0.1 with the guesser.
    const device = (
      await office.request('POST', '/admin/devices', {
        token: admin,
        body: { kind: 'desk-phone', model: 'Next door', extension: user.extension },
      })
    ).body;
    const phone = await udpPeer(sip.ports.udp);
    expect(
      (await registerWithDigest(phone, user.extension, device.sipUsername, device.sipPassword)).status,
    ).toBe(200);
    phone.close();
    attacker.close();
  }, 30_000);
});
