// The softphone against a third-party SIP server: Kamailio (bench/kamailio/kamailio-ws.cfg) over
// WebSocket with digest, a plain proxy between two SoftphoneService instances. Media is plain
// SDP here: what is tested is that registration and calls work with a server that is not ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SoftphoneConfig } from '../../common/api/me';
import { silentLogger } from '../../server/logger';
import { SoftphoneService } from '../../main/softphone/softphone-service';
import type { Call } from '../../main/softphone/calls';
import { freeTcpPort } from '../../server/free-port';
import { writeSubscriberTable } from '../support/kamailio-subscribers';
import { StaticMedia } from './static-media';

const DOMAIN = 'office.example.com';
const USERS = [
  { extension: '201', password: 'Kamailio-secret-201' },
  { extension: '202', password: 'Kamailio-secret-202' },
];

/** Whether something accepts TCP connections on the port now. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

describe('SoftphoneService through Kamailio over WebSocket', () => {
  let dir: string;
  let kamailio: ChildProcess;
  let port: number;
  const phones: SoftphoneService[] = [];

  async function phone(
    user: (typeof USERS)[number],
  ): Promise<{ service: SoftphoneService; media: StaticMedia }> {
    const config: SoftphoneConfig = {
      sipUri: `sip:${user.extension}@${DOMAIN}`,
      authorizationUsername: user.extension,
      password: user.password,
      realm: DOMAIN,
      websocketServers: [`ws://127.0.0.1:${port}`],
      iceServers: [],
    };
    const media = new StaticMedia(`k${user.extension}`);
    const service = new SoftphoneService(
      config,
      { onWake: () => () => undefined },
      { logger: silentLogger, media },
    );
    phones.push(service);
    const registered = new Promise<void>((resolve) =>
      service.on('state', (state) => state.state === 'registered' && resolve()),
    );
    await service.start();
    await registered;
    return { service, media };
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-kamailio-'));
    const db = await writeSubscriberTable(
      dir,
      DOMAIN,
      USERS.map((u) => ({ username: u.extension, password: u.password })),
    );
    port = await freeTcpPort();
    kamailio = spawn(
      'kamailio',
      [
        '-DD',
        '-E',
        '-f',
        path.resolve('bench/kamailio/kamailio-ws.cfg'),
        '-A',
        `LISTEN=tcp:127.0.0.1:${port}`,
        '-A',
        `DBURL="text://${db}"`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    // Kamailio says nothing when it is ready: its port accepting connections is the sign.
    await vi.waitFor(
      async () => {
        if (kamailio.exitCode !== null) throw new Error(`kamailio exited with ${kamailio.exitCode}`);
        if (!(await accepts(port))) throw new Error('kamailio does not accept connections yet');
      },
      { timeout: 15_000, interval: 100 },
    );
  });
  afterAll(async () => {
    await Promise.all(phones.map((p) => p.stop()));
    if (kamailio?.pid && kamailio.exitCode === null) {
      const exited = once(kamailio, 'exit');
      process.kill(-kamailio.pid, 'SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('registers with digest, calls, answers and hangs up through Kamailio', async () => {
    const [a, b] = [await phone(USERS[0]!), await phone(USERS[1]!)];
    const incoming = new Promise<Call>((resolve) => b.service.calls.once('incoming', resolve));
    const out = a.service.calls.dial(USERS[1]!.extension);
    const ringing = await incoming;
    expect(ringing).toMatchObject({
      direction: 'incoming',
      remoteNumber: USERS[0]!.extension,
      state: 'ringing',
    });
    await b.service.calls.answer(ringing.id);
    await expect.poll(() => a.service.calls.list()[0]?.state).toBe('active');
    expect(a.media.applied.get(out.id)?.[0]).toContain('o=k202 ');
    expect(b.media.applied.get(ringing.id)?.[0]).toContain('o=k201 ');
    await a.service.calls.hangUp(out.id);
    await expect.poll(() => b.service.calls.list()).toEqual([]);
  });

  it('says the password is wrong when Kamailio refuses it', async () => {
    const service = new SoftphoneService(
      {
        sipUri: `sip:201@${DOMAIN}`,
        authorizationUsername: '201',
        password: 'not-the-password',
        realm: DOMAIN,
        websocketServers: [`ws://127.0.0.1:${port}`],
        iceServers: [],
      },
      { onWake: () => () => undefined },
      { logger: silentLogger, media: new StaticMedia('wrong') },
    );
    phones.push(service);
    const failed = new Promise((resolve) =>
      service.on('state', (state) => state.state === 'failed' && resolve(state)),
    );
    await service.start();
    expect(await failed).toMatchObject({ reason: 'wrong-password' });
  });
});
