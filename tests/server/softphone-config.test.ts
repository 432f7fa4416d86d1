import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { RTCPeerConnection } from 'werift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestOffice } from '../support/office';
import { freeTcpPort } from '../../server/free-port';

describe('/me/softphone behind a public address with ICE servers', () => {
  let office: TestOffice;

  beforeAll(async () => {
    office = await TestOffice.start('sqlite', {
      httpHost: '0.0.0.0',
      publicAddress: 'pbx.example.com',
      iceServers: [
        { urls: ['stun:stun.example.com:3478'] },
        { urls: ['turn:turn.example.com'], username: 'office', credential: 's3cret' },
      ],
    });
  });
  afterAll(() => office?.close());

  it('advertises the public address and hands over the ICE servers', async () => {
    const user = await office.createSignedInUser(await office.adminToken(), 'Remote Rita');
    const softphone = (await office.request('GET', '/me/softphone', { token: user.token })).body;
    expect(softphone.websocketServers).toEqual(['ws://pbx.example.com:5066']);
    expect(softphone.websocketServers.join()).not.toContain('0.0.0.0');
    expect(softphone.iceServers).toEqual([
      { urls: ['stun:stun.example.com:3478'] },
      { urls: ['turn:turn.example.com'], username: 'office', credential: 's3cret' },
    ]);
  });
});

describe('/me/softphone with a TURN server whose credentials expire (coturn, use-auth-secret)', () => {
  const SECRET = 'a-secret-shared-with-coturn';
  let office: TestOffice;
  let coturn: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freeTcpPort();
    coturn = spawn(
      'turnserver',
      [
        '-n',
        ...['--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(port)],
        ...['--use-auth-secret', '--static-auth-secret', SECRET, '--realm', 'office.example.com'],
        ...['--no-tls', '--no-dtls', '--no-cli', '--allow-loopback-peers', '--log-file', 'stdout'],
        ...['--min-port', String(port + 1), '--max-port', String(port + 40), '--pidfile', ''],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`coturn did not start: ${log}`)), 10_000);
      coturn.stdout!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (/Total (UDP|General) servers/.test(log) || log.includes('IPv4. UDP listener opened')) {
          clearTimeout(timer);
          resolve();
        }
      });
      coturn.once('exit', (code) => reject(new Error(`coturn exited with ${code}: ${log}`)));
    });
    office = await TestOffice.start('sqlite', {
      turn: { urls: [`turn:127.0.0.1:${port}?transport=udp`], secret: SECRET, ttlSeconds: 600 },
    });
  });
  afterAll(async () => {
    coturn?.kill('SIGTERM');
    await office?.close();
  });

  /**
   * Whether werift gets a relay candidate from the TURN server with these credentials: on
   * loopback an allocation takes milliseconds, so none within 2 s is a refusal (werift itself
   * would retry for longer).
   */
  async function relays(server: {
    urls: string[];
    username?: string;
    credential?: string;
  }): Promise<boolean> {
    const pc = new RTCPeerConnection({
      iceServers: [
        { urls: server.urls[0]!.split('?')[0]!, username: server.username, credential: server.credential },
      ],
      iceTransportPolicy: 'relay',
    });
    pc.addTransceiver('audio');
    const relayed = new Promise<boolean>((resolve) => {
      pc.onIceCandidate.subscribe((candidate) => {
        if (candidate?.candidate.includes(' typ relay ')) resolve(true);
      });
      setTimeout(() => resolve(false), 2000);
    });
    void pc
      .createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch(() => undefined);
    const result = await relayed;
    await pc.close();
    return result;
  }

  it('hands each softphone credentials good for the TTL, which coturn accepts, and which stop working once expired', async () => {
    const user = await office.createSignedInUser(await office.adminToken(), 'Turning Tina');
    const before = Math.floor(Date.now() / 1000);
    const { iceServers } = (await office.request('GET', '/me/softphone', { token: user.token })).body;
    expect(iceServers).toHaveLength(1);
    const [turn] = iceServers as { urls: string[]; username: string; credential: string }[];
    const [expiry, who] = turn!.username.split(':');
    expect(Number(expiry) - before).toBeGreaterThanOrEqual(599);
    expect(Number(expiry) - before).toBeLessThanOrEqual(601);
    expect(who).toMatch(/^\S+$/);
    expect(turn!.credential).toBe(createHmac('sha1', SECRET).update(turn!.username).digest('base64'));
    expect(await relays(turn!)).toBe(true);

    // The same kind of pair, expired a minute ago: coturn refuses it.
    const stale = `${before - 60}:${who}`;
    const expired = {
      urls: turn!.urls,
      username: stale,
      credential: createHmac('sha1', SECRET).update(stale).digest('base64'),
    };
    expect(await relays(expired)).toBe(false);
    // And a pair signed with another secret.
    expect(
      await relays({
        ...turn!,
        credential: createHmac('sha1', 'not-the-secret').update(turn!.username).digest('base64'),
      }),
    ).toBe(false);
  });
});
