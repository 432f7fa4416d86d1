// The media bridge over the browser host's real IPC socket: main's media work goes to the one
// page that announced itself, only that page may answer, and its going away ends the work.
import { once } from 'node:events';
import os from 'node:os';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/logger';
import { IpcRouter } from '../../main/ipc/router';
import { BrowserHost } from '../../main/web/host';
import { SocketTransport } from '../../main/web/socket-transport';
import { MediaBridge } from '../../main/softphone/media-bridge';

interface Page {
  socket: WebSocket;
  events: { event: string; payload: any }[];
  invoke(channel: string, payload: unknown): Promise<any>;
}

describe('MediaBridge', () => {
  let host: BrowserHost;
  let media: MediaBridge;
  const pages: Page[] = [];

  async function page(): Promise<Page> {
    const url = new URL(host.url);
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    const socket = new WebSocket(`ws://${url.host}/ipc?token=${token}`, { origin: host.origin });
    await once(socket, 'open');
    const events: Page['events'] = [];
    const waiting = new Map<string, (result: unknown) => void>();
    let next = 0;
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.event) events.push(frame);
      else waiting.get(frame.id)?.(frame.result);
    });
    const made: Page = {
      socket,
      events,
      invoke: (channel, payload) =>
        new Promise((resolve) => {
          const id = `p${++next}`;
          waiting.set(id, resolve);
          socket.send(JSON.stringify({ id, channel, payload }));
        }),
    };
    pages.push(made);
    return made;
  }

  beforeEach(async () => {
    const transport = new SocketTransport();
    host = await BrowserHost.start({ port: 0, rendererDir: os.tmpdir(), transport });
    const router = new IpcRouter(transport, { allowedOrigins: [host.origin], logger: silentLogger });
    media = new MediaBridge(router, silentLogger);
    router.serve('media', {
      announce: async (_request, sender) => (media.announce(sender.connection), null),
      done: async (answer, sender) => (media.done(answer, sender.connection), null),
      stats: async ({ callId }) => media.stats(callId),
    });
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) p.socket.close();
    await host.close();
  });

  it('asks only the page that announced itself, and takes the answer only from it', async () => {
    const [provider, other] = [await page(), await page()];
    expect(await provider.invoke('media:announce', {})).toEqual({ ok: true, value: null });
    const described = media.describe('call-1', { hold: true, iceRestart: false });
    await expect.poll(() => provider.events.length).toBe(1);
    const work = provider.events[0]!.payload;
    expect(work).toMatchObject({
      action: 'describe',
      callId: 'call-1',
      hold: true,
      iceRestart: false,
      iceServers: [],
    });
    expect(other.events).toEqual([]);

    const forged = await other.invoke('media:done', {
      requestId: work.requestId,
      ok: true,
      sdp: 'v=0 forged',
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const unknown = await provider.invoke('media:done', { requestId: 'm999', ok: true, sdp: 'v=0' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', field: 'request.requestId' } });
    const oversize = await provider.invoke('media:done', {
      requestId: work.requestId,
      ok: true,
      sdp: 'x'.repeat(40_000),
    });
    expect(oversize).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'request.sdp' } });

    expect(
      await provider.invoke('media:done', { requestId: work.requestId, ok: true, sdp: 'v=0 real' }),
    ).toEqual({
      ok: true,
      value: null,
    });
    await expect(described).resolves.toBe('v=0 real');
  });

  it('passes the page’s failure on as no_media', async () => {
    const provider = await page();
    await provider.invoke('media:announce', {});
    const applied = expect(media.apply('call-2', 'v=0')).rejects.toMatchObject({
      code: 'no_media',
      message: /setRemoteDescription failed/,
    });
    await expect.poll(() => provider.events.length).toBe(1);
    const { requestId } = provider.events[0]!.payload;
    await provider.invoke('media:done', { requestId, ok: false, message: 'setRemoteDescription failed' });
    await applied;
  });

  it('refuses work while no page does the audio, and loses it all when the page goes away', async () => {
    await expect(media.describe('call-3', { hold: false, iceRestart: false })).rejects.toMatchObject({
      code: 'no_media',
    });
    const provider = await page();
    await provider.invoke('media:announce', {});
    expect(media.available).toBe(true);
    const lost = once(media, 'lost');
    const waiting = expect(media.stats('call-3')).rejects.toMatchObject({
      code: 'no_media',
      message: /went away/,
    });
    await expect.poll(() => provider.events.length).toBe(1);
    provider.socket.close();
    await waiting;
    expect((await lost)[0]).toMatch(/went away/);
    expect(media.available).toBe(false);
  });
});
