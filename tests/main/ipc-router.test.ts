// The router's own checks, through its transport interface: who may call, and what crosses.
import { describe, expect, it } from 'vitest';
import { IpcFailure } from '../../main/ipc/failure';
import { IpcRouter } from '../../main/ipc/router';
import type { ChannelHandler, IpcTransport, Sender } from '../../main/ipc/transport';
import { CONTRACT } from '../../common/ipc/contract';
import { channelName } from '../../common/ipc/channel';

const APP = 'http://127.0.0.1:5000';

/** Records what the router registers and broadcasts, and calls a channel as a given sender. */
class RecordingTransport implements IpcTransport {
  readonly handlers = new Map<string, ChannelHandler>();
  readonly broadcasts: [string, unknown][] = [];
  handle(channel: string, handler: ChannelHandler) {
    this.handlers.set(channel, handler);
  }
  broadcast(event: string, payload: unknown) {
    this.broadcasts.push([event, payload]);
  }
  sendTo() {
    return false;
  }
  onDisconnect() {}
  call(
    channel: string,
    payload: unknown,
    sender: Sender = { origin: APP, topLevel: true, connection: 'page' },
  ) {
    return this.handlers.get(channel)!(sender, payload);
  }
}

function setUp() {
  const logged: string[] = [];
  const logger = {
    info: () => undefined,
    warn: (_: object, m: string) => logged.push(m),
    error: (_: object, m: string) => logged.push(m),
  };
  const transport = new RecordingTransport();
  const router = new IpcRouter(transport, { allowedOrigins: [APP], logger });
  return { transport, router, logged };
}

describe('IpcRouter', () => {
  it('registers every channel of the contract, under its domain:action name', () => {
    const { transport } = setUp();
    const expected = Object.entries(CONTRACT).flatMap(([domain, spec]) =>
      Object.keys(spec.requests).map((action) => channelName(domain, action)),
    );
    expect([...transport.handlers.keys()].sort()).toEqual(expected.sort());
    for (const name of expected) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    expect(expected).toContain('calls:hang-up');
    expect(expected).toContain('admin:list-users');
  });

  it('refuses a sub-frame, a foreign origin and a sender without one before any handler runs', async () => {
    const { transport, router } = setUp();
    let ran = 0;
    router.serve('app', {
      info: async () => {
        ran++;
        return { version: '1', host: 'electron' as const, office: { mode: 'remote' as const, url: 'x' } };
      },
      firstRunAdmin: async () => null,
      setUpOffice: async () => {
        throw new Error('not part of this test');
      },
      takeLink: async () => null,
      useOffice: async () => {
        throw new Error('not part of this test');
      },
    });
    for (const sender of [
      { origin: APP, topLevel: false, connection: 'page' },
      { origin: 'http://127.0.0.1:5001', topLevel: true, connection: 'page' },
      { origin: null, topLevel: true, connection: 'page' },
    ]) {
      expect(await transport.call('app:info', {}, sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    }
    expect(ran).toBe(0);
    expect(await transport.call('app:info', {})).toMatchObject({ ok: true, value: { version: '1' } });
  });

  it('passes an IpcFailure through and hides any other error behind internal_error', async () => {
    const { transport, router, logged } = setUp();
    router.serve('settings', {
      get: async () => {
        throw new IpcFailure('keyring_unavailable', 'No keyring', 'x');
      },
      update: async () => {
        throw new Error('secret detail /home/ana/.config');
      },
    });
    expect(await transport.call('settings:get', {})).toEqual({
      ok: false,
      error: { code: 'keyring_unavailable', message: 'No keyring', field: 'x' },
    });
    const hidden = await transport.call('settings:update', { theme: 'dark' });
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(JSON.stringify(hidden)).not.toContain('secret detail');
    expect(logged).toContain('IPC handler failed');
  });

  it('answers unavailable for a contract channel nothing serves, and publishes events by name', async () => {
    const { transport, router } = setUp();
    expect(await transport.call('registration:retry', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    router.publish('app', 'connectionChanged', { state: 'offline' });
    expect(transport.broadcasts).toEqual([['app:connection-changed', { state: 'offline' }]]);
  });

  it("runs main's own requests through the same validation and handlers, without a window", async () => {
    const { router } = setUp();
    let retried = 0;
    router.serve('registration', {
      state: async () => ({ state: 'registered' as const, reason: null, retryInSeconds: null }),
      retry: async () => {
        retried++;
        return null;
      },
    });
    expect(await router.invoke('registration', 'retry', {})).toEqual({ ok: true, value: null });
    expect(retried).toBe(1);
    expect(await router.invoke('calls', 'dial', { target: '101' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(await router.invoke('calls', 'dial', { target: '101; rm -rf' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'request.target' },
    });
  });
});
