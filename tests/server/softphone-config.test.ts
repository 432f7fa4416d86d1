import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestOffice } from '../support/office';

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
