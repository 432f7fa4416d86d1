// The softphone's registration against the office's real SIP WebSocket, through a TCP proxy
// the test can cut, and across a restart of the office's SIP service.
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SoftphoneConfig } from '../../common/api/me';
import { silentLogger } from '../../server/logger';
import { startSipService, type SipService } from '../../server/sip/service';
import type { PowerEvents, WakeReason } from '../../main/softphone/power-events';
import { SoftphoneService, retryDelay, type Registration } from '../../main/softphone/softphone-service';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { TcpProxy } from '../support/tcp-proxy';
import { StaticMedia } from './static-media';

class TestPower extends EventEmitter<{ wake: [WakeReason] }> implements PowerEvents {
  onWake(listener: (reason: WakeReason) => void) {
    this.on('wake', listener);
    return () => void this.off('wake', listener);
  }
}

/** Resolves when the service next reports `state`, with how long it took. */
function next(service: SoftphoneService, state: Registration['state']): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const listener = (now: Registration) => {
      if (now.state !== state) return;
      service.off('state', listener);
      resolve(Date.now() - started);
    };
    service.on('state', listener);
  });
}

describe('SoftphoneService', () => {
  let sip: SipOffice;
  let config: SoftphoneConfig;
  let extension: string;
  let proxy: TcpProxy;
  /** The office's SIP service now running (a test restarts it). */
  let live: SipService;

  beforeAll(async () => {
    sip = await startSipOffice();
    const user = await sip.office.createSignedInUser(await sip.office.adminToken(), 'Sofia Phone');
    extension = user.extension;
    config = (await sip.office.request('GET', '/me/softphone', { token: user.token })).body;
    live = sip.sip;
    proxy = new TcpProxy(live.ports.ws);
    await proxy.open();
  });
  afterAll(async () => {
    await proxy?.close();
    await live?.close();
    await sip?.office.close();
  });

  const bindings = () => live.registrar.contactsOf(extension);
  const start = async (power = new TestPower()) => {
    const service = new SoftphoneService(
      { ...config, websocketServers: [`ws://127.0.0.1:${proxy.port}`] },
      power,
      { logger: silentLogger, pingIntervalMs: 1000, media: new StaticMedia('sofia') },
    );
    const registered = next(service, 'registered');
    await service.start();
    await registered;
    return service;
  };

  it('registers, and un-REGISTERs on stop', async () => {
    const service = await start();
    expect(service.state).toEqual({ state: 'registered', reason: null, retryInSeconds: null });
    expect(bindings()).toHaveLength(1);
    await service.stop();
    expect(bindings()).toHaveLength(0);
  });

  it('registers again within 5 s when the server side of its socket is cut', async () => {
    const service = await start();
    const lost = next(service, 'registering');
    const back = next(service, 'registered');
    proxy.cutConnections();
    await lost;
    expect(service.state.reason).toBe('server-unreachable');
    expect(await back).toBeLessThan(5000);
    expect(bindings()).toHaveLength(1);
    await service.stop();
  });

  it('sends a fresh REGISTER when the computer resumes', async () => {
    const power = new TestPower();
    const service = await start(power);
    const before = bindings()[0]!.cseq;
    power.emit('wake', 'resume');
    await expect.poll(() => bindings()[0]?.cseq ?? 0).toBeGreaterThan(before);
    expect(service.state.state).toBe('registered');
    await service.stop();
  });

  it('is registered again within 10 s of the office’s SIP service restarting', async () => {
    const service = await start();
    const lost = next(service, 'registering');
    await live.close();
    await lost;
    const back = next(service, 'registered');
    live = await startSipService(sip.office.office);
    expect(await back).toBeLessThan(10_000);
    expect(bindings()).toHaveLength(1);
    await service.stop();
  });

  it('says the password is wrong instead of retrying for ever', async () => {
    const service = new SoftphoneService({ ...config, password: 'not-the-password' }, new TestPower(), {
      logger: silentLogger,
      media: new StaticMedia('sofia'),
    });
    const failed = next(service, 'failed');
    await service.start();
    await failed;
    expect(service.state).toEqual({ state: 'failed', reason: 'wrong-password', retryInSeconds: null });
    await service.stop();
  });

  it('backs off from 0.5 s to at most 30 s, with jitter', () => {
    expect(retryDelay(0, () => 0.5)).toBe(500);
    expect(retryDelay(3, () => 0.5)).toBe(4000);
    expect(retryDelay(20, () => 0.5)).toBe(30_000);
    expect(retryDelay(20, () => 0)).toBe(15_000);
    expect(retryDelay(20, () => 0.999)).toBeLessThan(45_000);
  });
});
